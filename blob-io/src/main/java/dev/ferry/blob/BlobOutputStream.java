package dev.ferry.blob;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A streaming write of one object. Nothing is visible under its URI until {@link #commit()}: it
 * waits for the bytes in flight and makes the object visible, or throws and leaves nothing there.
 * {@link #close()} without a prior {@link #commit()} <em>aborts</em>, so a {@code
 * try}-with-resources block left by an exception can never publish a partial object:
 *
 * <pre>{@code
 * try (BlobOutputStream out = store.create(uri)) {
 *   produce(out);   // throws: close() discards what was written
 *   out.commit();   // the only way the object appears
 * }
 * BlobInfo info = store.write(uri, out -> produce(out)); // the same, as one call
 * }</pre>
 *
 * <p>{@link #abort()} discards what was written explicitly. A stream that fails while writing
 * aborts itself; {@link #commit()} afterwards throws the failure again rather than committing a
 * partial object. A write method that throws, for whatever reason (bad arguments included), fails
 * the stream that way.
 *
 * <p>A stream is used by one thread at a time, like any {@link OutputStream}.
 */
public abstract class BlobOutputStream extends OutputStream implements WritableByteChannel {

  /** Returns the URI the object is written to. */
  public abstract URI uri();

  /** Returns the bytes written so far. */
  public abstract long bytesWritten();

  /**
   * Makes the written bytes visible under {@link #uri()} and returns what the store knows of the
   * object; on failure nothing is visible and the stream is discarded. A second call returns the
   * same {@link BlobInfo}. Throws {@link BlobStoreException} ({@code nothing committed: ...}) on a
   * stream that failed, and {@link IllegalStateException} on one that was aborted or closed.
   */
  public abstract BlobInfo commit() throws IOException;

  /**
   * Discards the write: nothing appears under the URI and parts uploaded so far are removed. Does
   * nothing on a stream already aborted, closed or failed; throws {@link IllegalStateException}
   * after a successful {@link #commit()}.
   */
  public abstract void abort() throws IOException;

  /**
   * Ends the stream: does nothing after {@link #commit()}, and otherwise {@linkplain #abort()
   * aborts}, so nothing written without a commit ever appears under the URI. Never commits.
   */
  @Override
  public abstract void close() throws IOException;

  /** Returns what the store knows of the committed object; call after {@link #commit()}. */
  public abstract BlobInfo info();

  /**
   * Runs {@code producer} on {@code out} and commits it if the producer returns normally; aborts it
   * (and rethrows) if the producer throws. Closes {@code out} either way. Returns the committed
   * object.
   */
  public static BlobInfo writeAndCommit(BlobOutputStream out, Producer producer)
      throws IOException {
    try (out) {
      producer.writeTo(out);
      return out.commit();
    }
  }

  /** Writes the bytes of one object; see {@link BlobStore#write(URI, WriteOptions, Producer)}. */
  @FunctionalInterface
  public interface Producer {
    /** Writes the object's bytes to {@code out}; never commits or closes it. */
    void writeTo(BlobOutputStream out) throws IOException;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    int n = src.remaining();
    if (src.hasArray()) {
      write(src.array(), src.arrayOffset() + src.position(), n);
      src.position(src.limit());
    } else {
      byte[] chunk = new byte[Math.min(n, 64 * 1024)];
      while (src.hasRemaining()) {
        int len = Math.min(chunk.length, src.remaining());
        src.get(chunk, 0, len);
        write(chunk, 0, len);
      }
    }
    return n;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }
}
