package dev.ferry.dataframe.parquet;

import dev.ferry.engine.LiteralConversionException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.jspecify.annotations.Nullable;

/** Writes the components of a record as one Parquet row, through parquet-java's record API. */
final class RowWriteSupport<R extends Record> extends WriteSupport<R> {
  private final RowSchema<R> schema;
  private final List<RowSchema.Column> columns;
  private final Map<String, String> metadata;
  private @Nullable RecordConsumer consumer;
  private long row;

  RowWriteSupport(RowSchema<R> schema, Map<String, String> metadata) {
    this.schema = schema;
    this.columns = schema.columns();
    this.metadata = Map.copyOf(metadata);
  }

  @Override
  public String getName() {
    return "ferry";
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(schema.messageType(), metadata);
  }

  /** Never called: Ferry passes a {@link ParquetConfiguration}, and Hadoop is not on the path. */
  @Deprecated
  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(schema.messageType(), metadata);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(R record) {
    RecordConsumer rc = consumer;
    if (rc == null) {
      throw new IllegalStateException("write before prepareForWrite");
    }
    if (record == null) {
      throw new LiteralConversionException("a row", "null", schema.type(), null).atIndex((int) row);
    }
    rc.startMessage();
    try {
      writeFields(rc, columns, record, schema.type());
    } catch (LiteralConversionException e) {
      throw e.atIndex((int) row);
    }
    rc.endMessage();
    row++;
  }

  /** Writes the components of {@code record} as the fields of the current message or group. */
  private static void writeFields(
      RecordConsumer rc, List<RowSchema.Column> columns, Object record, Class<?> type) {
    for (int i = 0; i < columns.size(); i++) {
      RowSchema.Column c = columns.get(i);
      Object value = RowSchema.get(c, record);
      if (c.optionalWrapper()) {
        value = value == null ? null : ((Optional<?>) value).orElse(null);
      }
      if (value == null) {
        if (!c.nullable()) {
          throw new LiteralConversionException(
              "a value in column '" + c.name() + "' (make the component Optional or @Nullable)",
              "null",
              type,
              null);
        }
        continue;
      }
      rc.startField(c.name(), i);
      try {
        add(rc, c.type(), value, type);
      } catch (LiteralConversionException e) {
        throw e.atField(c.name());
      }
      rc.endField(c.name(), i);
    }
  }

  private static void add(RecordConsumer rc, RowType t, Object value, Class<?> type) {
    if (t instanceof RowType.Leaf leaf) {
      add(rc, leaf, value, type);
    } else if (t instanceof RowType.Struct struct) {
      rc.startGroup();
      writeFields(rc, struct.schema().columns(), value, struct.schema().type());
      rc.endGroup();
    } else if (t instanceof RowType.ListOf list) {
      {
        rc.startGroup();
        List<?> elements = (List<?>) value;
        if (!elements.isEmpty()) {
          rc.startField("list", 0);
          for (int i = 0; i < elements.size(); i++) {
            Object e = elements.get(i);
            if (list.elementWrapper()) {
              e = e == null ? null : ((Optional<?>) e).orElse(null);
            }
            rc.startGroup();
            if (e == null) {
              if (!list.nullableElements()) {
                throw new LiteralConversionException(
                        "a list element (make the element type Optional or @Nullable)",
                        "null",
                        type,
                        null)
                    .atIndex(i);
              }
            } else {
              rc.startField("element", 0);
              try {
                add(rc, list.element(), e, type);
              } catch (LiteralConversionException x) {
                throw x.atIndex(i);
              }
              rc.endField("element", 0);
            }
            rc.endGroup();
          }
          rc.endField("list", 0);
        }
        rc.endGroup();
      }
    }
  }

  private static void add(RecordConsumer rc, RowType.Leaf leaf, Object value, Class<?> type) {
    switch (leaf.kind()) {
      case INT8, INT16, INT32 -> rc.addInteger(((Number) value).intValue());
      case INT64 -> rc.addLong((Long) value);
      case FLOAT -> rc.addFloat((Float) value);
      case DOUBLE -> rc.addDouble((Double) value);
      case BOOLEAN -> rc.addBoolean((Boolean) value);
      case STRING -> rc.addBinary(Binary.fromString((String) value));
      case BINARY -> rc.addBinary(Binary.fromConstantByteArray((byte[]) value));
      case TIMESTAMP -> rc.addLong(micros((Instant) value));
      case DATE -> rc.addInteger(Math.toIntExact(((LocalDate) value).toEpochDay()));
      case DECIMAL -> addDecimal(rc, leaf, (BigDecimal) value, type);
    }
  }

  private static void addDecimal(
      RecordConsumer rc, RowType.Leaf leaf, BigDecimal value, Class<?> type) {
    BigDecimal scaled = leaf.fit(value);
    if (scaled == null) {
      throw new LiteralConversionException(
          "a decimal that fits decimal("
              + leaf.precision()
              + ", "
              + leaf.scale()
              + ") (declare another with @DecimalColumn)",
          "'" + value.toPlainString() + "'",
          type,
          null);
    }
    BigInteger unscaled = scaled.unscaledValue();
    switch (leaf.decimalPhysical()) {
      case INT32 -> rc.addInteger(unscaled.intValueExact());
      case INT64 -> rc.addLong(unscaled.longValueExact());
      default -> rc.addBinary(Binary.fromConstantByteArray(fixed(unscaled, leaf.decimalBytes())));
    }
  }

  /** Returns {@code v} as big-endian two's complement of exactly {@code length} bytes. */
  static byte[] fixed(BigInteger v, int length) {
    byte[] minimal = v.toByteArray();
    byte[] out = new byte[length];
    byte pad = (byte) (v.signum() < 0 ? 0xff : 0);
    int offset = length - minimal.length;
    for (int i = 0; i < offset; i++) {
      out[i] = pad;
    }
    System.arraycopy(minimal, 0, out, offset, minimal.length);
    return out;
  }

  /** Returns microseconds since the epoch; nanoseconds below a microsecond are dropped. */
  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }
}
