package dev.ferry.cli;

import dev.ferry.cli.execute.ExecuteCommand;
import dev.ferry.cli.inspect.InspectCommand;
import dev.ferry.cli.packaging.PackageCommand;
import dev.ferry.cli.run.RunCommand;
import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code ferry} command. {@link #main} exits with the code of {@link #run}; tests call {@link
 * #commandLine} with their own writers.
 */
@Command(
    name = "ferry",
    mixinStandardHelpOptions = true,
    versionProvider = FerryVersion.class,
    description = "Flyte's type engine and data plane for the JVM, from a terminal.",
    subcommands = {
      RunCommand.class,
      InspectCommand.class,
      PackageCommand.class,
      ExecuteCommand.class,
      CommandLine.HelpCommand.class,
      AutoComplete.GenerateCompletion.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      ExitCodes.OK + ":done",
      ExitCodes.FAILED + ":failed: bad input, unreadable file, store failure (one line on stderr)",
      ExitCodes.USAGE + ":wrong arguments",
      ExitCodes.INTERNAL + ":internal error (a bug; --verbose prints the stack trace)"
    })
public final class Ferry implements Runnable {

  @Spec CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "On failure, print the stack trace after the one-line message.")
  boolean verbose;

  /** Runs {@code ferry} with the process's arguments and exits with its code. */
  public static void main(String[] args) {
    quietNettyOnNewJdks();
    System.exit(run(args));
  }

  /**
   * On JDK 24 and later, Netty 4.1 (under the AWS SDK's async client) probes {@code
   * sun.misc.Unsafe} memory access, and the JVM prints a four-line deprecation warning to standard
   * error on every command: tell Netty not to use Unsafe there, unless the user chose otherwise
   * ({@code FERRY_OPTS=-Dio.netty.noUnsafe=false}). Netty then allocates direct buffers through the
   * JDK's API.
   */
  static void quietNettyOnNewJdks() {
    if (Runtime.version().feature() >= 24 && System.getProperty("io.netty.noUnsafe") == null) {
      System.setProperty("io.netty.noUnsafe", "true");
    }
  }

  /** Returns the exit code of {@code ferry args}, printing to standard out and error. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /**
   * Returns the configured command line (error handler, exit codes) writing to the process's
   * streams.
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Ferry());
    cl.setExecutionExceptionHandler(new OneLineErrors());
    cl.setExitCodeExceptionMapper(OneLineErrors::exitCode);
    return cl;
  }

  /** Returns the configured command line writing to {@code out} and {@code err}. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    return cl;
  }

  @Override
  public void run() {
    // "ferry" alone: show what it can do.
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
