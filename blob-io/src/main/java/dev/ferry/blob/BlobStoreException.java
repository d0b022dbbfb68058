package dev.ferry.blob;

import dev.ferry.blob.internal.SafePaths;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.Method;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.FileSystemException;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A failed blob operation, naming the operation and the URI: {@code upload s3://bucket/key failed:
 * 503 Slow Down (after 4 attempts)}.
 */
public class BlobStoreException extends IOException {
  private final String operation;
  private final URI uri;
  private final String reason;
  private final boolean notFound;
  private final @Nullable Boolean retryable;

  /**
   * Creates the exception; whether it is {@link #retryable()} is read from {@code cause} (see
   * there).
   */
  public BlobStoreException(String operation, URI uri, String reason, @Nullable Throwable cause) {
    this(operation, uri, reason, cause, false, null);
  }

  /** Creates the exception, stating whether trying the same operation again can succeed. */
  public BlobStoreException(
      String operation, URI uri, String reason, @Nullable Throwable cause, boolean retryable) {
    this(operation, uri, reason, cause, false, retryable);
  }

  private BlobStoreException(
      String operation,
      URI uri,
      String reason,
      @Nullable Throwable cause,
      boolean notFound,
      @Nullable Boolean retryable) {
    super(operation + " " + shortened(uri.toString()) + " failed: " + reason, cause);
    this.operation = operation;
    this.uri = uri;
    this.reason = reason;
    this.notFound = notFound;
    this.retryable = retryable;
  }

  /** Returns the exception for an object that does not exist. */
  public static BlobStoreException notFound(String operation, URI uri) {
    return notFound(operation, uri, null);
  }

  /** Returns the exception for an object that does not exist, with the failure that told so. */
  public static BlobStoreException notFound(String operation, URI uri, @Nullable Throwable cause) {
    return new BlobStoreException(operation, uri, "no such object", cause, true, false);
  }

  /** Returns a URI of thousands of characters as its start and end, so messages stay readable. */
  private static String shortened(String uri) {
    return uri.length() <= 300 ? uri : SafePaths.abbreviate(uri);
  }

  /** Returns the operation: {@code upload}, {@code open}, {@code list}, ... */
  public String operation() {
    return operation;
  }

  /** Returns the URI the operation was on. */
  public URI uri() {
    return uri;
  }

  /** Returns why it failed, without the operation and URI: {@code no such object}. */
  public String reason() {
    return reason;
  }

  /** Returns true if the operation failed because the object does not exist. */
  public boolean isNotFound() {
    return notFound;
  }

  /**
   * Returns whether trying the same operation again can succeed. Stated by the store when it
   * constructed the exception; otherwise read from the causes: an HTTP status of 5xx, 429
   * (throttling) or 408, a lost or refused connection, a timeout or an interrupted transfer are
   * retryable; a missing object, a 4xx such as 403, a file-system refusal (access denied,
   * read-only, no such file) and a failure without a cause (a checksum or size mismatch of a
   * committed object, a bad URI) are not.
   */
  public boolean retryable() {
    if (retryable != null) {
      return retryable;
    }
    if (notFound) {
      return false;
    }
    int depth = 0;
    for (Throwable t = getCause(); t != null && depth < 16; t = t.getCause(), depth++) {
      if (t instanceof BlobStoreException b) {
        return b.retryable();
      }
      int status = httpStatus(t);
      if (status > 0) {
        return status >= 500 || status == 429 || status == 408;
      }
      if (t instanceof FileSystemException) {
        return false;
      }
      if (t instanceof InterruptedIOException
          || t instanceof TimeoutException
          || t instanceof ClosedChannelException
          || t instanceof SocketException
          || t instanceof UnknownHostException) {
        return true; // timeouts, refused, reset or lost connections, unknown hosts
      }
    }
    return false;
  }

  /**
   * Returns the HTTP status a client library's exception carries (the AWS SDK's {@code
   * statusCode()}, google-cloud's {@code getCode()}), or 0; read reflectively so that this SPI
   * depends on neither.
   */
  private static int httpStatus(Throwable t) {
    for (String name : new String[] {"statusCode", "getCode"}) {
      try {
        Method m = t.getClass().getMethod(name);
        if (m.getReturnType() == int.class) {
          Object value = m.invoke(t);
          return value instanceof Integer i && i >= 100 && i < 600 ? i : 0;
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        // no such accessor: not an HTTP client's exception
      }
    }
    return 0;
  }
}
