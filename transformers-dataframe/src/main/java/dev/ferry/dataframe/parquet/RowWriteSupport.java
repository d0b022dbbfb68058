package dev.ferry.dataframe.parquet;

import dev.ferry.engine.LiteralConversionException;
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
                  schema.type(),
                  null)
              .atIndex((int) row);
        }
        continue;
      }
      rc.startField(c.name(), i);
      add(rc, c.kind(), value);
      rc.endField(c.name(), i);
    }
    rc.endMessage();
    row++;
  }

  private static void add(RecordConsumer rc, ColumnKind kind, Object value) {
    switch (kind) {
      case INT8, INT16, INT32 -> rc.addInteger(((Number) value).intValue());
      case INT64 -> rc.addLong((Long) value);
      case FLOAT -> rc.addFloat((Float) value);
      case DOUBLE -> rc.addDouble((Double) value);
      case BOOLEAN -> rc.addBoolean((Boolean) value);
      case STRING -> rc.addBinary(Binary.fromString((String) value));
      case BINARY -> rc.addBinary(Binary.fromConstantByteArray((byte[]) value));
      case TIMESTAMP -> rc.addLong(micros((Instant) value));
      case DATE -> rc.addInteger(Math.toIntExact(((LocalDate) value).toEpochDay()));
    }
  }

  /** Returns microseconds since the epoch; nanoseconds below a microsecond are dropped. */
  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }
}
