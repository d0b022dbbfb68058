package dev.ferry.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.Ferry;
import dev.ferry.cli.tasks.SampleTasks;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir Path tmp;

  private record Result(int code, String out, String err) {}

  private Result ferry(String... args) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Ferry.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private String cp() throws Exception {
    return Path.of(SampleTasks.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
  }

  @Test
  void runsATaskByNameWithInputsAndPrintsItsOutputs() throws Exception {
    Result r =
        ferry(
            "run",
            "-cp",
            cp(),
            "samples.add",
            "--input",
            "a=40",
            "--input",
            "b=2",
            "--store",
            tmp.resolve("runs").toUri().toString(),
            "--no-cache");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains(": SUCCEEDED").contains("run directory: ").contains("\"o0\" : 42");
  }

  @Test
  void runsByReferenceWithJsonInputs() throws Exception {
    Result r =
        ferry(
            "run",
            "-cp",
            cp(),
            "dev.ferry.cli.tasks.SampleTasks#ADD",
            "--inputs-json",
            "{\"a\": 1, \"b\": 2}",
            "--store",
            tmp.resolve("runs").toUri().toString(),
            "--no-cache");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"o0\" : 3");
  }

  @Test
  void aFailingTaskUnknownTaskAndBadInputsAreOneLine() throws Exception {
    String store = tmp.resolve("runs").toUri().toString();
    Result fail = ferry("run", "-cp", cp(), "samples.fail", "--input", "input=x", "--store", store);
    assertThat(fail.code()).isEqualTo(1);
    assertThat(fail.err()).contains("samples.fail FAILED").contains("bad value x");
    assertThat(fail.err().lines().count()).isEqualTo(1);

    Result unknown = ferry("run", "-cp", cp(), "samples.nope", "--store", store);
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("no task 'samples.nope'").contains("samples.add");

    Result bad =
        ferry("run", "-cp", cp(), "samples.add", "--inputs-json", "{nope", "--store", store);
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("--inputs-json is not valid JSON");

    Result wrongType =
        ferry(
            "run",
            "-cp",
            cp(),
            "samples.add",
            "--input",
            "a=x",
            "--input",
            "b=1",
            "--store",
            store);
    assertThat(wrongType.code()).isEqualTo(1);
    assertThat(wrongType.err()).contains("inputs of task samples.add: expected");
  }
}
