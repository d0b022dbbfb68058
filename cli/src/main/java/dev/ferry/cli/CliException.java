package dev.ferry.cli;

import org.jspecify.annotations.Nullable;

/**
 * A failure the user can act on: its message is printed as one line (no stack trace unless {@code
 * --verbose}) and {@code ferry} exits with {@link #exitCode()}.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /** Returns an exception that exits with {@link ExitCodes#FAILED}. */
  public CliException(String message) {
    this(message, null);
  }

  /** Returns an exception that exits with {@link ExitCodes#FAILED}, keeping its cause. */
  public CliException(String message, @Nullable Throwable cause) {
    super(message, cause);
    this.exitCode = ExitCodes.FAILED;
  }

  /** Returns the exit code. */
  public int exitCode() {
    return exitCode;
  }
}
