package dev.ferry.cli;

/** The exit codes of {@code ferry}. */
public final class ExitCodes {
  /** The command did what was asked. */
  public static final int OK = 0;

  /** The command could not do it: bad input, an unreadable file, a store that failed. */
  public static final int FAILED = 1;

  /** The arguments were wrong (unknown option, missing parameter); the usage is printed. */
  public static final int USAGE = 2;

  /** An unexpected error: a bug in Ferry. */
  public static final int INTERNAL = 70;

  private ExitCodes() {}
}
