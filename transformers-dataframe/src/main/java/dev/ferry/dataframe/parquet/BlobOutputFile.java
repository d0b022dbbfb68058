package dev.ferry.dataframe.parquet;

import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStore;
import dev.ferry.blob.WriteOptions;
import java.io.IOException;
import java.net.URI;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * A Parquet {@link OutputFile} that streams straight into a blob store: the bytes go out through a
 * {@link BlobOutputStream} while the row groups are written, with no local temporary file. Closing
 * the Parquet writer's stream does not commit: the owner calls {@link #commit()} once the footer is
 * written, or {@link #abort()} to discard the object.
 */
final class BlobOutputFile implements OutputFile {
  private final BlobStore store;
  private final URI uri;
  private final WriteOptions options;
  private @Nullable BlobOutputStream out;

  BlobOutputFile(BlobStore store, URI uri, WriteOptions options) {
    this.store = store;
    this.uri = uri;
    this.options = options;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) throws IOException {
    return createOrOverwrite(blockSizeHint);
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
    if (out != null) {
      throw new IllegalStateException("parquet output " + uri + " was already created");
    }
    BlobOutputStream stream = store.create(uri, options);
    out = stream;
    return new Stream(stream);
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return uri.toString();
  }

  /** Makes the object written visible under its URI; call after the footer is written. */
  void commit() throws IOException {
    BlobOutputStream o = out;
    if (o == null) {
      throw new IllegalStateException("parquet output " + uri + " was never created");
    }
    o.commit();
  }

  /** Discards the object written so far, if any; does nothing after {@link #commit()}. */
  void abort() throws IOException {
    BlobOutputStream o = out;
    if (o != null && o.isOpen()) {
      o.abort();
    }
  }

  private static final class Stream extends PositionOutputStream {
    private final BlobOutputStream out;

    Stream(BlobOutputStream out) {
      this.out = out;
    }

    @Override
    public long getPos() {
      return out.bytesWritten();
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void flush() {
      // a blob is written whole on commit; flushing early would only cut parts smaller
    }

    @Override
    public void close() {
      // parquet-java closes the stream after the footer; the owner commits or aborts the blob
    }
  }
}
