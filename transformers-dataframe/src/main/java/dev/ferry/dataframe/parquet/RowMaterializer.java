package dev.ferry.dataframe.parquet;

import dev.ferry.engine.LiteralConversionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.jspecify.annotations.Nullable;

/**
 * Assembles records of a row type from the Parquet columns the reader asked for. {@link #project}
 * matches the record's components to the file's columns by name, recursively into structs, and
 * returns the requested schema (only those columns, so the reader never decodes the others); each
 * column gets a converter from its physical and logical type to the component's Java type, checked
 * once, up front.
 */
final class RowMaterializer<R extends Record> extends RecordMaterializer<R> {
  private final RowSchema<R> schema;
  private final Object[] values;
  private final Root root;
  private final MessageType requested;

  private RowMaterializer(RowSchema<R> schema, MessageType requested) {
    this.schema = schema;
    this.values = new Object[schema.columns().size()];
    this.requested = requested;
    Converter[] converters =
        RowConverters.fields(schema, requested, values, RowConverters.Where.ROOT, schema.type());
    this.root = new Root(converters, values);
  }

  /**
   * Returns the materializer of {@code schema}'s rows from a file of {@code fileSchema}.
   *
   * @throws LiteralConversionException if a non-nullable component has no column, or a column
   *     cannot be read as its component's type
   */
  static <R extends Record> RowMaterializer<R> project(
      RowSchema<R> schema, MessageType fileSchema) {
    List<Type> fields = projectFields(schema, fileSchema, "");
    return new RowMaterializer<>(schema, new MessageType(fileSchema.getName(), fields));
  }

  /** Returns the fields of {@code file} that {@code schema}'s components read, projected. */
  static List<Type> projectFields(RowSchema<?> schema, GroupType file, String prefix) {
    List<Type> fields = new ArrayList<>();
    List<RowSchema.Column> columns = schema.columns();
    for (int i = 0; i < columns.size(); i++) {
      RowSchema.Column c = columns.get(i);
      String name = prefix + c.name();
      if (!file.containsField(c.name())) {
        if (c.nullable()) {
          continue;
        }
        throw new LiteralConversionException(
            "a column '" + name + "'",
            "none (the file has " + names(file) + ")",
            schema.type(),
            null);
      }
      fields.add(project(c.type(), file.getType(c.name()), name, c.javaType(), schema.type()));
    }
    return fields;
  }

  /** Returns {@code file} projected to what {@code type} reads, checking that it can. */
  private static Type project(
      RowType type, Type file, String name, Class<?> javaType, Class<?> rowType) {
    if (file.isRepetition(Type.Repetition.REPEATED)) {
      throw incompatible(name, javaType, file, rowType, " (a repeated field without a LIST group)");
    }
    if (type instanceof RowType.Leaf leaf) {
      if (!file.isPrimitive()) {
        throw incompatible(name, javaType, file, rowType, "");
      }
      RowConverters.check(leaf, file.asPrimitiveType(), name, javaType, rowType);
      return file;
    }
    if (file.isPrimitive()) {
      throw incompatible(name, javaType, file, rowType, "");
    }
    GroupType group = file.asGroupType();
    if (type instanceof RowType.Struct struct) {
      if (group.getLogicalTypeAnnotation() != null) {
        throw incompatible(name, javaType, file, rowType, "");
      }
      List<Type> fields = projectFields(struct.schema(), group, name + ".");
      if (fields.isEmpty()) {
        throw new LiteralConversionException(
            "a struct column '" + name + "' with a field of " + struct.schema().type().getName(),
            "'" + file.toString().trim() + "'",
            rowType,
            null);
      }
      return group.withNewFields(fields);
    }
    RowType.ListOf list = (RowType.ListOf) type;
    ListLayout layout = ListLayout.of(group);
    if (layout == null) {
      throw incompatible(name, javaType, file, rowType, " (not a LIST group)");
    }
    Type element =
        projectElement(list.element(), layout.element(), name + "[]", elementClass(list), rowType);
    Type repeated =
        layout.threeLevel() ? layout.repeated().asGroupType().withNewFields(element) : element;
    return group.withNewFields(repeated);
  }

  private static Type projectElement(
      RowType type, Type element, String name, Class<?> javaType, Class<?> rowType) {
    if (!element.isRepetition(Type.Repetition.REPEATED)) {
      return project(type, element, name, javaType, rowType);
    }
    // a two-level list: the repeated field is the element itself
    if (type instanceof RowType.Leaf leaf && element.isPrimitive()) {
      RowConverters.check(leaf, element.asPrimitiveType(), name, javaType, rowType);
      return element;
    }
    if (type instanceof RowType.Struct struct
        && !element.isPrimitive()
        && element.getLogicalTypeAnnotation() == null) {
      List<Type> fields = projectFields(struct.schema(), element.asGroupType(), name + ".");
      if (!fields.isEmpty()) {
        return element.asGroupType().withNewFields(fields);
      }
    }
    throw incompatible(name, javaType, element, rowType, "");
  }

  static Class<?> elementClass(RowType.ListOf list) {
    RowType e = list.element();
    if (e instanceof RowType.Leaf l) {
      return l.kind().boxed;
    }
    return e instanceof RowType.Struct s ? s.schema().type() : List.class;
  }

  private static LiteralConversionException incompatible(
      String name, Class<?> javaType, Type file, Class<?> rowType, String why) {
    return new LiteralConversionException(
        "a column '" + name + "' readable as " + javaType.getSimpleName(),
        "'" + file.toString().trim() + "'" + why,
        rowType,
        null);
  }

  private static List<String> names(GroupType t) {
    return t.getFields().stream().map(Type::getName).toList();
  }

  /** Returns the schema the reader is asked to read: the matched columns only. */
  MessageType requested() {
    return requested;
  }

  /** Returns true if no column is read (every component is a missing nullable one). */
  boolean readsNothing() {
    return requested.getFieldCount() == 0;
  }

  /** Returns the row of no columns, for files where nothing is read. */
  R emptyRow() {
    Arrays.fill(values, null);
    return getCurrentRecord();
  }

  @Override
  public R getCurrentRecord() {
    return RowConverters.build(schema, values);
  }

  @Override
  public GroupConverter getRootConverter() {
    return root;
  }

  /** How a list column is laid out in a file: its repeated field and its element. */
  record ListLayout(Type repeated, Type element, boolean threeLevel) {
    /** Returns the layout of a LIST group, or null if {@code group} is not one. */
    static @Nullable ListLayout of(GroupType group) {
      if (!(group.getLogicalTypeAnnotation()
              instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)
          || group.getFieldCount() != 1
          || !group.getType(0).isRepetition(Type.Repetition.REPEATED)) {
        return null;
      }
      Type repeated = group.getType(0);
      // the backward-compatibility rules of the Parquet spec (LogicalTypes.md, "Lists")
      boolean twoLevel =
          repeated.isPrimitive()
              || repeated.asGroupType().getFieldCount() > 1
              || repeated.getName().equals("array")
              || repeated.getName().equals(group.getName() + "_tuple");
      return twoLevel
          ? new ListLayout(repeated, repeated, false)
          : new ListLayout(repeated, repeated.asGroupType().getType(0), true);
    }
  }

  private static final class Root extends GroupConverter {
    private final Converter[] converters;
    private final Object[] values;

    Root(Converter[] converters, Object[] values) {
      this.converters = converters;
      this.values = values;
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return converters[fieldIndex];
    }

    @Override
    public void start() {
      Arrays.fill(values, null);
    }

    @Override
    public void end() {}
  }
}
