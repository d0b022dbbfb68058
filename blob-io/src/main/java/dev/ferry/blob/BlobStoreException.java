package dev.ferry.blob;

import dev.ferry.blob.internal.SafePaths;
import java.io.IOException;
import java.net.URI;
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

  /** Creates the exception. */
  public BlobStoreException(String operation, URI uri, String reason, @Nullable Throwable cause) {
    this(operation, uri, reason, cause, false);
  }

  private BlobStoreException(
      String operation, URI uri, String reason, @Nullable Throwable cause, boolean notFound) {
    super(operation + " " + shortened(uri.toString()) + " failed: " + reason, cause);
    this.operation = operation;
    this.uri = uri;
    this.reason = reason;
    this.notFound = notFound;
  }

  /** Returns the exception for an object that does not exist. */
  public static BlobStoreException notFound(String operation, URI uri) {
    return notFound(operation, uri, null);
  }

  /** Returns the exception for an object that does not exist, with the failure that told so. */
  public static BlobStoreException notFound(String operation, URI uri, @Nullable Throwable cause) {
    return new BlobStoreException(operation, uri, "no such object", cause, true);
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
}
