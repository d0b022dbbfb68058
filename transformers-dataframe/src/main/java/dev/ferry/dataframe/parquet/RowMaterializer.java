package dev.ferry.dataframe.parquet;

import dev.ferry.engine.LiteralConversionException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.jspecify.annotations.Nullable;

/**
 * Assembles records of a row type from the Parquet columns the reader asked for. {@link #project}
 * matches the record's components to the file's columns by name and returns the requested schema
 * (only those columns, so the reader never decodes the others); each column gets a converter from
 * its physical and logical type to the component's Java type, checked once, up front.
 */
final class RowMaterializer<R extends Record> extends RecordMaterializer<R> {
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;

  private final RowSchema<R> schema;
  private final List<RowSchema.Column> columns;
  private final Object[] values;
  private final Root root;
  private final MessageType requested;

  private RowMaterializer(RowSchema<R> schema, MessageType requested, int[] slots) {
    this.schema = schema;
    this.columns = schema.columns();
    this.values = new Object[columns.size()];
    this.requested = requested;
    Converter[] converters = new Converter[slots.length];
    for (int j = 0; j < slots.length; j++) {
      RowSchema.Column c = columns.get(slots[j]);
      converters[j] =
          converter(c, requested.getType(j).asPrimitiveType(), values, slots[j], schema.type());
    }
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
    List<Type> fields = new ArrayList<>();
    List<Integer> slots = new ArrayList<>();
    List<RowSchema.Column> columns = schema.columns();
    for (int i = 0; i < columns.size(); i++) {
      RowSchema.Column c = columns.get(i);
      if (!fileSchema.containsField(c.name())) {
        if (c.nullable()) {
          continue;
        }
        throw new LiteralConversionException(
            "a column '" + c.name() + "'",
            "none (the file has " + names(fileSchema) + ")",
            schema.type(),
            null);
      }
      Type field = fileSchema.getType(c.name());
      if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
        throw new LiteralConversionException(
            "a flat column '" + c.name() + "' readable as " + c.javaType().getSimpleName(),
            "'" + field.toString().trim() + "' (nested columns are not supported yet)",
            schema.type(),
            null);
      }
      fields.add(field);
      slots.add(i);
    }
    MessageType requested = new MessageType(fileSchema.getName(), fields);
    return new RowMaterializer<>(
        schema, requested, slots.stream().mapToInt(Integer::intValue).toArray());
  }

  private static List<String> names(MessageType t) {
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
    Object[] args = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      RowSchema.Column c = columns.get(i);
      Object v = values[i];
      if (c.optionalWrapper()) {
        args[i] = Optional.ofNullable(v);
      } else if (v == null && !c.nullable()) {
        throw new LiteralConversionException(
            "a value in column '" + c.name() + "'",
            "null (make the component Optional or @Nullable)",
            schema.type(),
            null);
      } else {
        args[i] = v;
      }
    }
    return schema.newRow(args);
  }

  @Override
  public GroupConverter getRootConverter() {
    return root;
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

  private static Converter converter(
      RowSchema.Column c, PrimitiveType file, Object[] values, int slot, Class<?> rowType) {
    PrimitiveTypeName p = file.getPrimitiveTypeName();
    LogicalTypeAnnotation logical = file.getLogicalTypeAnnotation();
    boolean ok =
        switch (c.kind()) {
          case INT8, INT16, INT32, INT64 ->
              (p == PrimitiveTypeName.INT32 || p == PrimitiveTypeName.INT64)
                  && (logical == null
                      || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation);
          case FLOAT -> p == PrimitiveTypeName.FLOAT;
          case DOUBLE ->
              p == PrimitiveTypeName.DOUBLE
                  || p == PrimitiveTypeName.FLOAT
                  || ((p == PrimitiveTypeName.INT32 || p == PrimitiveTypeName.INT64)
                      && logical == null);
          case BOOLEAN -> p == PrimitiveTypeName.BOOLEAN;
          case STRING ->
              p == PrimitiveTypeName.BINARY
                  && (logical == null
                      || logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                      || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                      || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation);
          case BINARY ->
              p == PrimitiveTypeName.BINARY || p == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
          case TIMESTAMP ->
              p == PrimitiveTypeName.INT96
                  || (p == PrimitiveTypeName.INT64
                      && logical instanceof TimestampLogicalTypeAnnotation);
          case DATE ->
              p == PrimitiveTypeName.INT32
                  && logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation;
        };
    if (!ok) {
      throw new LiteralConversionException(
          "a column '" + c.name() + "' readable as " + c.javaType().getSimpleName(),
          "'" + file.toString().trim() + "'",
          rowType,
          null);
    }
    long unitsPerSecond = 1_000_000L;
    if (logical instanceof TimestampLogicalTypeAnnotation ts) {
      unitsPerSecond =
          switch (ts.getUnit()) {
            case MILLIS -> 1_000L;
            case MICROS -> 1_000_000L;
            case NANOS -> 1_000_000_000L;
          };
    }
    return new Column(c, values, slot, rowType, unitsPerSecond);
  }

  /** Converts the values of one column into the slot of its component. */
  private static final class Column extends PrimitiveConverter {
    private final RowSchema.Column column;
    private final ColumnKind kind;
    private final Object[] values;
    private final int slot;
    private final Class<?> rowType;
    private final long unitsPerSecond;
    private String @Nullable [] dictionary;

    Column(
        RowSchema.Column column, Object[] values, int slot, Class<?> rowType, long unitsPerSecond) {
      this.column = column;
      this.kind = column.kind();
      this.values = values;
      this.slot = slot;
      this.rowType = rowType;
      this.unitsPerSecond = unitsPerSecond;
    }

    @Override
    public boolean hasDictionarySupport() {
      return kind == ColumnKind.STRING;
    }

    @Override
    public void setDictionary(Dictionary d) {
      String[] strings = new String[d.getMaxId() + 1];
      for (int i = 0; i < strings.length; i++) {
        strings[i] = d.decodeToBinary(i).toStringUsingUTF8();
      }
      dictionary = strings;
    }

    @Override
    public void addValueFromDictionary(int dictionaryId) {
      values[slot] = dictionary[dictionaryId];
    }

    @Override
    public void addInt(int v) {
      values[slot] =
          switch (kind) {
            case INT8 -> (byte) checkRange(v, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case INT16 -> (short) checkRange(v, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT32 -> v;
            case INT64 -> (long) v;
            case DOUBLE -> (double) v;
            case DATE -> LocalDate.ofEpochDay(v);
            default -> throw new IllegalStateException(kind + " from INT32");
          };
    }

    @Override
    public void addLong(long v) {
      values[slot] =
          switch (kind) {
            case INT8 -> (byte) checkRange(v, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case INT16 -> (short) checkRange(v, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT32 -> (int) checkRange(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case INT64 -> v;
            case DOUBLE -> (double) v;
            case TIMESTAMP ->
                Instant.ofEpochSecond(
                    Math.floorDiv(v, unitsPerSecond),
                    Math.floorMod(v, unitsPerSecond) * (1_000_000_000L / unitsPerSecond));
            default -> throw new IllegalStateException(kind + " from INT64");
          };
    }

    private long checkRange(long v, long min, long max) {
      if (v < min || v > max) {
        throw new LiteralConversionException(
            "a value of column '"
                + column.name()
                + "' that fits "
                + column.javaType().getSimpleName(),
            "'" + v + "'",
            rowType,
            null);
      }
      return v;
    }

    @Override
    public void addFloat(float v) {
      values[slot] = kind == ColumnKind.FLOAT ? (Object) v : (Object) (double) v;
    }

    @Override
    public void addDouble(double v) {
      values[slot] = v;
    }

    @Override
    public void addBoolean(boolean v) {
      values[slot] = v;
    }

    @Override
    public void addBinary(Binary v) {
      values[slot] =
          switch (kind) {
            case STRING -> v.toStringUsingUTF8();
            case BINARY -> v.getBytes();
            case TIMESTAMP -> int96(v);
            default -> throw new IllegalStateException(kind + " from BINARY");
          };
    }

    /** Returns the instant of a legacy INT96 timestamp: nanos of day, then the Julian day. */
    private static Instant int96(Binary v) {
      ByteBuffer b = v.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      long nanosOfDay = b.getLong();
      long julianDay = Integer.toUnsignedLong(b.getInt());
      long epochDay = julianDay - JULIAN_EPOCH_DAY;
      return Instant.ofEpochSecond(epochDay * 86_400L, 0).plusNanos(nanosOfDay);
    }
  }
}
