package dev.ferry.dataframe;

import dev.ferry.blob.BlobStore;
import dev.ferry.dataframe.parquet.ArrowParquetReader;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.jspecify.annotations.Nullable;

/**
 * A dataset's rows as Arrow record batches, streamed file by file and row group by row group, with
 * only the requested columns read. Call {@link #root()} after each {@link #loadNextBatch()}: the
 * root is reused within a file and replaced at the next file.
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
  private final BufferAllocator allocator;
  private final List<String> columns;
  private final int batchSize;
  private @Nullable ArrowParquetReader current;
  private int nextFile;

  ArrowBatches(
      BlobStore store,
      List<URI> files,
      BufferAllocator allocator,
      List<String> columns,
      int batchSize) {
    this.store = store;
    this.files = files;
    this.allocator = allocator;
    this.columns = List.copyOf(columns);
    this.batchSize = batchSize;
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
      closeCurrent();
      current =
          ArrowParquetReader.open(store, files.get(nextFile++), allocator, columns, batchSize);
    }
  }

  /** Returns the root holding the batch last loaded. */
  public VectorSchemaRoot root() {
    if (current == null) {
      throw new IllegalStateException("no batch loaded: call loadNextBatch() first");
    }
    return current.getVectorSchemaRoot();
  }

  private void closeCurrent() throws IOException {
    ArrowParquetReader c = current;
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
