package dev.ferry.blob;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A streaming write of one object. {@link #close()} commits: it waits for the bytes in flight and
 * makes the object visible under its URI, or throws and leaves nothing there. {@link #abort()}
 * discards what was written. A stream that fails while writing aborts itself; closing it afterwards
 * throws the failure again rather than committing a partial object. A write method that throws, for
 * whatever reason (bad arguments included), fails the stream that way.
 *
 * <p>Closing commits even when it is the end of a {@code try}-with-resources block left by an
 * exception; call {@link #abort()} on that path to discard the partial object:
 *
 * <pre>{@code
 * BlobOutputStream out = store.create(uri);
 * try {
 *   produce(out);
 *   out.close(); // commit
 * } catch (Exception e) {
 *   out.abort();
 *   throw e;
 * }
 * }</pre>
 *
 * <p>A stream is used by one thread at a time, like any {@link OutputStream}.
 */
public abstract class BlobOutputStream extends OutputStream implements WritableByteChannel {

  /** Returns the URI the object is written to. */
  public abstract URI uri();

  /** Returns the bytes written so far. */
  public abstract long bytesWritten();

  /**
   * Discards the write: nothing appears under the URI and parts uploaded so far are removed. Does
   * nothing on a stream already aborted or failed; throws {@link IllegalStateException} after a
   * successful {@link #close()}.
   */
  public abstract void abort() throws IOException;

  /** Returns what the store knows of the committed object; call after {@link #close()}. */
  public abstract BlobInfo info();

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
