package dev.ferry.blob.spi;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.ProgressListener;
import dev.ferry.blob.WriteOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The commit/abort rules of {@link BlobOutputStream}, written once: argument checks, byte count,
 * CRC32C of what was written (when {@link WriteOptions#checksum()}), progress, and the state
 * machine. A store supplies {@link #writeBytes}, {@link #commit(long, String)} and {@link
 * #discard}.
 *
 * <ul>
 *   <li>A write method that throws, for whatever reason, fails the stream: it is discarded at once,
 *       and {@link #commit()} then throws {@code write <uri> failed: nothing committed: ...}.
 *   <li>{@link #commit()} commits once; later calls return the same info. If the store's commit
 *       throws, the stream is discarded and failed.
 *   <li>{@link #close()} does nothing after a commit and discards an open stream: it never commits.
 *   <li>{@link #abort()} discards an open stream and does nothing on an aborted, closed or failed
 *       one.
 * </ul>
 *
 * <p>Errors of a write are reported as operation {@code write}.
 */
public abstract class AbstractBlobOutputStream extends BlobOutputStream {
  /** The operation errors of a write name. */
  public static final String OPERATION = "write";

  private static final long REPORT_EVERY = 1024 * 1024;

  private enum State {
    OPEN,
    FAILED,
    ABORTED,
    CLOSED,
    COMMITTED
  }

  private final URI uri;
  private final ProgressListener progress;
  private final @Nullable CRC32C crc;
  private final byte[] one = new byte[1];
  private long written;
  private long nextReport = REPORT_EVERY;
  private State state = State.OPEN;
  private @Nullable Throwable failure;
  private @Nullable BlobInfo info;

  /** Creates the stream of {@code uri}. */
  protected AbstractBlobOutputStream(URI uri, WriteOptions options) {
    this.uri = Objects.requireNonNull(uri, "uri");
    this.progress = options.progress();
    this.crc = options.checksum() ? new CRC32C() : null;
  }

  /** Writes {@code len} bytes of {@code b} from {@code off}; the arguments are checked. */
  protected abstract void writeBytes(byte[] b, int off, int len) throws IOException;

  /**
   * Writes the remaining bytes of {@code src}, leaving it with none; the default copies through a
   * heap array.
   */
  protected void writeBytes(ByteBuffer src) throws IOException {
    if (src.hasArray()) {
      writeBytes(src.array(), src.arrayOffset() + src.position(), src.remaining());
      src.position(src.limit());
      return;
    }
    byte[] chunk = new byte[Math.min(src.remaining(), 64 * 1024)];
    while (src.hasRemaining()) {
      int len = Math.min(chunk.length, src.remaining());
      src.get(chunk, 0, len);
      writeBytes(chunk, 0, len);
    }
  }

  /**
   * Makes the written bytes visible under the URI and returns what is known of the object.
   *
   * @param size the bytes written
   * @param crc32c their CRC32C as hex, or null if {@link WriteOptions#checksum()} is off
   */
  protected abstract BlobInfo commit(long size, @Nullable String crc32c) throws IOException;

  /** Drops what was written; called at most once, and never after {@link #commit(long, String)}. */
  protected abstract void discard() throws IOException;

  @Override
  public final URI uri() {
    return uri;
  }

  @Override
  public final long bytesWritten() {
    return written;
  }

  @Override
  public final boolean isOpen() {
    return state == State.OPEN;
  }

  @Override
  public final void write(int b) throws IOException {
    one[0] = (byte) b;
    write(one, 0, 1);
  }

  @Override
  public final void write(byte[] b, int off, int len) throws IOException {
    ensureOpen();
    try {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return;
      }
      writeBytes(b, off, len);
      if (crc != null) {
        crc.update(b, off, len);
      }
    } catch (IOException | RuntimeException | Error e) {
      throw fail(e);
    }
    advance(len);
  }

  @Override
  public final int write(ByteBuffer src) throws IOException {
    ensureOpen();
    int n;
    try {
      n = src.remaining();
      if (crc != null) {
        crc.update(src.duplicate());
      }
      writeBytes(src);
    } catch (IOException | RuntimeException | Error e) {
      throw fail(e);
    }
    advance(n);
    return n;
  }

  @Override
  public final BlobInfo commit() throws IOException {
    switch (state) {
      case COMMITTED:
        return info();
      case FAILED:
        throw notCommitted();
      case ABORTED:
        throw new IllegalStateException("commit after abort: nothing was written to " + uri);
      case CLOSED:
        throw new IllegalStateException(
            "commit after close: " + uri + " was discarded when the stream was closed uncommitted");
      default:
        break;
    }
    BlobInfo committed;
    try {
      committed = commit(written, crc == null ? null : Crc32cs.hex(crc));
    } catch (IOException | RuntimeException | Error e) {
      throw fail(e);
    }
    info = committed;
    state = State.COMMITTED;
    progress.onProgress(uri, written, written);
    return committed;
  }

  @Override
  public final void close() throws IOException {
    if (state == State.OPEN) {
      state = State.CLOSED;
      discard();
    }
  }

  @Override
  public final void abort() throws IOException {
    switch (state) {
      case OPEN:
        state = State.ABORTED;
        discard();
        return;
      case COMMITTED:
        throw new IllegalStateException("abort after commit: " + uri + " is already written");
      default:
        // aborted, or failed and discarded already
    }
  }

  @Override
  public final BlobInfo info() {
    if (info == null) {
      throw new IllegalStateException("info() is known after commit() of " + uri);
    }
    return info;
  }

  private void ensureOpen() throws BlobStoreException {
    switch (state) {
      case OPEN:
        return;
      case FAILED:
        throw notCommitted();
      case ABORTED:
        throw new BlobStoreException(OPERATION, uri, "the stream was aborted", null);
      case CLOSED:
        throw new BlobStoreException(OPERATION, uri, "the stream was closed uncommitted", null);
      default:
        throw new BlobStoreException(OPERATION, uri, "the stream is closed", null);
    }
  }

  private BlobStoreException notCommitted() {
    Throwable cause = Objects.requireNonNull(failure);
    return new BlobStoreException(
        OPERATION, uri, "nothing committed: " + Failures.reason(cause), cause);
  }

  /**
   * Fails the stream with {@code e}: discards it, then returns {@code e} to throw (wrapped if it is
   * a plain I/O failure), or throws it if it is unchecked.
   */
  private IOException fail(Throwable e) {
    if (state == State.OPEN) {
      state = State.FAILED;
      failure = e;
      try {
        discard();
      } catch (IOException | RuntimeException d) {
        e.addSuppressed(d);
      }
    }
    if (e instanceof IOException) {
      return Failures.wrap(OPERATION, uri, (IOException) e);
    }
    if (e instanceof RuntimeException) {
      throw (RuntimeException) e;
    }
    throw (Error) e;
  }

  private void advance(long n) {
    written += n;
    if (written >= nextReport && progress != ProgressListener.NONE) {
      progress.onProgress(uri, written, -1);
      nextReport = written + REPORT_EVERY;
    }
  }
}
