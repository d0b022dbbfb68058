package dev.ferry.dataframe.parquet;

import dev.ferry.blob.BlobStore;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes rows of a record type as one Parquet file streamed into a blob store: row groups are
 * encoded in memory up to {@link ParquetOptions#rowGroupSize()} and go out to the store as they are
 * flushed, so memory is bounded by one row group whatever the number of rows. {@link #commit()}
 * writes the footer and commits the object; {@link #close()} without a commit, {@link #abort()} and
 * a failed write (which aborts itself) leave nothing at the URI, so a loop that throws half way
 * never leaves a valid-looking half file.
 *
 * <pre>{@code
 * try (RowWriter<Trade> w = RowWriter.open(RowSchema.of(Trade.class), store, uri, options)) {
 *   for (Trade t : trades) w.write(t);
 *   w.commit();
 * }
 * }</pre>
 *
 * @param <R> the row type
 */
public final class RowWriter<R extends Record> implements Closeable {
  private final BlobOutputFile file;
  private final ParquetWriter<R> writer;
  private long rows;
  private boolean failed;
  private boolean committed;

  private RowWriter(BlobOutputFile file, ParquetWriter<R> writer) {
    this.file = file;
    this.writer = writer;
  }

  /** Returns a writer of the file at {@code uri}. */
  public static <R extends Record> RowWriter<R> open(
      RowSchema<R> schema, BlobStore store, URI uri, ParquetOptions options) throws IOException {
    BlobOutputFile file = new BlobOutputFile(store, uri, options.writeOptions());
    RowWriteSupport<R> support = new RowWriteSupport<>(schema, PandasMetadata.of(schema));
    try {
      ParquetWriter<R> writer =
          new Builder<>(file, support)
              .withConf(new PlainParquetConfiguration())
              .withCodecFactory(new Codecs(options.zstdLevel()))
              .withCompressionCodec(codec(options.compression()))
              .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
              .withRowGroupSize(options.rowGroupSize())
              .withPageSize(options.pageSize())
              .withDictionaryEncoding(options.dictionary())
              .withStatisticsEnabled(true)
              .withValidation(false)
              .build();
      return new RowWriter<>(file, writer);
    } catch (IOException | RuntimeException e) {
      file.abort();
      throw e;
    }
  }

  private static CompressionCodecName codec(ParquetOptions.Compression c) {
    return switch (c) {
      case SNAPPY -> CompressionCodecName.SNAPPY;
      case ZSTD -> CompressionCodecName.ZSTD;
      case GZIP -> CompressionCodecName.GZIP;
      case UNCOMPRESSED -> CompressionCodecName.UNCOMPRESSED;
    };
  }

  /** Writes one row; a row that does not fit aborts the file and throws. */
  public void write(R row) throws IOException {
    if (failed || committed) {
      throw new IllegalStateException(
          failed ? "the writer failed and was aborted" : "the writer is committed");
    }
    try {
      writer.write(row);
      rows++;
    } catch (IOException | RuntimeException e) {
      abortAfter(e);
      throw e;
    }
  }

  /** Returns the bytes of the file so far: written plus buffered in the open row group. */
  public long dataSize() {
    return writer.getDataSize();
  }

  /** Returns the number of rows written. */
  public long rows() {
    return rows;
  }

  /** Discards the file: nothing is left at its URI. */
  public void abort() throws IOException {
    if (committed) {
      return;
    }
    failed = true;
    file.abort();
  }

  private void abortAfter(Exception e) {
    try {
      abort();
    } catch (IOException | RuntimeException suppressed) {
      e.addSuppressed(suppressed);
    }
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
      abortAfter(e);
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

  private static final class Builder<R extends Record>
      extends ParquetWriter.Builder<R, Builder<R>> {
    private final RowWriteSupport<R> support;

    Builder(BlobOutputFile file, RowWriteSupport<R> support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder<R> self() {
      return this;
    }

    @Override
    protected WriteSupport<R> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }

    /** Never called: Ferry passes a {@link ParquetConfiguration}. */
    @Deprecated
    @Override
    protected WriteSupport<R> getWriteSupport(Configuration conf) {
      return support;
    }
  }
}
