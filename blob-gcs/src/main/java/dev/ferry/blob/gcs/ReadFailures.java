package dev.ferry.blob.gcs;

import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.spi.VerifyingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Objects;

/**
 * A stream of object bytes whose failures, checked or not, become {@link BlobStoreException}s of
 * operation {@code read} naming the URI and the HTTP status: the client's read channel throws
 * unchecked exceptions too.
 */
final class ReadFailures extends InputStream {
  private final InputStream in;
  private final URI uri;

  ReadFailures(InputStream in, URI uri) {
    this.in = Objects.requireNonNull(in, "in");
    this.uri = Objects.requireNonNull(uri, "uri");
  }

  /**
   * Returns a failure of a read of {@code uri}; a 404 means the generation being read was replaced
   * or deleted meanwhile.
   */
  static BlobStoreException wrap(URI uri, Throwable e) {
    BlobStoreException wrapped = GcsErrors.wrap(VerifyingInputStream.READ, uri, e);
    if (GcsErrors.status(e) == 404) {
      return new BlobStoreException(
          VerifyingInputStream.READ,
          uri,
          wrapped.reason() + " (the object was replaced or deleted while it was read)",
          e);
    }
    return wrapped;
  }

  @Override
  public int read() throws IOException {
    try {
      return in.read();
    } catch (IOException | RuntimeException e) {
      throw wrap(uri, e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (IOException | RuntimeException e) {
      throw wrap(uri, e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      in.close();
    } catch (IOException | RuntimeException e) {
      throw wrap(uri, e);
    }
  }
}
