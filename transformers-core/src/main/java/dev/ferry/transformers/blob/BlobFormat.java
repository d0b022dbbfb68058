package dev.ferry.transformers.blob;

import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeRef;
import dev.ferry.engine.TypeTransformer;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.AnnotatedElement;

/**
 * Declares the format of a {@link FlyteFile} or {@link FlyteDirectory} record component, as {@code
 * FlyteFile["csv"]} does in Python: the component's literal type is {@code blob{format: "csv"}} (in
 * the record's {@code dataclass_type} and wherever the record's type is compared), and files read
 * back carry the format.
 *
 * <pre>{@code
 * record Report(String name, @BlobFormat("csv") FlyteFile table) {}
 * }</pre>
 *
 * <p>Outside records, {@link FlyteFileTransformer#withFormat} and {@link
 * FlyteDirectoryTransformer#withFormat} give the same transformer.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
public @interface BlobFormat {
  /** The format, e.g. {@code "csv"}; the Python SDK strips a leading {@code "."} or {@code "~"}. */
  String value();

  /** Applies {@link BlobFormat} to the transformers of annotated elements. */
  final class Support {
    private Support() {}

    /**
     * Returns {@code transformer} with the format {@code element} declares, or {@code transformer}
     * itself when it declares none.
     *
     * @throws TypeDefinitionException if the element declares a format but is not a file or a
     *     directory
     */
    public static TypeTransformer<?> apply(
        TypeTransformer<?> transformer, AnnotatedElement element, TypeRef<?> type, String where) {
      BlobFormat format = element.getAnnotation(BlobFormat.class);
      if (format == null) {
        return transformer;
      }
      if (transformer instanceof FlyteFileTransformer f) {
        return f.withFormat(format.value());
      }
      if (transformer instanceof FlyteDirectoryTransformer d) {
        return d.withFormat(format.value());
      }
      throw new TypeDefinitionException(
          type,
          "@BlobFormat(\""
              + format.value()
              + "\") on "
              + where
              + " needs a FlyteFile or FlyteDirectory but the type is "
              + type);
    }
  }
}
