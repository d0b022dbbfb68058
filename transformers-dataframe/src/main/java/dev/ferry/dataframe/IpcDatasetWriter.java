package dev.ferry.dataframe;

import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStore;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * Writes Arrow record batches into a dataset directory as Arrow IPC <em>streams</em> ({@code
 * {directory}/00000}, then {@code 00001}, ... once a file reaches {@code maxFileBytes}, checked
 * after each batch). The stream format, not the file format, because it is written front to back
 * with no footer pointing back at the batches: each file streams straight into the store's upload,
 * with no local copy and no seeking. Batches are written uncompressed. Close commits the open file;
 * {@link #abort()} discards it (files already committed stay).
 */
final class IpcDatasetWriter implements Closeable {
  private final BlobStore store;
  private final URI directory;
  private final VectorSchemaRoot root;
  private final long maxFileBytes;
  private final List<URI> files = new ArrayList<>();
  private @Nullable BlobOutputStream out;
  private @Nullable ArrowStreamWriter writer;
  private boolean closed;

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
    ArrowStreamWriter w = writer == null ? start() : writer;
    try {
      w.writeBatch();
    } catch (IOException | RuntimeException e) {
      abort();
      throw e;
    }
    if (out.bytesWritten() >= maxFileBytes) {
      finish();
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
    BlobOutputStream o = out;
    writer = null;
    out = null;
    if (w != null) {
      try {
        w.end(); // the end-of-stream marker
        o.close(); // commits; the writer holds nothing else (no dictionaries), so is not closed
      } catch (IOException | RuntimeException e) {
        o.abort();
        throw e;
      }
    }
  }

  /** Returns the files written or being written, in order. */
  List<URI> files() {
    return List.copyOf(files);
  }

  /** Discards the open file. */
  void abort() throws IOException {
    closed = true;
    BlobOutputStream o = out;
    writer = null;
    out = null;
    if (o != null) {
      o.abort();
    }
  }

  /** Commits the open file; a dataset of no batches is one file of the schema alone. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    if (files.isEmpty()) {
      start();
    }
    closed = true;
    finish();
  }
}
