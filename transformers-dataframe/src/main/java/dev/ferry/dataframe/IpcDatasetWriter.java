package dev.ferry.dataframe;

import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStore;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * Writes Arrow record batches into a dataset directory as Arrow IPC <em>streams</em> ({@code
 * {directory}/00000}, then {@code 00001}, ... once a file reaches {@code maxFileBytes}, checked
 * after each batch). The stream format, not the file format, because it is written front to back
 * with no footer pointing back at the batches: each file streams straight into the store's upload,
 * with no local copy and no seeking. Batches are written uncompressed. {@link #commit()} commits
 * the open file and completes the dataset; {@link #close()} without a commit, {@link #abort()} and
 * a failed batch discard the open file and delete the files already committed (see {@link
 * PartialDataset}).
 */
final class IpcDatasetWriter implements Closeable {
  private final BlobStore store;
  private final URI directory;
  private final VectorSchemaRoot root;
  private final long maxFileBytes;
  private final List<URI> files = new ArrayList<>();
  private final List<URI> committed = new ArrayList<>();
  private @Nullable BlobOutputStream out;
  private @Nullable ArrowStreamWriter writer;
  private boolean closed;
  private boolean done;

  /**
   * Returns a writer of {@code root}'s contents into {@code directory}: each {@link #writeBatch()}
   * writes what the root holds then.
   */
  IpcDatasetWriter(BlobStore store, URI directory, VectorSchemaRoot root, long maxFileBytes) {
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException("max file size must be positive");
    }
    this.store = store;
    this.directory = directory;
    this.root = root;
    this.maxFileBytes = maxFileBytes;
  }

  /** Writes the root's current rows, in a new file if the last one is full. */
  void writeBatch() throws IOException {
    if (closed) {
      throw new IllegalStateException("the writer is closed");
    }
    try {
      ArrowStreamWriter w = writer == null ? start() : writer;
      w.writeBatch();
      if (Objects.requireNonNull(out).bytesWritten() >= maxFileBytes) {
        finish();
      }
    } catch (IOException | RuntimeException e) {
      abortAfter(e);
      throw e;
    }
  }

  private ArrowStreamWriter start() throws IOException {
    URI file = URI.create(directory + "/" + String.format("%05d", files.size()));
    BlobOutputStream o = store.create(file);
    ArrowStreamWriter w = new ArrowStreamWriter(root, null, (WritableByteChannel) o);
    try {
      w.start();
    } catch (IOException | RuntimeException e) {
      o.abort();
      throw e;
    }
    files.add(file);
    out = o;
    writer = w;
    return w;
  }

  /** Writes the end-of-stream marker and commits the open file. */
  private void finish() throws IOException {
    ArrowStreamWriter w = writer;
    BlobOutputStream stream = out;
    writer = null;
    out = null;
    if (w != null) {
      // start() sets the writer and its output stream together, and every method clears both
      BlobOutputStream o =
          Objects.requireNonNull(stream, "IpcDatasetWriter: a stream writer without its output");
      try {
        w.end(); // the end-of-stream marker
        o.commit(); // the writer holds nothing else (no dictionaries), so is not closed
      } catch (IOException | RuntimeException e) {
        o.abort();
        throw e;
      }
      committed.add(files.get(files.size() - 1));
    }
  }

  /** Returns the files written or being written, in order. */
  List<URI> files() {
    return List.copyOf(files);
  }

  /**
   * Discards the open file and deletes the files already committed; does nothing after {@link
   * #commit()}. Throws, naming the files left, if a delete fails.
   */
  void abort() throws IOException {
    closed = true;
    BlobOutputStream o = out;
    writer = null;
    out = null;
    if (done) {
      return;
    }
    try {
      if (o != null) {
        o.abort();
      }
    } finally {
      List<URI> written = List.copyOf(committed);
      committed.clear();
      PartialDataset.delete(store, directory, written);
    }
  }

  /**
   * Commits the open file and completes the dataset; a dataset of no batches is one file of the
   * schema alone. A second call does nothing.
   */
  void commit() throws IOException {
    if (done) {
      return;
    }
    if (closed) {
      throw new IllegalStateException("the writer was aborted");
    }
    try {
      if (files.isEmpty()) {
        start();
      }
      finish();
    } catch (IOException | RuntimeException e) {
      abortAfter(e);
      throw e;
    }
    closed = true;
    done = true;
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
