package dev.ferry.dataframe.parquet;

import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeRef;
import dev.ferry.transformers.FieldName;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.jspecify.annotations.Nullable;

/**
 * The columns of a dataset row type (a Java record): one Parquet column per component, in
 * declaration order, named as the component (or its {@link FieldName}). A component is nullable (an
 * OPTIONAL column) when it is an {@code Optional} or annotated {@code @Nullable}; otherwise the
 * column is REQUIRED. Built once per record type; immutable.
 *
 * @param <R> the record type
 */
public final class RowSchema<R extends Record> {
  private static final MethodType ACCESSOR = MethodType.methodType(Object.class, Object.class);

  /** One column: the component it comes from and how it is stored. */
  record Column(
      String name,
      String component,
      ColumnKind kind,
      boolean nullable,
      boolean optionalWrapper,
      Class<?> javaType,
      MethodHandle accessor) {}

  private final Class<R> type;
  private final List<Column> columns;
  private final MethodHandle constructor;
  private final MessageType messageType;

  private RowSchema(Class<R> type, List<Column> columns, MethodHandle constructor) {
    this.type = type;
    this.columns = List.copyOf(columns);
    this.constructor = constructor;
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (Column c : columns) {
      var p =
          Types.primitive(c.kind.physical, c.nullable ? Repetition.OPTIONAL : Repetition.REQUIRED);
      if (c.kind.logical != null) {
        p = p.as(c.kind.logical);
      }
      b.addField(p.named(c.name));
    }
    this.messageType = b.named("schema");
  }

  /**
   * Returns the schema of {@code type}.
   *
   * @throws TypeDefinitionException if a component has a type rows cannot hold
   */
  public static <R extends Record> RowSchema<R> of(Class<R> type) {
    if (!type.isRecord()) {
      throw new TypeDefinitionException(
          TypeRef.of(type), "dataset rows must be records, but " + type.getName() + " is not one");
    }
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    List<Column> columns = new ArrayList<>();
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] parameterTypes = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent rc = components[i];
      parameterTypes[i] = rc.getType();
      FieldName rename = rc.getAnnotation(FieldName.class);
      String name = rename != null ? rename.value() : rc.getName();
      boolean optionalWrapper = rc.getType() == Optional.class;
      Class<?> javaType = optionalWrapper ? optionalArgument(type, rc) : rc.getType();
      ColumnKind kind = ColumnKind.of(javaType);
      if (kind == null) {
        throw new TypeDefinitionException(
            TypeRef.of(type),
            "component '"
                + rc.getName()
                + "' of record "
                + type.getName()
                + " has type "
                + rc.getGenericType().getTypeName()
                + ", which a dataset column cannot hold: use "
                + ColumnKind.supported());
      }
      boolean nullable = optionalWrapper || isNullable(rc);
      if (nullable && javaType.isPrimitive()) {
        throw new TypeDefinitionException(
            TypeRef.of(type),
            "component '"
                + rc.getName()
                + "' of record "
                + type.getName()
                + " is @Nullable but primitive: use "
                + kind.boxed.getSimpleName());
      }
      MethodHandle accessor;
      try {
        rc.getAccessor().setAccessible(true);
        accessor = lookup.unreflect(rc.getAccessor()).asType(ACCESSOR);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new TypeDefinitionException(
            TypeRef.of(type),
            "cannot access component '" + rc.getName() + "' of record " + type.getName(),
            e);
      }
      columns.add(
          new Column(name, rc.getName(), kind, nullable, optionalWrapper, javaType, accessor));
    }
    MethodHandle constructor;
    try {
      Constructor<R> ctor = type.getDeclaredConstructor(parameterTypes);
      ctor.setAccessible(true);
      constructor =
          lookup
              .unreflectConstructor(ctor)
              .asSpreader(Object[].class, components.length)
              .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new TypeDefinitionException(
          TypeRef.of(type), "cannot access the canonical constructor of " + type.getName(), e);
    }
    return new RowSchema<>(type, columns, constructor);
  }

  private static Class<?> optionalArgument(Class<?> type, RecordComponent rc) {
    Type g = rc.getGenericType();
    if (g instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
      return c;
    }
    throw new TypeDefinitionException(
        TypeRef.of(type),
        "component '"
            + rc.getName()
            + "' of record "
            + type.getName()
            + " is "
            + g.getTypeName()
            + ": an Optional column needs a concrete type argument such as Optional<Long>");
  }

  private static boolean isNullable(RecordComponent rc) {
    for (Annotation a : rc.getAnnotatedType().getAnnotations()) {
      if (a.annotationType().getSimpleName().equals("Nullable")) {
        return true;
      }
    }
    for (Annotation a : rc.getAnnotations()) {
      if (a.annotationType().getSimpleName().equals("Nullable")) {
        return true;
      }
    }
    return false;
  }

  /** Returns the record type. */
  public Class<R> type() {
    return type;
  }

  /** Returns the column names in declaration order. */
  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  /** Returns the Parquet schema rows of this type are written with. */
  public MessageType messageType() {
    return messageType;
  }

  List<Column> columns() {
    return columns;
  }

  R newRow(Object[] values) {
    try {
      return type.cast(constructor.invokeExact(values));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("the constructor of " + type.getName() + " failed", t);
    }
  }

  static @Nullable Object get(Column c, Object row) {
    try {
      return c.accessor.invokeExact(row);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("accessor of '" + c.component + "' failed", t);
    }
  }

  @Override
  public String toString() {
    return "RowSchema{" + type.getName() + ": " + messageType + "}";
  }
}
