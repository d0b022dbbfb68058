package dev.ferry.dataframe.parquet;

import dev.ferry.blob.BlobStore;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * Writes Arrow record batches ({@link VectorSchemaRoot}s of one schema) as one Parquet file
 * streamed into a blob store, as {@link RowWriter} writes records. Close commits; {@link #abort()}
 * discards.
 *
 * <p>Columns are written straight from the vectors' buffers to parquet-java's column writers (no
 * record assembly), a chunk of rows of one column at a time; pages are cut at the page size and row
 * groups at the row-group size, as parquet-java's own writer does, with Ferry's codecs.
 *
 * <pre>{@code
 * try (ArrowParquetWriter w = ArrowParquetWriter.open(root.getSchema(), store, uri, options)) {
 *   w.write(root); // once per batch
 * }
 * }</pre>
 */
public final class ArrowParquetWriter implements Closeable {
  /** Rows of one column written before the next column: pages are checked between chunks. */
  private static final int CHUNK = 1024;

  private final BlobOutputFile file;
  private final ParquetFileWriter fileWriter;
  private final ParquetProperties props;
  private final CompressionCodecFactory.BytesInputCompressor compressor;
  private final Schema schema;
  private final MessageType parquet;
  private final List<ColumnDescriptor> columns;
  private final VectorColumnWriter[] writers;
  private final ColumnWriter[] columnWriters;
  private final long rowGroupSize;
  private @Nullable ColumnChunkPageWriteStore pageStore;
  private @Nullable ColumnWriteStore store;
  private long groupRows;
  private int groupOrdinal;
  private boolean failed;
  private boolean closed;

  /**
   * The record-API writer that takes schemas with decimal, list or struct columns, which the vector
   * column writers do not; when set, every other field is unused.
   */
  private final @Nullable RecordArrowWriter records;

  @SuppressWarnings("NullAway")
  private ArrowParquetWriter(RecordArrowWriter records) {
    this.records = records;
    this.file = null;
    this.fileWriter = null;
    this.props = null;
    this.compressor = null;
    this.schema = null;
    this.parquet = null;
    this.columns = List.of();
    this.writers = new VectorColumnWriter[0];
    this.columnWriters = new ColumnWriter[0];
    this.rowGroupSize = 0;
  }

  private ArrowParquetWriter(
      BlobOutputFile file,
      ParquetFileWriter fileWriter,
      ParquetProperties props,
      CompressionCodecFactory.BytesInputCompressor compressor,
      Schema schema,
      MessageType parquet,
      long rowGroupSize) {
    this.records = null;
    this.file = file;
    this.fileWriter = fileWriter;
    this.props = props;
    this.compressor = compressor;
    this.schema = schema;
    this.parquet = parquet;
    this.columns = parquet.getColumns();
    this.writers = new VectorColumnWriter[columns.size()];
    this.columnWriters = new ColumnWriter[columns.size()];
    this.rowGroupSize = rowGroupSize;
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
   * Returns a writer as {@link #open(Schema, BlobStore, URI, ParquetOptions)}, of data pages V2.
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
      CompressionCodecFactory.BytesInputCompressor compressor =
          new Codecs(options.zstdLevel())
              .getCompressor(CompressionCodecName.valueOf(options.compression().name()));
      ArrowParquetWriter w =
          new ArrowParquetWriter(
              file, fileWriter, props, compressor, schema, parquet, options.rowGroupSize());
      return w;
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
    if (!batch.getSchema().equals(schema)) {
      throw new IllegalArgumentException(
          "batch schema " + batch.getSchema() + " is not the writer's " + schema);
    }
    try {
      List<FieldVector> vectors = batch.getFieldVectors();
      int n = batch.getRowCount();
      for (int from = 0; from < n; from += CHUNK) {
        int to = Math.min(n, from + CHUNK);
        ColumnWriteStore s = store == null ? startRowGroup(vectors) : store;
        for (int j = 0; j < writers.length; j++) {
          writers[j].write(vectors.get(j), columnWriters[j], from, to);
        }
        for (int i = from; i < to; i++) {
          s.endRecord();
        }
        groupRows += to - from;
        if (s.getBufferedSize() >= rowGroupSize) {
          flushRowGroup();
        }
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
      throw e;
    }
  }

  private ColumnWriteStore startRowGroup(List<FieldVector> vectors) {
    ColumnChunkPageWriteStore pages =
        new ColumnChunkPageWriteStore(
            compressor,
            parquet,
            props.getAllocator(),
            props.getColumnIndexTruncateLength(),
            props.getPageWriteChecksumEnabled(),
            null,
            groupOrdinal);
    ColumnWriteStore s = props.newColumnWriteStore(parquet, pages, pages);
    for (int j = 0; j < columnWriters.length; j++) {
      ColumnDescriptor d = columns.get(j);
      columnWriters[j] = s.getColumnWriter(d);
      if (writers[j] == null) {
        writers[j] = VectorColumnWriter.of(vectors.get(j), d.getMaxDefinitionLevel());
      }
    }
    pageStore = pages;
    store = s;
    return s;
  }

  private void flushRowGroup() throws IOException {
    ColumnWriteStore s = store;
    ColumnChunkPageWriteStore pages = pageStore;
    if (s == null || pages == null) {
      return;
    }
    store = null;
    pageStore = null;
    try {
      if (groupRows > 0) {
        fileWriter.startBlock(groupRows);
        s.flush();
        pages.flushToFileWriter(fileWriter);
        fileWriter.endBlock();
        groupOrdinal++;
      }
    } finally {
      groupRows = 0;
      s.close();
      pages.close();
    }
  }

  private void fail(Exception e) {
    failed = true;
    try {
      file.abort();
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
    failed = true;
    file.abort();
  }

  /** Writes the footer and commits the file. */
  @Override
  public void close() throws IOException {
    if (records != null) {
      records.close();
      return;
    }
    if (failed || closed) {
      return;
    }
    closed = true;
    try {
      flushRowGroup();
      fileWriter.end(Map.of()); // writes the footer and closes the stream: commits
    } catch (IOException | RuntimeException e) {
      fail(e);
      throw e;
    }
  }
}
