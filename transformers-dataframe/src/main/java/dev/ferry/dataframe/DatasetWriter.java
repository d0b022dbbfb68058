package dev.ferry.dataframe;

import dev.ferry.blob.BlobStore;
import dev.ferry.dataframe.parquet.ParquetOptions;
import dev.ferry.dataframe.parquet.RowSchema;
import dev.ferry.dataframe.parquet.RowWriter;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes rows into a dataset directory as the Python SDK lays it out: {@code {directory}/00000},
 * then {@code 00001}, ... when a file reaches {@code maxFileBytes} (checked every 1,024 rows), each
 * file streamed to the store row group by row group. {@link #commit()} commits the last file and
 * completes the dataset. {@link #close()} without a commit, {@link #abort()} and a failed write
 * discard the open file <em>and delete the files this writer already committed</em> (see {@link
 * PartialDataset}), so a row source that throws half way leaves nothing under the directory.
 *
 * <pre>{@code
 * try (DatasetWriter<Trade> w = DatasetWriter.open(RowSchema.of(Trade.class), store, dir,
 *     ParquetOptions.defaults(), 512L << 20)) {
 *   for (Trade t : trades) w.write(t);
 *   w.commit();
 * }
 * }</pre>
 *
 * @param <R> the row type
 */
public final class DatasetWriter<R extends Record> implements Closeable {
  private static final int CHECK_EVERY = 1024;

  private final RowSchema<R> schema;
  private final BlobStore store;
  private final URI directory;
  private final ParquetOptions options;
  private final long maxFileBytes;
  private final List<URI> files = new ArrayList<>();
  private final List<URI> committed = new ArrayList<>();
  private @Nullable RowWriter<R> current;
  private long rows;
  private boolean done;

  private DatasetWriter(
      RowSchema<R> schema,
      BlobStore store,
      URI directory,
      ParquetOptions options,
      long maxFileBytes) {
    this.schema = schema;
    this.store = store;
    this.directory = directory;
    this.options = options;
    this.maxFileBytes = maxFileBytes;
  }

  /**
   * Returns a writer into {@code directory}; {@code maxFileBytes} is the size at which a new file
   * starts ({@link Long#MAX_VALUE} for a single file).
   */
  public static <R extends Record> DatasetWriter<R> open(
      RowSchema<R> schema,
      BlobStore store,
      URI directory,
      ParquetOptions options,
      long maxFileBytes)
      throws IOException {
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException("max file size must be positive");
    }
    DatasetWriter<R> w = new DatasetWriter<>(schema, store, directory, options, maxFileBytes);
    w.next();
    return w;
  }

  private void next() throws IOException {
    URI file = URI.create(directory + "/" + String.format("%05d", files.size()));
    current = RowWriter.open(schema, store, file, options);
    files.add(file);
  }

  /**
   * Writes one row, starting a new file first when the current one is full; a failure aborts the
   * whole dataset.
   */
  public void write(R row) throws IOException {
    RowWriter<R> w = current;
    if (w == null) {
      throw new IllegalStateException("the writer is closed");
    }
    try {
      if (w.rows() > 0 && w.rows() % CHECK_EVERY == 0 && w.dataSize() >= maxFileBytes) {
        w.commit();
        committed.add(files.get(files.size() - 1));
        next();
        w = Objects.requireNonNull(current);
      }
      w.write(row);
    } catch (IOException | RuntimeException e) {
      abortAfter(e);
      throw e;
    }
    rows++;
  }

  /** Returns the rows written. */
  public long rows() {
    return rows;
  }

  /** Returns the files written or being written, in order. */
  public List<URI> files() {
    return List.copyOf(files);
  }

  /** Commits the open file, completing the dataset; a second call does nothing. */
  public void commit() throws IOException {
    RowWriter<R> w = current;
    if (w == null) {
      if (done) {
        return;
      }
      throw new IllegalStateException("the writer was aborted");
    }
    try {
      w.commit();
    } catch (IOException | RuntimeException e) {
      abortAfter(e);
      throw e;
    }
    current = null;
    done = true;
    committed.add(files.get(files.size() - 1));
  }

  /**
   * Discards the open file and deletes the files already committed; does nothing after {@link
   * #commit()}. Throws, naming the files left, if a delete fails.
   */
  public void abort() throws IOException {
    RowWriter<R> w = current;
    current = null;
    if (done) {
      return;
    }
    try {
      if (w != null) {
        w.abort();
      }
    } finally {
      List<URI> written = List.copyOf(committed);
      committed.clear();
      PartialDataset.delete(store, directory, written);
    }
  }

  /** Does nothing after {@link #commit()}; otherwise {@linkplain #abort() aborts} the dataset. */
  @Override
  public void close() throws IOException {
    if (!done) {
      abort();
    }
  }

  private void abortAfter(Exception e) {
    try {
      abort();
    } catch (IOException | RuntimeException suppressed) {
      e.addSuppressed(suppressed);
    }
  }
}
