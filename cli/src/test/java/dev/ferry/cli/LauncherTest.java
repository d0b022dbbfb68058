package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testdata.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher the build makes ({@code target/ferry/bin/ferry} over {@code target/ferry/lib}), run
 * as a user runs it: its output carries no SLF4J warning, because the command ships a logging
 * backend (slf4j-simple, runtime scope) while the library modules stay binding-free.
 */
@IntegrationTest
class LauncherTest {
  private static final Path LAUNCHER = Path.of("target", "ferry", "bin", "ferry");

  @TempDir Path tmp;

  record Result(int exitCode, String output) {}

  private static Result ferry(String... args) throws Exception {
    assertThat(LAUNCHER).as("the launcher `mvn package` builds").isExecutable();
    List<String> command = new ArrayList<>();
    command.add(LAUNCHER.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("FERRY_OPTS");
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
    return new Result(p.exitValue(), out);
  }

  @Test
  void help_hasNoSlf4jWarning() throws Exception {
    Result r = ferry("--help");

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).startsWith("Usage: ferry").doesNotContain("SLF4J");
  }

  @Test
  void run_whichLogs_hasNoSlf4jWarningAndNoDuplicateProgressLines() throws Exception {
    assertThat(Path.of("target", "ferry", "lib"))
        .isDirectoryContaining(p -> p.getFileName().toString().startsWith("slf4j-simple-"));
    Path store = Files.createDirectories(tmp.resolve("runs"));

    Result r =
        ferry(
            "run",
            "-cp",
            Path.of("target", "test-classes").toString(),
            "samples.add",
            "--input",
            "a=1",
            "--input",
            "b=2",
            "--store",
            store.toString(),
            "--no-cache");

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).doesNotContain("SLF4J").contains("\"o0\" : 3");
    assertThat(r.output().lines().filter(l -> l.contains("samples.add") && l.contains("SUCCEEDED")))
        .hasSize(1);
  }
}
