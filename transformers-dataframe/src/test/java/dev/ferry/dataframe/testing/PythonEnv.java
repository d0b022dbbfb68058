package dev.ferry.dataframe.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Python virtualenv under {@code target/pyenv} with pyarrow and pandas, made once per build with
 * {@code python3 -m venv} and {@code pip install} (from whatever index pip is configured with).
 * Tests that need it skip, with the reason, where it cannot be made.
 */
public final class PythonEnv {
  private static final Path VENV = Path.of("target", "pyenv").toAbsolutePath();
  private static Optional<Path> python;
  private static String failure = "";

  private PythonEnv() {}

  /** Returns the venv's python with pyarrow and pandas importable, or empty. */
  public static synchronized Optional<Path> python() {
    if (python == null) {
      python = make();
    }
    return python;
  }

  /** Returns why {@link #python()} is empty. */
  public static String failure() {
    return failure;
  }

  private static Optional<Path> make() {
    Path bin = VENV.resolve("bin").resolve("python");
    try {
      if (Files.isExecutable(bin)
          && run(List.of(bin.toString(), "-c", "import pyarrow, pandas"), 120).ok()) {
        return Optional.of(bin);
      }
      Result venv = run(List.of("python3", "-m", "venv", VENV.toString()), 120);
      if (!venv.ok()) {
        failure = "python3 -m venv failed: " + venv.output();
        return Optional.empty();
      }
      Result pip =
          run(
              List.of(
                  VENV.resolve("bin").resolve("pip").toString(),
                  "install",
                  "-q",
                  "--disable-pip-version-check",
                  "pyarrow",
                  "pandas"),
              600);
      if (!run(List.of(bin.toString(), "-c", "import pyarrow, pandas"), 120).ok()) {
        failure = "pip install pyarrow pandas failed: " + pip.output();
        return Optional.empty();
      }
      return Optional.of(bin);
    } catch (IOException e) {
      failure = "python3 is not runnable: " + e.getMessage();
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = "interrupted";
      return Optional.empty();
    }
  }

  /** The exit status and combined output of a command. */
  public record Result(int status, String output) {
    /** Returns true if the command exited with 0. */
    public boolean ok() {
      return status == 0;
    }
  }

  /** Runs {@code command}, killing it after {@code timeoutSeconds}. */
  public static Result run(List<String> command, long timeoutSeconds)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, "timed out after " + timeoutSeconds + " s");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).trim());
  }
}
