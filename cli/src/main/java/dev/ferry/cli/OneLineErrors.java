package dev.ferry.cli;

import dev.ferry.blob.BlobStoreException;
import dev.ferry.engine.FerryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception of a subcommand into one line on standard error, {@code ferry <cmd>: message},
 * and an exit code: {@link ExitCodes#FAILED} for failures the user can act on ({@link
 * CliException}, the type engine's exceptions, I/O and store failures), {@link ExitCodes#INTERNAL}
 * for anything else. With {@code --verbose} the stack trace follows the line.
 */
final class OneLineErrors implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    int code = exitCode(exception);
    String line = commandLine.getCommandSpec().qualifiedName() + ": " + message(exception, code);
    err.println(commandLine.getColorScheme().errorText(line));
    if (verbose(parseResult)) {
      exception.printStackTrace(err);
    } else if (code == ExitCodes.INTERNAL) {
      err.println("(run with --verbose for the stack trace)");
    }
    err.flush();
    return code;
  }

  static int exitCode(Throwable e) {
    if (e instanceof CommandLine.ParameterException) {
      return ExitCodes.USAGE;
    }
    if (e instanceof CliException cli) {
      return cli.exitCode();
    }
    if (e instanceof FerryException
        || e instanceof IOException
        || e instanceof UncheckedIOException
        || e instanceof BlobStoreException) {
      return ExitCodes.FAILED;
    }
    return ExitCodes.INTERNAL;
  }

  private static String message(Throwable e, int code) {
    String text = e.getMessage() == null ? "" : e.getMessage().strip();
    // One line: the first line of a multi-line message.
    int newline = text.indexOf('\n');
    if (newline >= 0) {
      text = text.substring(0, newline).strip();
    }
    if (code == ExitCodes.INTERNAL || text.isEmpty()) {
      return "internal error: " + e.getClass().getName() + (text.isEmpty() ? "" : ": " + text);
    }
    return text;
  }

  private static boolean verbose(ParseResult result) {
    for (ParseResult r = result; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
