package dev.ferry.dataframe.parquet;

import dev.ferry.blob.BlobStore;
import dev.ferry.blob.WriteOptions;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.jspecify.annotations.Nullable;

/**
 * Writes test Parquet files with parquet-java's own record writer (rows of boxed values, null for
 * absent), with the knobs the vectorized reader must cope with: page and dictionary page sizes, row
 * group size, data page V1 or V2, compression.
 */
final class TestParquetFiles {
  private TestParquetFiles() {}

  /** Writer settings. */
  record Settings(
      ParquetProperties.WriterVersion version,
      CompressionCodecName codec,
      boolean dictionary,
      int pageSize,
      int dictionaryPageSize,
      long rowGroupSize) {
    static Settings small(ParquetProperties.WriterVersion version, CompressionCodecName codec) {
      return new Settings(version, codec, true, 1024, 2048, 24 * 1024);
    }
  }

  /** Writes {@code rows} (one Object per column of {@code schema}) to {@code uri}. */
  static void write(BlobStore store, URI uri, MessageType schema, List<Object[]> rows, Settings s)
      throws IOException {
    BlobOutputFile file = new BlobOutputFile(store, uri, WriteOptions.defaults());
    Support support = new Support(schema);
    try (ParquetWriter<Object[]> w =
        new Builder(file, support)
            .withConf(new PlainParquetConfiguration())
            .withCodecFactory(new Codecs(1))
            .withCompressionCodec(s.codec())
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withWriterVersion(s.version())
            .withDictionaryEncoding(s.dictionary())
            .withPageSize(s.pageSize())
            .withDictionaryPageSize(s.dictionaryPageSize())
            .withRowGroupSize(s.rowGroupSize())
            .withMinRowCountForPageSizeCheck(10)
            .withMaxRowCountForPageSizeCheck(50)
            .withPageRowCountLimit(1000)
            .build()) {
      for (Object[] row : rows) {
        w.write(row);
      }
    }
    file.commit(); // the writer's close wrote the footer
  }

  private static final class Support extends WriteSupport<Object[]> {
    private final MessageType schema;
    private @Nullable RecordConsumer consumer;

    Support(MessageType schema) {
      this.schema = schema;
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(schema, Map.of());
    }

    @Deprecated
    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(schema, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      consumer = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
      RecordConsumer rc = consumer;
      if (rc == null) {
        throw new IllegalStateException("write before prepareForWrite");
      }
      rc.startMessage();
      for (int j = 0; j < row.length; j++) {
        Object v = row[j];
        if (v == null) {
          continue;
        }
        PrimitiveType t = schema.getType(j).asPrimitiveType();
        rc.startField(t.getName(), j);
        switch (t.getPrimitiveTypeName()) {
          case INT32 -> rc.addInteger(((Number) v).intValue());
          case INT64 -> rc.addLong(((Number) v).longValue());
          case FLOAT -> rc.addFloat((Float) v);
          case DOUBLE -> rc.addDouble((Double) v);
          case BOOLEAN -> rc.addBoolean((Boolean) v);
          case BINARY ->
              rc.addBinary(
                  v instanceof String str
                      ? Binary.fromString(str)
                      : Binary.fromConstantByteArray((byte[]) v));
          default -> throw new IllegalArgumentException(t.toString());
        }
        rc.endField(t.getName(), j);
      }
      rc.endMessage();
    }
  }

  private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
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
    protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }

    @Deprecated
    @Override
    protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
      return support;
    }
  }
}
