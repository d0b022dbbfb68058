package dev.ferry.dataframe.parquet;

import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeRef;
import dev.ferry.transformers.FieldName;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type.Repetition;
import org.jspecify.annotations.Nullable;

/**
 * The columns of a dataset row type (a Java record): one Parquet column per component, in
 * declaration order, named as the component (or its {@link FieldName}). A component is nullable (an
 * OPTIONAL column) when it is an {@code Optional} or annotated {@code @Nullable}; otherwise the
 * column is REQUIRED. A {@code List} component is a list column (its elements nullable when they
 * are {@code Optional} or {@code @Nullable}), a record component a struct column, a {@code
 * BigDecimal} a decimal column ({@link DecimalColumn}). Built once per record type; immutable.
 *
 * @param <R> the record type
 */
public final class RowSchema<R extends Record> {
  private static final MethodType ACCESSOR = MethodType.methodType(Object.class, Object.class);

  /**
   * One column: the component it comes from and how it is stored; {@code javaType} is the
   * component's type without its {@code Optional}.
   */
  record Column(
      String name,
      String component,
      RowType type,
      boolean nullable,
      boolean optionalWrapper,
      Class<?> javaType,
      MethodHandle accessor) {
    /** Returns the kind of a primitive column, or null for a list or struct. */
    @Nullable ColumnKind kind() {
      return type instanceof RowType.Leaf l ? l.kind() : null;
    }
  }

  private final Class<R> type;
  private final List<Column> columns;
  private final MethodHandle constructor;
  private final MessageType messageType;

  private RowSchema(Class<R> type, List<Column> columns, MethodHandle constructor) {
    this.type = type;
    this.columns = List.copyOf(columns);
    this.constructor = constructor;
    this.messageType = new MessageType("schema", fieldTypes());
  }

  /** Returns the Parquet types of the columns. */
  List<org.apache.parquet.schema.Type> fieldTypes() {
    List<org.apache.parquet.schema.Type> fields = new ArrayList<>();
    for (Column c : columns) {
      fields.add(c.type.parquet(c.name, c.nullable ? Repetition.OPTIONAL : Repetition.REQUIRED));
    }
    return fields;
  }

  /**
   * Returns the schema of {@code type}.
   *
   * @throws TypeDefinitionException if a component has a type rows cannot hold
   */
  public static <R extends Record> RowSchema<R> of(Class<R> type) {
    return of(type, new ArrayList<>());
  }

  private static <R extends Record> RowSchema<R> of(Class<R> type, List<Class<?>> enclosing) {
    if (!type.isRecord()) {
      throw new TypeDefinitionException(
          TypeRef.of(type), "dataset rows must be records, but " + type.getName() + " is not one");
    }
    if (enclosing.contains(type)) {
      throw new TypeDefinitionException(
          TypeRef.of(enclosing.get(0)),
          "record " + type.getName() + " contains itself: a dataset column cannot be recursive");
    }
    enclosing.add(type);
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
      Type generic = optionalWrapper ? optionalArgument(type, rc) : rc.getGenericType();
      Class<?> javaType = raw(generic);
      AnnotatedType annotated =
          optionalWrapper && rc.getAnnotatedType() instanceof AnnotatedParameterizedType ap
              ? ap.getAnnotatedActualTypeArguments()[0]
              : rc.getAnnotatedType();
      RowType columnType =
          rowType(generic, annotated, rc.getAnnotation(DecimalColumn.class), enclosing);
      if (columnType == null) {
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
                + ((RowType.Leaf) columnType).kind().boxed.getSimpleName());
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
          new Column(
              name, rc.getName(), columnType, nullable, optionalWrapper, javaType, accessor));
    }
    enclosing.remove(enclosing.size() - 1);
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

  private static Class<?> raw(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return Object.class;
  }

  /**
   * Returns the column type of a component (or list element) of Java type {@code t}, or null if a
   * column cannot hold it.
   */
  private static @Nullable RowType rowType(
      Type t,
      @Nullable AnnotatedType annotated,
      @Nullable DecimalColumn decimal,
      List<Class<?>> enclosing) {
    if (t instanceof Class<?> c) {
      ColumnKind kind = ColumnKind.of(c);
      if (kind == ColumnKind.DECIMAL) {
        return decimal(decimal, enclosing);
      }
      if (kind != null) {
        return RowType.Leaf.of(kind);
      }
      if (c.isRecord()) {
        return new RowType.Struct(of(c.asSubclass(Record.class), enclosing));
      }
      return null;
    }
    if (t instanceof ParameterizedType p && p.getRawType() == List.class) {
      Type element = p.getActualTypeArguments()[0];
      AnnotatedType annotatedElement =
          annotated instanceof AnnotatedParameterizedType ap
              ? ap.getAnnotatedActualTypeArguments()[0]
              : null;
      boolean wrapper =
          element instanceof ParameterizedType ep && ep.getRawType() == Optional.class;
      Type inner = wrapper ? ((ParameterizedType) element).getActualTypeArguments()[0] : element;
      if (inner instanceof Class<?> c && c.isPrimitive()) {
        return null;
      }
      RowType e = rowType(inner, annotatedElement, decimal, enclosing);
      if (e == null) {
        return null;
      }
      boolean nullable = wrapper || (annotatedElement != null && hasNullable(annotatedElement));
      return new RowType.ListOf(e, nullable, wrapper);
    }
    return null;
  }

  private static RowType.Leaf decimal(@Nullable DecimalColumn d, List<Class<?>> enclosing) {
    if (d == null) {
      return new RowType.Leaf(
          ColumnKind.DECIMAL, DecimalColumn.DEFAULT_PRECISION, DecimalColumn.DEFAULT_SCALE);
    }
    if (d.precision() < 1 || d.precision() > 38 || d.scale() < 0 || d.scale() > d.precision()) {
      throw new TypeDefinitionException(
          TypeRef.of(enclosing.get(enclosing.size() - 1)),
          "@DecimalColumn(precision = "
              + d.precision()
              + ", scale = "
              + d.scale()
              + ") is not a decimal: the precision is 1 to 38 and the scale 0 to the precision");
    }
    return new RowType.Leaf(ColumnKind.DECIMAL, d.precision(), d.scale());
  }

  private static Type optionalArgument(Class<?> type, RecordComponent rc) {
    Type g = rc.getGenericType();
    if (g instanceof ParameterizedType p
        && (p.getActualTypeArguments()[0] instanceof Class<?>
            || p.getActualTypeArguments()[0] instanceof ParameterizedType)) {
      return p.getActualTypeArguments()[0];
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

  private static boolean hasNullable(AnnotatedType t) {
    for (Annotation a : t.getAnnotations()) {
      if (a.annotationType().getSimpleName().equals("Nullable")) {
        return true;
      }
    }
    return false;
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
