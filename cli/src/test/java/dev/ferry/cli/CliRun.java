package dev.ferry.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The exit code, standard output and standard error of one in-process {@code ferry} run. */
public record CliRun(int exitCode, String out, String err) {

  /** Returns the result of {@code ferry args}. */
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Ferry.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
