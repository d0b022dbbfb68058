package dev.ferry.dataframe.parquet;

import dev.ferry.engine.LiteralConversionException;
import java.math.BigDecimal;
import java.math.BigInteger;
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
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.jspecify.annotations.Nullable;

/**
 * The parquet-java converters that turn the values of a row's columns into its components:
 * primitives (with range checks), structs (nested records) and lists, nested to any depth. Errors
 * carry the path of the value inside the row ({@code [3].point.tags[2]}).
 */
final class RowConverters {
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;

  private RowConverters() {}

  /** Adds the path of a value inside its row to an error. */
  interface Where {
    /** The top level of a row: the row index is added by the reader. */
    Where ROOT = e -> e;

    /** Returns {@code e} with this place's segments in front of the path. */
    LiteralConversionException locate(LiteralConversionException e);

    /** Returns the place of field {@code name} here. */
    default Where field(String name) {
      return e -> locate(e.atField(name));
    }
  }

  /** Where a converted value goes. */
  private interface Slot {
    void set(@Nullable Object value);
  }

  /**
   * Returns the converters of {@code requested}'s fields, each writing its component's value into
   * {@code values} at the index of the component of the same name.
   */
  static Converter[] fields(
      RowSchema<?> schema, GroupType requested, Object[] values, Where where, Class<?> rowType) {
    List<RowSchema.Column> columns = schema.columns();
    Converter[] converters = new Converter[requested.getFieldCount()];
    for (int j = 0; j < converters.length; j++) {
      Type field = requested.getType(j);
      int slot = 0;
      while (!columns.get(slot).name().equals(field.getName())) {
        slot++;
      }
      RowSchema.Column c = columns.get(slot);
      int index = slot;
      converters[j] =
          converter(
              c.type(), field, c.name(), c.javaType(), v -> values[index] = v, where, rowType);
    }
    return converters;
  }

  private static Converter converter(
      RowType type,
      Type file,
      String name,
      Class<?> javaType,
      Slot slot,
      Where where,
      Class<?> rowType) {
    if (type instanceof RowType.Leaf leaf) {
      return new Leaf(leaf, file.asPrimitiveType(), name, javaType, slot, where, rowType);
    }
    if (type instanceof RowType.Struct struct) {
      return new Struct(struct.schema(), file.asGroupType(), slot, where.field(name));
    }
    return new ListColumn((RowType.ListOf) type, file.asGroupType(), name, slot, where, rowType);
  }

  /** Returns the record of {@code schema} holding {@code values}, checking non-null components. */
  static <R extends Record> R build(RowSchema<R> schema, Object[] values) {
    List<RowSchema.Column> columns = schema.columns();
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

  /**
   * Checks that a file column of {@code file}'s type can be read as {@code leaf}.
   *
   * @throws LiteralConversionException if it cannot
   */
  static void check(
      RowType.Leaf leaf, PrimitiveType file, String name, Class<?> javaType, Class<?> rowType) {
    PrimitiveTypeName p = file.getPrimitiveTypeName();
    LogicalTypeAnnotation logical = file.getLogicalTypeAnnotation();
    boolean ok =
        switch (leaf.kind()) {
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
              (p == PrimitiveTypeName.BINARY || p == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY)
                  && !(logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation);
          case TIMESTAMP ->
              p == PrimitiveTypeName.INT96
                  || (p == PrimitiveTypeName.INT64
                      && logical instanceof TimestampLogicalTypeAnnotation);
          case DATE ->
              p == PrimitiveTypeName.INT32
                  && logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation;
          case DECIMAL -> logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
        };
    if (!ok) {
      throw new LiteralConversionException(
          "a column '" + name + "' readable as " + javaType.getSimpleName(),
          "'" + file.toString().trim() + "'",
          rowType,
          null);
    }
  }

  /** A nested record: its fields' values collected, then the record built at the group's end. */
  private static final class Struct extends GroupConverter {
    private final RowSchema<?> schema;
    private final Object[] values;
    private final Converter[] converters;
    private final Slot slot;
    private final Where where;

    Struct(RowSchema<?> schema, GroupType requested, Slot slot, Where where) {
      this.schema = schema;
      this.values = new Object[schema.columns().size()];
      this.converters = fields(schema, requested, values, where, schema.type());
      this.slot = slot;
      this.where = where;
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
    public void end() {
      try {
        slot.set(build(schema, values));
      } catch (LiteralConversionException e) {
        throw where.locate(e);
      }
    }
  }

  /**
   * A list column: the LIST group starts a list, each repeated group adds an element (null when it
   * holds none), the group's end sets the list.
   */
  private static final class ListColumn extends GroupConverter {
    private final RowType.ListOf type;
    private final Slot slot;
    private final Where where;
    private final Converter repeated;
    private @Nullable Object element;
    private List<Object> list = new ArrayList<>();

    ListColumn(
        RowType.ListOf type,
        GroupType group,
        @Nullable String name,
        Slot slot,
        Where parent,
        Class<?> rowType) {
      this.type = type;
      this.slot = slot;
      this.where = e -> (name == null ? parent : parent.field(name)).locate(e.atIndex(list.size()));
      RowMaterializer.ListLayout layout = RowMaterializer.ListLayout.of(group);
      if (layout == null) { // the requested schema was projected, so this is a LIST group
        throw new IllegalArgumentException(
            "list column '"
                + (name == null ? "(element)" : name)
                + "' of "
                + rowType.getName()
                + " is not a Parquet LIST group: "
                + group.toString().trim());
      }
      Class<?> elementClass = RowMaterializer.elementClass(type);
      String elementName = (name == null ? "" : name) + "[]";
      if (layout.threeLevel()) {
        Converter e =
            converter(
                type.element(),
                layout.element(),
                elementName,
                elementClass,
                v -> element = v,
                where,
                rowType);
        this.repeated = new Repeated(this, e);
      } else {
        this.repeated =
            converter(
                type.element(),
                layout.element(),
                elementName,
                elementClass,
                this::add,
                where,
                rowType);
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return repeated;
    }

    @Override
    public void start() {
      list = new ArrayList<>();
    }

    @Override
    public void end() {
      slot.set(list);
    }

    void add(@Nullable Object v) {
      if (v == null && !type.nullableElements()) {
        throw where.locate(
            new LiteralConversionException(
                "a list element",
                "null (make the element type Optional or @Nullable)",
                List.class,
                null));
      }
      list.add(type.elementWrapper() ? Optional.ofNullable(v) : v);
    }
  }

  /** The repeated group of a three-level list: one element each. */
  private static final class Repeated extends GroupConverter {
    private final ListColumn list;
    private final Converter element;

    Repeated(ListColumn list, Converter element) {
      this.list = list;
      this.element = element;
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return element;
    }

    @Override
    public void start() {
      list.element = null;
    }

    @Override
    public void end() {
      list.add(list.element);
    }
  }

  /** Converts the values of one primitive column into its slot. */
  private static final class Leaf extends PrimitiveConverter {
    private final ColumnKind kind;
    private final String name;
    private final Class<?> javaType;
    private final Slot slot;
    private final Where where;
    private final Class<?> rowType;
    private final long unitsPerSecond;
    private final int scale;
    private String @Nullable [] dictionary;

    Leaf(
        RowType.Leaf leaf,
        PrimitiveType file,
        String name,
        Class<?> javaType,
        Slot slot,
        Where where,
        Class<?> rowType) {
      this.kind = leaf.kind();
      this.name = name;
      this.javaType = javaType;
      this.slot = slot;
      this.where = where;
      this.rowType = rowType;
      LogicalTypeAnnotation logical = file.getLogicalTypeAnnotation();
      long units = 1_000_000L;
      if (logical instanceof TimestampLogicalTypeAnnotation ts) {
        units =
            switch (ts.getUnit()) {
              case MILLIS -> 1_000L;
              case MICROS -> 1_000_000L;
              case NANOS -> 1_000_000_000L;
            };
      }
      this.unitsPerSecond = units;
      this.scale =
          logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d
              ? d.getScale()
              : 0;
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
      String[] strings = dictionary;
      if (strings == null) {
        throw new IllegalStateException(
            "column '" + name + "': dictionary id " + dictionaryId + " read before the dictionary");
      }
      slot.set(strings[dictionaryId]);
    }

    @Override
    public void addInt(int v) {
      slot.set(
          switch (kind) {
            case INT8 -> (byte) checkRange(v, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case INT16 -> (short) checkRange(v, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT32 -> v;
            case INT64 -> (long) v;
            case DOUBLE -> (double) v;
            case DATE -> LocalDate.ofEpochDay(v);
            case DECIMAL -> BigDecimal.valueOf(v, scale);
            default -> throw new IllegalStateException(kind + " from INT32");
          });
    }

    @Override
    public void addLong(long v) {
      slot.set(
          switch (kind) {
            case INT8 -> (byte) checkRange(v, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case INT16 -> (short) checkRange(v, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT32 -> (int) checkRange(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case INT64 -> v;
            case DOUBLE -> (double) v;
            case DECIMAL -> BigDecimal.valueOf(v, scale);
            case TIMESTAMP ->
                Instant.ofEpochSecond(
                    Math.floorDiv(v, unitsPerSecond),
                    Math.floorMod(v, unitsPerSecond) * (1_000_000_000L / unitsPerSecond));
            default -> throw new IllegalStateException(kind + " from INT64");
          });
    }

    private long checkRange(long v, long min, long max) {
      if (v < min || v > max) {
        throw where.locate(
            new LiteralConversionException(
                "a value of column '" + name + "' that fits " + javaType.getSimpleName(),
                "'" + v + "'",
                rowType,
                null));
      }
      return v;
    }

    @Override
    public void addFloat(float v) {
      slot.set(kind == ColumnKind.FLOAT ? (Object) v : (Object) (double) v);
    }

    @Override
    public void addDouble(double v) {
      slot.set(v);
    }

    @Override
    public void addBoolean(boolean v) {
      slot.set(v);
    }

    @Override
    public void addBinary(Binary v) {
      slot.set(
          switch (kind) {
            case STRING -> v.toStringUsingUTF8();
            case BINARY -> v.getBytes();
            case TIMESTAMP -> int96(v);
            case DECIMAL -> new BigDecimal(new BigInteger(v.getBytes()), scale);
            default -> throw new IllegalStateException(kind + " from BINARY");
          });
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
