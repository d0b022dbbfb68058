package dev.ferry.dataframe.parquet;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.jspecify.annotations.Nullable;

/**
 * The Java types a record component of a dataset row may have, and the Parquet column each is
 * written as. Timestamps are microseconds since the epoch, adjusted to UTC (what pandas, Spark and
 * DuckDB all read as an instant); dates are days since the epoch.
 */
enum ColumnKind {
  INT8(PrimitiveTypeName.INT32, LogicalTypeAnnotation.intType(8, true), byte.class, Byte.class),
  INT16(PrimitiveTypeName.INT32, LogicalTypeAnnotation.intType(16, true), short.class, Short.class),
  INT32(PrimitiveTypeName.INT32, null, int.class, Integer.class),
  INT64(PrimitiveTypeName.INT64, null, long.class, Long.class),
  FLOAT(PrimitiveTypeName.FLOAT, null, float.class, Float.class),
  DOUBLE(PrimitiveTypeName.DOUBLE, null, double.class, Double.class),
  BOOLEAN(PrimitiveTypeName.BOOLEAN, null, boolean.class, Boolean.class),
  STRING(PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), null, String.class),
  BINARY(PrimitiveTypeName.BINARY, null, null, byte[].class),
  TIMESTAMP(
      PrimitiveTypeName.INT64,
      LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS),
      null,
      Instant.class),
  DATE(PrimitiveTypeName.INT32, LogicalTypeAnnotation.dateType(), null, LocalDate.class),
  /** The physical type and annotation depend on the precision: see {@link RowType.Leaf}. */
  DECIMAL(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, null, null, BigDecimal.class);

  final PrimitiveTypeName physical;
  final @Nullable LogicalTypeAnnotation logical;
  final @Nullable Class<?> primitive;
  final Class<?> boxed;

  ColumnKind(
      PrimitiveTypeName physical,
      @Nullable LogicalTypeAnnotation logical,
      @Nullable Class<?> primitive,
      Class<?> boxed) {
    this.physical = physical;
    this.logical = logical;
    this.primitive = primitive;
    this.boxed = boxed;
  }

  /** Returns the kind of {@code type}, or null if rows cannot hold it. */
  static @Nullable ColumnKind of(Class<?> type) {
    for (ColumnKind k : values()) {
      if (type == k.primitive || type == k.boxed) {
        return k;
      }
    }
    return null;
  }

  /** Returns the Java names of the supported types, for error messages. */
  static String supported() {
    return "byte, short, int, long, float, double, boolean (or their boxes), String, byte[],"
        + " Instant, LocalDate, BigDecimal, a record of these (a struct column), a List of any"
        + " of these, and Optional of any of these";
  }
}
