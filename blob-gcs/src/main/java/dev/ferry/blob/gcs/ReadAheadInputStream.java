package dev.ferry.blob.gcs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The bytes {@code [start, end)} of an object, fetched as ranged reads of {@code chunkSize} bytes,
 * {@code readAhead} of them running ahead of the reader on an executor. Memory is bounded by {@code
 * chunkSize x (readAhead + 1)}: the chunk being read and those in flight. The first failed fetch is
 * thrown, in order, when the reader reaches its chunk; closing cancels the fetches in flight.
 */
final class ReadAheadInputStream extends InputStream {
  /** The longest a reader waits for one ranged read (beyond its attempts and timeouts). */
  static final Duration WAIT = Duration.ofMinutes(15);

  /** Fetches {@code length} bytes from {@code offset}: exactly that many, or throws. */
  @FunctionalInterface
  interface Fetcher {
    ByteBuffer fetch(long offset, int length) throws IOException;
  }

  private final Fetcher fetcher;
  private final Executor executor;
  private final long end;
  private final int chunkSize;
  private final int readAhead;
  private final ArrayDeque<FutureTask<ByteBuffer>> window = new ArrayDeque<>();
  private long nextOffset;
  private @Nullable ByteBuffer current;
  private boolean closed;

  ReadAheadInputStream(
      Fetcher fetcher, Executor executor, long start, long end, int chunkSize, int readAhead) {
    if (chunkSize < 1 || readAhead < 1 || start < 0 || end < start) {
      throw new IllegalArgumentException(
          "bad read-ahead: [" + start + ", " + end + ") by " + chunkSize + " x " + readAhead);
    }
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.nextOffset = start;
    this.end = end;
    this.chunkSize = chunkSize;
    this.readAhead = readAhead;
  }

  @Override
  public int read() throws IOException {
    ByteBuffer b = chunk();
    return b == null ? -1 : b.get() & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    ByteBuffer c = chunk();
    if (c == null) {
      return -1;
    }
    int n = Math.min(len, c.remaining());
    c.get(b, off, n);
    return n;
  }

  @Override
  public int available() {
    ByteBuffer c = current;
    return c == null ? 0 : c.remaining();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    current = null;
    for (FutureTask<ByteBuffer> f : window) {
      f.cancel(true);
    }
    window.clear();
  }

  /** Returns the chunk with bytes left to read, or null at the end. */
  private @Nullable ByteBuffer chunk() throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    ByteBuffer c = current;
    if (c != null && c.hasRemaining()) {
      return c;
    }
    current = null;
    schedule();
    FutureTask<ByteBuffer> next = window.poll();
    if (next == null) {
      return null;
    }
    schedule();
    try {
      c = next.get(WAIT.toMinutes(), TimeUnit.MINUTES);
    } catch (TimeoutException e) {
      close();
      throw new IOException("a ranged read did not finish within " + WAIT.toMinutes() + " min", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new InterruptedIOException("interrupted while waiting for a ranged read");
    } catch (ExecutionException e) {
      close();
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IOException(cause);
    }
    current = c;
    return c.hasRemaining() ? c : chunk();
  }

  /** Starts fetches until {@code readAhead} are in flight or the range is all asked for. */
  private void schedule() {
    while (window.size() < readAhead && nextOffset < end) {
      long offset = nextOffset;
      int length = (int) Math.min(chunkSize, end - offset);
      FutureTask<ByteBuffer> task = new FutureTask<>(() -> fetcher.fetch(offset, length));
      window.add(task);
      nextOffset += length;
      executor.execute(task);
    }
  }
}
