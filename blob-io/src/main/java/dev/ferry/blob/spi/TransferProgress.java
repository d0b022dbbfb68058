package dev.ferry.blob.spi;

import dev.ferry.blob.ProgressListener;
import java.net.URI;
import java.util.Objects;

/**
 * Counts the bytes of one transfer, or of a group of transfers sharing one total, tells the
 * listener, and tells the transfers when to stop. Thread-safe: the listener hears one call at a
 * time, with {@code bytesDone} never going down.
 *
 * <p>Transfers call {@link #advance} as bytes move; once the group is {@linkplain #cancel()
 * cancelled} that call throws {@link TransferCancelledException}, so a transfer that reports
 * progress also stops promptly.
 */
public final class TransferProgress {
  private final URI uri;
  private final long totalBytes;
  private final ProgressListener listener;
  private long bytesDone; // guarded by this
  private volatile boolean cancelled;

  /** Creates a counter reporting {@code uri} with {@code totalBytes} (-1 if unknown). */
  public TransferProgress(URI uri, long totalBytes, ProgressListener listener) {
    this.uri = Objects.requireNonNull(uri, "uri");
    this.totalBytes = totalBytes;
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Returns a counter that reports nothing. */
  public static TransferProgress silent(URI uri) {
    return new TransferProgress(uri, -1, ProgressListener.NONE);
  }

  /** Tells the listener the transfer starts: {@code (uri, 0, total)}. */
  public synchronized void begin() {
    listener.onProgress(uri, bytesDone, totalBytes);
  }

  /** Counts {@code bytes} more and tells the listener. */
  public void advance(long bytes) throws TransferCancelledException {
    checkCancelled();
    if (bytes == 0) {
      return;
    }
    synchronized (this) {
      bytesDone += bytes;
      listener.onProgress(uri, bytesDone, totalBytes);
    }
  }

  /** Returns the bytes counted so far. */
  public synchronized long bytesDone() {
    return bytesDone;
  }

  /** Returns the total bytes, or -1 if unknown. */
  public long totalBytes() {
    return totalBytes;
  }

  /** Stops the transfers: their next {@link #advance} or {@link #checkCancelled} throws. */
  public void cancel() {
    cancelled = true;
  }

  /** Returns true once {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled;
  }

  /** Throws {@link TransferCancelledException} if the transfers were cancelled. */
  public void checkCancelled() throws TransferCancelledException {
    if (cancelled) {
      throw new TransferCancelledException(uri);
    }
  }
}
