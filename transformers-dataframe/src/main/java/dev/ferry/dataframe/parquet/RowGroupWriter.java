package dev.ferry.dataframe.parquet;

import java.io.IOException;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
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
 * Buffers the column chunks of one row group at a time and writes them to a {@link
 * ParquetFileWriter}. Every column has its own column write store, page store and compressor, so
 * columns are encoded and compressed independently: on a machine with several cores the columns of
 * a range of rows are written in parallel ({@link ColumnTasks}), and each column's pages are cut at
 * the page size as parquet-java's writer cuts them. Not thread-safe: one writer drives it.
 */
final class RowGroupWriter {
  /** Rows of a column written between page-size checks. */
  private static final int CHUNK = 1024;

  private final ParquetProperties props;
  private final Codecs codecs;
  private final CompressionCodecName codec;
  private final Column[] columns;
  private final ColumnTasks tasks;
  private long rows;
  private int ordinal;
  private boolean open;

  RowGroupWriter(
      MessageType parquet,
      ParquetProperties props,
      Codecs codecs,
      CompressionCodecName codec,
      ColumnTasks tasks) {
    this.tasks = tasks;
    this.props = props;
    this.codecs = codecs;
    this.codec = codec;
    List<ColumnDescriptor> descriptors = parquet.getColumns();
    this.columns = new Column[descriptors.size()];
    for (int j = 0; j < columns.length; j++) {
      columns[j] =
          new Column(new MessageType(parquet.getName(), parquet.getType(j)), descriptors.get(j));
    }
  }

  /** One column: its writer from vectors, and the stores of the current row group. */
  private static final class Column {
    final MessageType schema;
    final ColumnDescriptor descriptor;
    @Nullable VectorColumnWriter values;

    /** The stores of the current row group: set while the row group is open, null otherwise. */
    @Nullable Stores stores;

    Column(MessageType schema, ColumnDescriptor descriptor) {
      this.schema = schema;
      this.descriptor = descriptor;
    }

    /** Returns the stores of the open row group. */
    Stores stores() {
      Stores s = stores;
      if (s == null) {
        throw new IllegalStateException(
            "column " + descriptor + " has no open row group (RowGroupWriter.start not called)");
      }
      return s;
    }

    /** Writes rows {@code [from, to)} of {@code v}, checking page sizes every chunk. */
    void write(FieldVector v, int from, int to) {
      if (values == null) {
        values = VectorColumnWriter.of(v, descriptor.getMaxDefinitionLevel());
      }
      Stores s = stores();
      for (int a = from; a < to; a += CHUNK) {
        int b = Math.min(to, a + CHUNK);
        values.write(v, s.writer(), a, b);
        for (int i = a; i < b; i++) {
          s.store().endRecord();
        }
      }
    }
  }

  /** The page store, column write store and column writer of one column in one row group. */
  private record Stores(
      ColumnChunkPageWriteStore pages, ColumnWriteStore store, ColumnWriter writer) {}

  /** Writes rows {@code [from, to)} of the vectors (one per column) to the current row group. */
  void write(List<FieldVector> vectors, int from, int to) throws IOException {
    if (!open) {
      start();
    }
    tasks.run(columns.length, to - from, j -> columns[j].write(vectors.get(j), from, to));
    rows += to - from;
  }

  /** Returns the bytes buffered for the current row group. */
  long bufferedSize() {
    long size = 0;
    if (open) {
      for (Column c : columns) {
        size += c.stores().store().getBufferedSize();
      }
    }
    return size;
  }

  /** Writes the current row group, if it has rows, to {@code file}. */
  void flush(ParquetFileWriter file) throws IOException {
    if (!open) {
      return;
    }
    try {
      if (rows > 0) {
        file.startBlock(rows);
        for (Column c : columns) {
          Stores s = c.stores();
          s.store().flush();
          s.pages().flushToFileWriter(file);
        }
        file.endBlock();
        ordinal++;
      }
    } finally {
      release();
    }
  }

  /** Drops the buffered row group. */
  void release() {
    if (!open) {
      return;
    }
    open = false;
    rows = 0;
    for (Column c : columns) {
      Stores s = c.stores();
      s.store().close();
      s.pages().close();
      c.stores = null;
    }
  }

  private void start() {
    for (Column c : columns) {
      CompressionCodecFactory.BytesInputCompressor compressor = codecs.getCompressor(codec);
      ColumnChunkPageWriteStore pages =
          new ColumnChunkPageWriteStore(
              compressor,
              c.schema,
              props.getAllocator(),
              props.getColumnIndexTruncateLength(),
              props.getPageWriteChecksumEnabled(),
              null,
              ordinal);
      ColumnWriteStore store = props.newColumnWriteStore(c.schema, pages, pages);
      c.stores = new Stores(pages, store, store.getColumnWriter(c.descriptor));
    }
    open = true;
  }
}
