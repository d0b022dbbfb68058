package dev.ferry.dataframe.parquet;

import dev.ferry.blob.BlobStore;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * Writes Arrow record batches ({@link VectorSchemaRoot}s of one schema) as one Parquet file
 * streamed into a blob store, as {@link RowWriter} writes records. {@link #commit()} writes the
 * footer and commits; close without a commit, like {@link #abort()}, discards.
 *
 * <p>Flat columns are written straight from the vectors' buffers to parquet-java's column writers
 * (no record assembly), each column with its own page store and compressor, in parallel on machines
 * with several cores ({@link RowGroupWriter}); pages are cut at the page size and row groups at the
 * row-group size, as parquet-java's own writer does, with Ferry's codecs. Schemas with decimal,
 * list or struct columns go through the record API ({@link RecordArrowWriter}).
 *
 * <pre>{@code
 * try (ArrowParquetWriter w = ArrowParquetWriter.open(root.getSchema(), store, uri, options)) {
 *   w.write(root); // once per batch
 *   w.commit();
 * }
 * }</pre>
 */
public final class ArrowParquetWriter implements Closeable {
  /** Rows written to every column before the row-group size is checked. */
  private static final int SLICE = 64 * 1024;

  /** The vector column writers' state; null when {@link #records} is set, and only then. */
  private final @Nullable Vectors vectors;

  private boolean failed;
  private boolean closed;
  private boolean committed;

  /**
   * The record-API writer that takes schemas with decimal, list or struct columns, which the vector
   * column writers do not; when set, {@link #vectors} is null and the flags are unused.
   */
  private final @Nullable RecordArrowWriter records;

  /** The file, its Parquet writer and row-group writer, and the schema of the vector path. */
  private record Vectors(
      BlobOutputFile file,
      ParquetFileWriter fileWriter,
      RowGroupWriter group,
      Schema schema,
      long rowGroupSize) {}

  private ArrowParquetWriter(RecordArrowWriter records) {
    this.records = records;
    this.vectors = null;
  }

  private ArrowParquetWriter(Vectors vectors) {
    this.records = null;
    this.vectors = vectors;
  }

  /** The vector path's state: set by the constructor whenever {@link #records} is not. */
  private Vectors vectors() {
    return Objects.requireNonNull(
        vectors, "ArrowParquetWriter has neither record nor vector writers");
  }

  /** Returns a writer of batches of {@code schema} to the file at {@code uri}. */
  public static ArrowParquetWriter open(
      Schema schema, BlobStore store, URI uri, ParquetOptions options) throws IOException {
    if (RecordArrowWriter.needed(schema)) {
      return new ArrowParquetWriter(RecordArrowWriter.open(schema, store, uri, options));
    }
    return open(schema, store, uri, options, ParquetProperties.WriterVersion.PARQUET_1_0);
  }

  /**
   * Returns a writer as {@link #open(Schema, BlobStore, URI, ParquetOptions)} of flat columns, of
   * data pages V1 or V2.
   */
  static ArrowParquetWriter open(
      Schema schema,
      BlobStore store,
      URI uri,
      ParquetOptions options,
      ParquetProperties.WriterVersion version)
      throws IOException {
    MessageType parquet = ArrowSchemas.toParquet(schema);
    BlobOutputFile file = new BlobOutputFile(store, uri, options.writeOptions());
    try {
      ParquetProperties props =
          ParquetProperties.builder()
              .withPageSize(options.pageSize())
              .withDictionaryPageSize(options.pageSize())
              .withDictionaryEncoding(options.dictionary())
              .withWriterVersion(version)
              .build();
      ParquetFileWriter fileWriter =
          new ParquetFileWriter(
              file,
              parquet,
              ParquetFileWriter.Mode.OVERWRITE,
              options.rowGroupSize(),
              0,
              null,
              props);
      fileWriter.start();
      RowGroupWriter group =
          new RowGroupWriter(
              parquet,
              props,
              new Codecs(options.zstdLevel()),
              CompressionCodecName.valueOf(options.compression().name()),
              options.columnExecution().tasks());
      return new ArrowParquetWriter(
          new Vectors(file, fileWriter, group, schema, options.rowGroupSize()));
    } catch (IOException | RuntimeException e) {
      file.abort();
      throw e;
    }
  }

  /** Writes every row of {@code batch}, whose schema must be the writer's. */
  public void write(VectorSchemaRoot batch) throws IOException {
    if (records != null) {
      records.write(batch);
      return;
    }
    if (failed || closed) {
      throw new IllegalStateException(
          failed ? "the writer failed and was aborted" : "the writer is closed");
    }
    Vectors v = vectors();
    if (!batch.getSchema().equals(v.schema())) {
      throw new IllegalArgumentException(
          "batch schema " + batch.getSchema() + " is not the writer's " + v.schema());
    }
    try {
      List<FieldVector> columns = batch.getFieldVectors();
      int n = batch.getRowCount();
      for (int from = 0; from < n; from += SLICE) {
        int to = Math.min(n, from + SLICE);
        v.group().write(columns, from, to);
        if (v.group().bufferedSize() >= v.rowGroupSize()) {
          v.group().flush(v.fileWriter());
        }
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
      throw e;
    }
  }

  private void fail(Exception e) {
    failed = true;
    Vectors v = vectors();
    v.group().release();
    try {
      v.file().abort();
    } catch (IOException suppressed) {
      e.addSuppressed(suppressed);
    }
  }

  /** Discards the file. */
  public void abort() throws IOException {
    if (records != null) {
      records.abort();
      return;
    }
    if (committed) {
      return;
    }
    failed = true;
    Vectors v = vectors();
    v.group().release();
    v.file().abort();
  }

  /** Writes the footer and commits the file; a second call does nothing. */
  public void commit() throws IOException {
    if (records != null) {
      records.commit();
      return;
    }
    if (committed) {
      return;
    }
    if (failed || closed) {
      throw new IllegalStateException(
          failed ? "the writer failed and was aborted" : "the writer is closed");
    }
    closed = true;
    Vectors v = vectors();
    try {
      v.group().flush(v.fileWriter());
      v.fileWriter().end(Map.of()); // writes the footer; the stream's close does not commit
      v.file().commit();
      committed = true;
    } catch (IOException | RuntimeException e) {
      fail(e);
      throw e;
    }
  }

  /** Discards the file unless it was committed. */
  @Override
  public void close() throws IOException {
    if (records != null) {
      records.close();
      return;
    }
    if (committed || failed) {
      return;
    }
    closed = true;
    abort();
  }
}
