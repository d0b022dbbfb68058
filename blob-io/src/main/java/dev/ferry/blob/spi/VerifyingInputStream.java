package dev.ferry.blob.spi;

import dev.ferry.blob.BlobStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Reads an object's bytes and checks them against what the store said of it: the size at the end of
 * the stream, and the CRC32C as soon as the last byte is read. A mismatch, or any I/O failure of
 * the source, is a {@link BlobStoreException} of the given operation ({@code read}, {@code
 * download}); once the stream failed, every later read fails the same way.
 */
public final class VerifyingInputStream extends InputStream {
  /** The operation a plain read names. */
  public static final String READ = "read";

  private final InputStream in;
  private final String operation;
  private final URI uri;
  private final long expectedSize;
  private final @Nullable Integer expectedCrc;
  private final @Nullable CRC32C crc;
  private final byte[] one = new byte[1];
  private long count;
  private boolean checked;
  private @Nullable BlobStoreException failure;

  /**
   * Creates the stream.
   *
   * @param operation what errors name: {@code read}
   * @param expectedSize the object's size, or -1 to skip the size check
   * @param expectedCrc the object's CRC32C, or null to skip the checksum
   */
  public VerifyingInputStream(
      InputStream in, String operation, URI uri, long expectedSize, @Nullable Integer expectedCrc) {
    this.in = Objects.requireNonNull(in, "in");
    this.operation = Objects.requireNonNull(operation, "operation");
    this.uri = Objects.requireNonNull(uri, "uri");
    this.expectedSize = expectedSize;
    this.expectedCrc = expectedCrc;
    this.crc = expectedCrc == null ? null : new CRC32C();
  }

  @Override
  public int read() throws IOException {
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (failure != null) {
      throw failure;
    }
    if (len == 0) {
      return 0;
    }
    int n;
    try {
      n = in.read(b, off, len);
    } catch (IOException e) {
      throw failed(Failures.wrap(operation, uri, e));
    }
    if (n < 0) {
      checkEnd();
      return -1;
    }
    if (crc != null) {
      crc.update(b, off, n);
    }
    count += n;
    if (expectedSize >= 0 && count > expectedSize) {
      throw failed(sizeMismatch("more than " + expectedSize));
    }
    if (count == expectedSize) {
      checkCrc();
    }
    return n;
  }

  /** Skips by reading, so the skipped bytes are checked too. */
  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) {
      return 0;
    }
    byte[] scratch = new byte[(int) Math.min(n, 8192)];
    long skipped = 0;
    while (skipped < n) {
      int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public int available() throws IOException {
    try {
      return in.available();
    } catch (IOException e) {
      throw Failures.wrap(operation, uri, e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      in.close();
    } catch (IOException e) {
      throw Failures.wrap(operation, uri, e);
    }
  }

  private void checkEnd() throws BlobStoreException {
    if (expectedSize >= 0 && count != expectedSize) {
      throw failed(sizeMismatch(Long.toString(count)));
    }
    checkCrc();
  }

  private void checkCrc() throws BlobStoreException {
    if (checked || crc == null || expectedCrc == null) {
      return;
    }
    checked = true;
    int actual = (int) crc.getValue();
    if (actual != expectedCrc) {
      throw failed(
          new BlobStoreException(
              operation,
              uri,
              "checksum mismatch: expected crc32c "
                  + Crc32cs.hex(expectedCrc)
                  + " but read "
                  + Crc32cs.hex(actual),
              null));
    }
  }

  private BlobStoreException sizeMismatch(String read) {
    return new BlobStoreException(
        operation,
        uri,
        "size mismatch: expected " + expectedSize + " bytes but read " + read,
        null);
  }

  private BlobStoreException failed(BlobStoreException e) {
    failure = e;
    return e;
  }
}
