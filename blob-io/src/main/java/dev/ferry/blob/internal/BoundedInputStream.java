package dev.ferry.blob.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** Reads at most a given number of bytes of another stream; closing closes it. */
public final class BoundedInputStream extends InputStream {
  private final InputStream in;
  private long remaining;

  /** Creates a stream of at most {@code limit} bytes of {@code in}. */
  public BoundedInputStream(InputStream in, long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
    this.in = Objects.requireNonNull(in, "in");
    this.remaining = limit;
  }

  @Override
  public int read() throws IOException {
    if (remaining == 0) {
      return -1;
    }
    int b = in.read();
    if (b >= 0) {
      remaining--;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (remaining == 0) {
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n > 0) {
      remaining -= n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = in.skip(Math.min(Math.max(n, 0), remaining));
    remaining -= skipped;
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(in.available(), remaining);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
