package dev.ferry.sdk;

/**
 * Implemented by a user exception that names its own error code (the Python SDK's {@code
 * error_code}); the code goes to the {@code ContainerError} of {@code error.pb} unchanged.
 */
public interface ErrorCode {
  /** Returns the error code. */
  String errorCode();
}
