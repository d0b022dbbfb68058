package dev.ferry.dataframe.parquet;

import dev.ferry.blob.BlobStore;
import java.io.Closeable;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * Writes Arrow record batches as one Parquet file through parquet-java's record API, row by row:
 * the path of {@link RecordArrowWriter} for schemas with columns its vector writers do not take
 * (decimals, lists, structs, nested to any depth). {@link #commit()} writes the footer and commits;
 * close without a commit, like {@link #abort()}, discards.
 */
final class RecordArrowWriter implements Closeable {
  private final BlobOutputFile file;
  private final ParquetWriter<Integer> writer;
  private final Support support;
  private boolean failed;
  private boolean committed;

  private RecordArrowWriter(BlobOutputFile file, ParquetWriter<Integer> writer, Support support) {
    this.file = file;
    this.writer = writer;
    this.support = support;
  }

  /**
   * Returns true if {@code schema} has a column that only this writer takes: a decimal, a large
   * (64-bit offset) string or binary, a list or a struct.
   */
  static boolean needed(Schema schema) {
    return schema.getFields().stream()
        .anyMatch(
            f ->
                f.getType() instanceof ArrowType.Decimal
                    || f.getType() instanceof ArrowType.LargeUtf8
                    || f.getType() instanceof ArrowType.LargeBinary
                    || f.getType() instanceof ArrowType.List
                    || f.getType() instanceof ArrowType.Struct);
  }

  /** Returns a writer of batches of {@code schema} to the file at {@code uri}. */
  static RecordArrowWriter open(Schema schema, BlobStore store, URI uri, ParquetOptions options)
      throws IOException {
    BlobOutputFile file = new BlobOutputFile(store, uri, options.writeOptions());
    Support support = new Support(schema, ArrowSchemas.toParquet(schema));
    try {
      ParquetWriter<Integer> writer =
          new Builder(file, support)
              .withConf(new PlainParquetConfiguration())
              .withCodecFactory(new Codecs(options.zstdLevel()))
              .withCompressionCodec(CompressionCodecName.valueOf(options.compression().name()))
              .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
              .withRowGroupSize(options.rowGroupSize())
              .withPageSize(options.pageSize())
              .withDictionaryEncoding(options.dictionary())
              .withValidation(false)
              .build();
      return new RecordArrowWriter(file, writer, support);
    } catch (IOException | RuntimeException e) {
      file.abort();
      throw e;
    }
  }

  /** Writes every row of {@code batch}, whose schema must be the writer's. */
  public void write(VectorSchemaRoot batch) throws IOException {
    if (failed || committed) {
      throw new IllegalStateException(
          failed ? "the writer failed and was aborted" : "the writer is committed");
    }
    if (!batch.getSchema().equals(support.schema)) {
      throw new IllegalArgumentException(
          "batch schema " + batch.getSchema() + " is not the writer's " + support.schema);
    }
    try {
      support.batch = batch;
      int n = batch.getRowCount();
      for (int i = 0; i < n; i++) {
        writer.write(i);
      }
    } catch (IOException | RuntimeException e) {
      failed = true;
      try {
        file.abort();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      support.batch = null;
    }
  }

  /** Discards the file. */
  public void abort() throws IOException {
    if (committed) {
      return;
    }
    failed = true;
    file.abort();
  }

  /** Writes the footer and commits the file; a second call does nothing. */
  public void commit() throws IOException {
    if (committed) {
      return;
    }
    if (failed) {
      throw new IllegalStateException("the writer failed and was aborted");
    }
    try {
      writer.close(); // the footer; the stream's close does not commit
      file.commit();
      committed = true;
    } catch (IOException | RuntimeException e) {
      failed = true;
      try {
        file.abort();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Discards the file unless it was committed. */
  @Override
  public void close() throws IOException {
    if (!committed && !failed) {
      abort();
    }
  }

  /** Writes row {@code i} of the current batch. */
  static final class Support extends WriteSupport<Integer> {
    final Schema schema;
    final MessageType parquet;
    @Nullable VectorSchemaRoot batch;
    private @Nullable RecordConsumer consumer;

    Support(Schema schema, MessageType parquet) {
      this.schema = schema;
      this.parquet = parquet;
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(parquet, Map.of());
    }

    @Deprecated
    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(parquet, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      consumer = recordConsumer;
    }

    @Override
    public void write(Integer row) {
      int i = row;
      RecordConsumer rc = consumer;
      if (rc == null) {
        throw new IllegalStateException("row " + i + " written before prepareForWrite");
      }
      VectorSchemaRoot current = batch;
      if (current == null) {
        throw new IllegalStateException("row " + i + " written outside RecordArrowWriter.write");
      }
      rc.startMessage();
      writeFields(rc, current.getFieldVectors(), i);
      rc.endMessage();
    }

    private static void writeFields(RecordConsumer rc, List<FieldVector> vectors, int i) {
      for (int j = 0; j < vectors.size(); j++) {
        FieldVector v = vectors.get(j);
        if (v.isNull(i)) {
          if (!v.getField().isNullable()) {
            throw new IllegalArgumentException(
                "null in non-nullable arrow column '" + v.getName() + "' at row " + i);
          }
          continue;
        }
        String name = v.getName();
        rc.startField(name, j);
        add(rc, v, i);
        rc.endField(name, j);
      }
    }

    private static void addList(RecordConsumer rc, ListVector l, int i) {
      rc.startGroup();
      int from = l.getElementStartIndex(i);
      int to = l.getElementEndIndex(i);
      if (to > from) {
        FieldVector data = l.getDataVector();
        rc.startField("list", 0);
        for (int k = from; k < to; k++) {
          rc.startGroup();
          if (!data.isNull(k)) {
            rc.startField("element", 0);
            add(rc, data, k);
            rc.endField("element", 0);
          } else if (!data.getField().isNullable()) {
            throw new IllegalArgumentException(
                "null element in non-nullable arrow list '" + l.getName() + "' at row " + i);
          }
          rc.endGroup();
        }
        rc.endField("list", 0);
      }
      rc.endGroup();
    }

    private static void add(RecordConsumer rc, FieldVector v, int i) {
      if (v instanceof StructVector s) {
        rc.startGroup();
        writeFields(rc, s.getChildrenFromFields(), i);
        rc.endGroup();
      } else if (v instanceof ListVector l) {
        addList(rc, l, i);
      } else if (v instanceof DecimalVector d) {
        ArrowType.Decimal t = (ArrowType.Decimal) d.getField().getType();
        RowType.Leaf leaf = new RowType.Leaf(ColumnKind.DECIMAL, t.getPrecision(), t.getScale());
        BigInteger unscaled = d.getObject(i).unscaledValue();
        switch (leaf.decimalPhysical()) {
          case INT32 -> rc.addInteger(unscaled.intValueExact());
          case INT64 -> rc.addLong(unscaled.longValueExact());
          default ->
              rc.addBinary(
                  Binary.fromConstantByteArray(
                      RowWriteSupport.fixed(unscaled, leaf.decimalBytes())));
        }
      } else if (v instanceof BigIntVector b) {
        rc.addLong(b.get(i));
      } else if (v instanceof IntVector b) {
        rc.addInteger(b.get(i));
      } else if (v instanceof SmallIntVector b) {
        rc.addInteger(b.get(i));
      } else if (v instanceof TinyIntVector b) {
        rc.addInteger(b.get(i));
      } else if (v instanceof Float8Vector b) {
        rc.addDouble(b.get(i));
      } else if (v instanceof Float4Vector b) {
        rc.addFloat(b.get(i));
      } else if (v instanceof BitVector b) {
        rc.addBoolean(b.get(i) != 0);
      } else if (v instanceof VarCharVector b) {
        rc.addBinary(Binary.fromConstantByteArray(b.get(i)));
      } else if (v instanceof VarBinaryVector b) {
        rc.addBinary(Binary.fromConstantByteArray(b.get(i)));
      } else if (v instanceof LargeVarCharVector b) {
        rc.addBinary(Binary.fromConstantByteArray(b.get(i)));
      } else if (v instanceof LargeVarBinaryVector b) {
        rc.addBinary(Binary.fromConstantByteArray(b.get(i)));
      } else if (v instanceof DateDayVector b) {
        rc.addInteger(b.get(i));
      } else if (v instanceof TimeStampVector b) {
        rc.addLong(micros(b.get(i), ((ArrowType.Timestamp) v.getField().getType()).getUnit()));
      } else {
        throw new UnsupportedOperationException(
            "arrow vector " + v.getClass().getSimpleName() + " is not supported");
      }
    }

    private static long micros(long value, org.apache.arrow.vector.types.TimeUnit unit) {
      return switch (unit) {
        case SECOND -> TimeUnit.SECONDS.toMicros(value);
        case MILLISECOND -> TimeUnit.MILLISECONDS.toMicros(value);
        case MICROSECOND -> value;
        case NANOSECOND -> Math.floorDiv(value, 1000L);
      };
    }
  }

  private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
    private final Support support;

    Builder(BlobOutputFile file, Support support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }

    @Deprecated
    @Override
    protected WriteSupport<Integer> getWriteSupport(Configuration conf) {
      return support;
    }
  }
}
