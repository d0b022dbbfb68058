package dev.ferry.sdk;

/**
 * Thrown by a task body for a failure a retry can fix (a flaky service, a busy resource): the
 * attempt is recorded as a RECOVERABLE user error ({@code USER:Recoverable}) and spends one of the
 * task's retries. Any other exception is NON_RECOVERABLE and fails the action at once, as in the
 * Python SDK.
 */
public class RecoverableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Returns an exception with {@code message}. */
  public RecoverableException(String message) {
    super(message);
  }

  /** Returns an exception with {@code message} and {@code cause}. */
  public RecoverableException(String message, Throwable cause) {
    super(message, cause);
  }
}
