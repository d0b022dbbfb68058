package dev.ferry.dataframe.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Python virtualenv under {@code target/pyenv} with the pinned packages of {@code
 * src/test/python/requirements.txt} (exact versions with hashes), made once per build with {@code
 * python3 -m venv} and {@code pip install --require-hashes} from whatever index pip is configured
 * with, and made again when the requirements change.
 *
 * <p>Both paths are taken relative to the working directory, the module whose tests run: this
 * module's tests and it-spark's (through this module's test-jar) each have their own requirements
 * file and venv.
 *
 * <p>Tests that need it call {@link #require()}, which fails (never skips) with the reason when the
 * environment cannot be made: these are integration tests, and a missing prerequisite is an error.
 */
public final class PythonEnv {
  /** The pinned requirements, relative to the module (surefire's and failsafe's working dir). */
  public static final Path REQUIREMENTS =
      Path.of("src", "test", "python", "requirements.txt").toAbsolutePath();

  private static final Path VENV = Path.of("target", "pyenv").toAbsolutePath();
  private static final Path STAMP = VENV.resolve("requirements.installed");
  private static final String IMPORTS = "import pyarrow, pandas";
  private static Path python;
  private static String failure;

  private PythonEnv() {}

  /**
   * Returns the venv's python with the pinned packages importable.
   *
   * @throws IllegalStateException naming the reason (no python3, pip's error, ...) if it cannot be
   *     made
   */
  public static synchronized Path require() {
    if (python == null && failure == null) {
      try {
        python = make();
      } catch (IOException | RuntimeException e) {
        failure = e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = "interrupted while making the venv";
      }
    }
    if (python == null) {
      throw new IllegalStateException(
          "this integration test needs python3 with the packages of "
              + REQUIREMENTS
              + ", which could not be installed into "
              + VENV
              + ": "
              + failure);
    }
    return python;
  }

  private static Path make() throws IOException, InterruptedException {
    Path bin = VENV.resolve("bin").resolve("python");
    String wanted = Files.readString(REQUIREMENTS);
    if (Files.isExecutable(bin)
        && Files.isRegularFile(STAMP)
        && Files.readString(STAMP).equals(wanted)
        && run(List.of(bin.toString(), "-c", IMPORTS), 120).ok()) {
      return bin;
    }
    Result venv = run(List.of("python3", "-m", "venv", "--clear", VENV.toString()), 120);
    if (!venv.ok()) {
      throw new IllegalStateException("python3 -m venv failed: " + venv.output());
    }
    Result pip =
        run(
            List.of(
                VENV.resolve("bin").resolve("pip").toString(),
                "install",
                "-q",
                "--disable-pip-version-check",
                "--require-hashes",
                "--only-binary=:all:",
                "-r",
                REQUIREMENTS.toString()),
            900);
    if (!pip.ok()) {
      throw new IllegalStateException("pip install -r requirements.txt failed: " + pip.output());
    }
    Result check = run(List.of(bin.toString(), "-c", IMPORTS), 120);
    if (!check.ok()) {
      throw new IllegalStateException(IMPORTS + " failed after pip install: " + check.output());
    }
    Files.writeString(STAMP, wanted);
    return bin;
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
