package dev.ferry.dataframe;

import dev.ferry.blob.BlobStore;
import dev.ferry.dataframe.parquet.ArrowParquetReader;
import dev.ferry.dataframe.parquet.ColumnExecution;
import dev.ferry.dataframe.parquet.PandasIndex;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A dataset's rows as Arrow record batches, streamed file by file, with only the requested columns
 * read. Call {@link #root()} after each {@link #loadNextBatch()}: the root is reused within a file
 * and replaced at the next file.
 *
 * <p>Parquet files are read row group by row group with the projection pushed into the reader
 * (batches of up to {@code batchSize} rows). Arrow IPC streams are read batch by batch as written
 * (their batch size is the writer's); every column of a batch is decoded, the others then left out
 * of the root (the stream format has no index to skip by). Reading every column (none named) leaves
 * out the unnamed index columns pandas writes ({@code __index_level_0__}, see {@link PandasIndex});
 * named ones are ordinary columns.
 *
 * <pre>{@code
 * try (ArrowBatches batches = dataset.openArrow(allocator, List.of("symbol", "price"), 65_536)) {
 *   while (batches.loadNextBatch()) consume(batches.root());
 * }
 * }</pre>
 */
public final class ArrowBatches implements Closeable {
  private final BlobStore store;
  private final List<URI> files;
  private final String format;
  private final BufferAllocator allocator;
  private final List<String> columns;
  private final int batchSize;
  private final ColumnExecution execution;
  private @Nullable Source current;
  private int nextFile;

  /** One file's batches. */
  private interface Source extends Closeable {
    boolean loadNextBatch() throws IOException;

    VectorSchemaRoot root() throws IOException;
  }

  ArrowBatches(
      BlobStore store,
      List<URI> files,
      String format,
      BufferAllocator allocator,
      List<String> columns,
      int batchSize,
      ColumnExecution execution) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive");
    }
    if (!format.equals(StructuredDataset.PARQUET) && !format.equals(StructuredDataset.ARROW)) {
      throw new UnsupportedOperationException(
          "format '" + format + "' cannot be read as Arrow batches: 'parquet' and 'arrow' can");
    }
    this.store = store;
    this.files = files;
    this.format = format;
    this.allocator = allocator;
    this.columns = List.copyOf(columns);
    this.batchSize = batchSize;
    this.execution = execution;
  }

  /** Loads the next batch; returns false when every file is read. */
  public boolean loadNextBatch() throws IOException {
    while (true) {
      if (current != null && current.loadNextBatch()) {
        return true;
      }
      if (nextFile >= files.size()) {
        return false;
      }
      openNext();
    }
  }

  /** Opens the next file as the current source and returns it. */
  private Source openNext() throws IOException {
    closeCurrent();
    URI file = files.get(nextFile++);
    Source next =
        format.equals(StructuredDataset.PARQUET)
            ? parquet(
                ArrowParquetReader.open(store, file, allocator, columns, batchSize, execution))
            : new Ipc(file);
    current = next;
    return next;
  }

  /** Returns the root holding the batch last loaded. */
  public VectorSchemaRoot root() {
    if (current == null) {
      throw new IllegalStateException("no batch loaded: call loadNextBatch() first");
    }
    try {
      return current.root();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Returns the schema of the batches: of the current file, or the first if none is open. */
  Schema schema() throws IOException {
    Source source = current;
    if (source == null) {
      if (files.isEmpty()) {
        throw new java.io.FileNotFoundException("no data files to read a schema from");
      }
      source = openNext();
    }
    return source.root().getSchema();
  }

  /** Returns the file being read, or null before the first. */
  @Nullable URI currentFile() {
    return nextFile == 0 ? null : files.get(nextFile - 1);
  }

  private static Source parquet(ArrowParquetReader r) {
    return new Source() {
      @Override
      public boolean loadNextBatch() throws IOException {
        return r.loadNextBatch();
      }

      @Override
      public VectorSchemaRoot root() {
        return r.getVectorSchemaRoot();
      }

      @Override
      public void close() throws IOException {
        r.close();
      }
    };
  }

  /** An Arrow IPC stream, its root narrowed to the requested columns. */
  private final class Ipc implements Source {
    private final URI file;
    private final IpcStreams.Stream stream;
    private @Nullable VectorSchemaRoot view;
    private int batch;

    Ipc(URI file) throws IOException {
      this.file = file;
      this.stream = IpcStreams.open(store, file, allocator);
    }

    @Override
    public boolean loadNextBatch() throws IOException {
      if (!stream.loadNextBatch(batch++)) {
        return false;
      }
      VectorSchemaRoot r = root();
      VectorSchemaRoot all = stream.root();
      if (r != all) {
        r.setRowCount(all.getRowCount());
      }
      return true;
    }

    @Override
    public VectorSchemaRoot root() throws IOException {
      VectorSchemaRoot all = stream.root();
      if (view == null) {
        List<String> names = columns;
        if (names.isEmpty()) {
          Map<String, String> metadata = all.getSchema().getCustomMetadata();
          names =
              all.getSchema().getFields().stream()
                  .map(Field::getName)
                  .filter(n -> !PandasIndex.isUnnamedIndex(n, metadata))
                  .toList();
          if (names.size() == all.getSchema().getFields().size()) {
            view = all;
            return all;
          }
        }
        List<FieldVector> picked = new ArrayList<>();
        for (String c : names) {
          FieldVector v = all.getVector(c);
          if (v == null) {
            throw new IllegalArgumentException(
                "no column '"
                    + c
                    + "' in "
                    + file
                    + " (it has "
                    + all.getSchema().getFields().stream().map(Field::getName).toList()
                    + ")");
          }
          picked.add(v);
        }
        view = new VectorSchemaRoot(picked);
      }
      return view;
    }

    @Override
    public void close() throws IOException {
      stream.close(); // closes the root, whose vectors the view shares
    }
  }

  private void closeCurrent() throws IOException {
    Source c = current;
    current = null;
    if (c != null) {
      c.close();
    }
  }

  @Override
  public void close() throws IOException {
    closeCurrent();
  }
}
