package dev.ferry.transformers;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeRef;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.idl.core.BlobType;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.transformers.msgpack.JsonSchema;
import dev.ferry.transformers.msgpack.MsgpackCodec;
import dev.ferry.transformers.msgpack.MsgpackReader;
import java.io.IOException;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;

/**
 * {@link BigDecimal}, as the Python SDK 1.16 carries {@code decimal.Decimal}.
 *
 * <p>Inside a record (a dataclass field) the value is its decimal string, {@code str(Decimal)} in
 * Python and {@link BigDecimal#toString()} in Java (the same notation: {@code "12.50"}, {@code
 * "1E+3"}), with the JSON Schema {@code {"type": "string", "format": "decimal"}}; the field's
 * literal type is the one Python declares for it, a pickle blob.
 *
 * <p>The Python SDK has no transformer of its own for {@code Decimal}: a top-level {@code Decimal}
 * input or output is pickled into a file, which Java cannot read or write. A top-level {@code
 * BigDecimal} is therefore a definition error that says what to declare instead: a {@code String}
 * holding the decimal, or a record with a {@code BigDecimal} component.
 */
final class BigDecimalTransformer implements TypeTransformer<BigDecimal>, MsgpackCodec<BigDecimal> {
  static final Factory FACTORY =
      (type, engine) -> type.rawType() == BigDecimal.class ? new BigDecimalTransformer() : null;

  /** The tag of Python's pickle transformer, which handles {@code Decimal}. */
  private static final String TAG = "FlytePickle";

  private static final LiteralType TYPE =
      LiteralType.newBuilder()
          .setBlob(
              BlobType.newBuilder()
                  .setFormat("PythonPickle")
                  .setDimensionality(BlobType.BlobDimensionality.SINGLE))
          .setMetadata(
              Struct.newBuilder()
                  .putFields(
                      "python_class_name",
                      Value.newBuilder().setStringValue("<class 'decimal.Decimal'>").build()))
          .build();

  private static final Value SCHEMA = JsonSchema.string("decimal");

  @Override
  public LiteralType literalType() {
    return TYPE;
  }

  @Override
  public String unionTag() {
    return TAG;
  }

  private static TypeDefinitionException topLevel() {
    return new TypeDefinitionException(
        TypeRef.of(BigDecimal.class),
        "java.math.BigDecimal can be a record component (a dataclass field, carried as its decimal"
            + " string) but not a task input or output on its own: the Python SDK pickles a"
            + " top-level Decimal, which Java cannot read or write. Declare a String holding the"
            + " decimal (str in Python), or a record with a BigDecimal component");
  }

  @Override
  public Literal toLiteral(@Nullable BigDecimal value, TransformContext ctx) {
    throw topLevel();
  }

  @Override
  public BigDecimal toJava(Literal literal, TransformContext ctx) {
    throw topLevel();
  }

  @Override
  public void pack(@Nullable BigDecimal value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    if (value == null) {
      throw new LiteralConversionException("a decimal", "null", BigDecimal.class, null);
    }
    packer.packString(value.toString());
  }

  @Override
  public BigDecimal unpack(MsgpackReader reader) throws IOException {
    String s = reader.readString(BigDecimal.class);
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      throw reader.error(
          "a finite decimal such as '12.50'", "string " + Literals.quote(s), BigDecimal.class);
    }
  }

  @Override
  public Value jsonSchema() {
    return SCHEMA;
  }
}
