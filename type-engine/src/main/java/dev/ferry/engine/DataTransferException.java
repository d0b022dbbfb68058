package dev.ferry.engine;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when moving bytes to or from a store failed: an upload or download, a lost connection, a
 * server's 5xx answer, a checksum mismatch of a transfer. It is neither a definition error (the
 * type is fine) nor a data error (the value is fine): the store failed, and {@link #retryable()}
 * says whether trying again can help. The executor maps it to a SYSTEM error document.
 *
 * <p>The message names the operation and the location: {@code upload of
 * s3://bucket/raw/ab12/model.bin failed: 503 SlowDown (retryable)}.
 */
public class DataTransferException extends FerryException {
  private final String location;
  private final boolean retryable;

  /**
   * Creates the exception.
   *
   * @param message what failed, naming the operation and the location
   * @param location the URI or path of the object the transfer was about
   * @param retryable whether trying the same transfer again can succeed
   * @param cause the store's own exception
   */
  public DataTransferException(
      String message, String location, boolean retryable, @Nullable Throwable cause) {
    super(message, cause);
    this.location = location;
    this.retryable = retryable;
  }

  /** Returns the URI or path of the object the failed transfer was about. */
  public String location() {
    return location;
  }

  /** Returns whether trying the same transfer again can succeed. */
  public boolean retryable() {
    return retryable;
  }
}
