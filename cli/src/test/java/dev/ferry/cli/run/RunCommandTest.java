package dev.ferry.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.cli.Ferry;
import dev.ferry.cli.tasks.RunTasks;
import dev.ferry.cli.tasks.SampleTasks;
import dev.ferry.testdata.TestData;
import dev.ferry.transformers.blob.FlyteDirectory;
import dev.ferry.transformers.blob.FlyteFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  @Test
  void inputsPb_writtenByPython_runsTheTaskOfTheSameInterface() throws Exception {
    Path pb = tmp.resolve("inputs.pb");
    Files.write(pb, TestData.bytes("interop/python-flytekit-inputs.pb"));

    Result r =
        ferry(
            "run",
            "-cp",
            cp(),
            "samples.add",
            "--inputs-pb",
            pb.toString(),
            "--store",
            tmp.resolve("runs").toUri().toString(),
            "--no-cache");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"o0\" : 30");
  }

  @Test
  void inputsPb_ofAnotherInterfaceOrNotALiteralMap_isOneLine() throws Exception {
    String store = tmp.resolve("runs").toUri().toString();
    Path pb = tmp.resolve("inputs.pb");
    Files.write(pb, TestData.bytes("interop/go-propeller-inputs.pb"));
    Result other =
        ferry("run", "-cp", cp(), "samples.add", "--inputs-pb", pb.toString(), "--store", store);
    assertThat(other.code()).isEqualTo(1);
    assertThat(other.err())
        .contains("--inputs-pb " + pb + " does not hold the inputs of task samples.add")
        .contains("'a'");
    assertThat(other.err().lines().count()).isEqualTo(1);

    Path junk = tmp.resolve("junk.pb");
    Files.write(junk, new byte[] {(byte) 0xff, (byte) 0xff, 0x01});
    Result bad =
        ferry("run", "-cp", cp(), "samples.add", "--inputs-pb", junk.toString(), "--store", store);
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("--inputs-pb " + junk);

    Result both =
        ferry("run", "-cp", cp(), "samples.add", "--inputs-pb", pb.toString(), "--input", "a=1");
    assertThat(both.code()).isEqualTo(1);
    assertThat(both.err()).contains("--inputs-pb goes alone");
  }

  @Test
  void fileAndDirectoryInputs_fromJsonPaths() throws Exception {
    Path file = Files.writeString(tmp.resolve("data.csv"), "a,b\n1,2\n");
    Path dir = Files.createDirectories(tmp.resolve("shards"));
    Files.writeString(dir.resolve("0.txt"), "zero");
    Files.writeString(dir.resolve("1.txt"), "one");

    Result r =
        ferry(
            "run",
            "-cp",
            cp(),
            "runs.files",
            "--input",
            "file=" + file,
            "--input",
            "dir=" + dir.toUri(),
            "--store",
            tmp.resolve("runs").toUri().toString(),
            "--no-cache",
            "--progress",
            "off");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("data.csv:8 bytes, dir of 2 files");
  }

  @Test
  void fileInput_missing_namesThePath() throws Exception {
    Result r =
        ferry(
            "run",
            "-cp",
            cp(),
            "runs.files",
            "--inputs-json",
            "{\"file\": \"no/such.csv\", \"dir\": \".\"}",
            "--store",
            tmp.resolve("runs").toUri().toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("no file or directory").contains("no/such.csv");
  }

  @Test
  void pathOrUriJson_coversEveryFerryReferenceWithAStaticOfUri() throws Exception {
    ObjectMapper mapper = new ObjectMapper().registerModule(PathOrUriJson.module());

    assertThat(mapper.readValue("\"s3://bucket/x.bin\"", FlyteFile.class).uri())
        .isEqualTo(URI.create("s3://bucket/x.bin"));
    assertThat(mapper.readValue("\"gs://b/dir\"", FlyteDirectory.class).uri())
        .isEqualTo(URI.create("gs://b/dir"));
    assertThat(mapper.readValue("\"s3://b/table\"", RunTasks.Ref.class))
        .isEqualTo(new RunTasks.Ref(URI.create("s3://b/table")));
    assertThat(mapper.readValue("\"" + tmp + "\"", RunTasks.Ref.class).uri())
        .isEqualTo(tmp.toUri());
    assertThat(PathOrUriJson.factory(String.class)).isNull();
    assertThat(PathOrUriJson.factory(RunTasks.Files.class)).isNull();
  }

  @Test
  void progress_linesPerFinishedAction_orABarOfDoneOverTotal() throws Exception {
    String store = tmp.resolve("runs").toUri().toString();
    Result lines =
        ferry(
            "run",
            "-cp",
            cp(),
            "runs.sum_of_squares",
            "--input",
            "n=3",
            "--store",
            store,
            "--no-cache",
            "--progress",
            "lines");
    assertThat(lines.code()).as(lines.err()).isZero();
    List<String> finished = lines.out().lines().filter(l -> l.startsWith("ferry a")).toList();
    assertThat(finished).hasSize(4);
    assertThat(finished.get(3)).contains("runs.sum_of_squares").contains("SUCCEEDED");
    assertThat(lines.out()).contains("\"o0\" : 14");

    Result bar =
        ferry(
            "run",
            "-cp",
            cp(),
            "runs.sum_of_squares",
            "--input",
            "n=3",
            "--store",
            store,
            "--no-cache",
            "--progress",
            "bar");
    assertThat(bar.code()).as(bar.err()).isZero();
    String drawn = bar.out().substring(0, bar.out().indexOf("run r"));
    assertThat(drawn).startsWith("\r[").contains("4/4 actions").doesNotContain("ferry a");
    assertThat(drawn.substring(drawn.lastIndexOf('\r')))
        .startsWith("\r[" + "#".repeat(RunProgress.WIDTH) + "]   4/4 actions")
        .endsWith("\n");
  }

  @Test
  void progress_largeTransferEndsInALine_smallOnesStayQuiet() throws Exception {
    String store = tmp.resolve("runs").toUri().toString();
    Result big =
        ferry(
            "run",
            "-cp",
            cp(),
            "runs.big_file",
            "--input",
            "mib=3",
            "--store",
            store,
            "--no-cache",
            "--progress",
            "lines",
            "--progress-min-size",
            "2MiB");
    assertThat(big.code()).as(big.err()).isZero();
    List<String> uploads = big.out().lines().filter(l -> l.contains(" upload ")).toList();
    assertThat(uploads).hasSize(1);
    assertThat(uploads.get(0))
        .matches("ferry a0   upload 3\\.0 MiB file:/\\S+/ferry-big-\\S+\\.bin \\d+\\.\\d s");
    // the upload ends before its action does
    List<String> lines = big.out().lines().filter(l -> l.startsWith("ferry ")).toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).contains("runs.big_file").contains("SUCCEEDED");
    // the line names the blob the output points at
    String uri = uploads.get(0).split("\\s+")[5];
    assertThat(big.out()).contains("\"" + uri + "\"");
    assertThat(Files.size(Path.of(URI.create(uri)))).isEqualTo(3L << 20);

    Result small =
        ferry(
            "run",
            "-cp",
            cp(),
            "runs.big_file",
            "--input",
            "mib=1",
            "--store",
            store,
            "--no-cache",
            "--progress",
            "lines",
            "--progress-min-size",
            "2MiB");
    assertThat(small.code()).as(small.err()).isZero();
    assertThat(small.out()).doesNotContain(" upload ").contains("runs.big_file");

    Result bad =
        ferry(
            "run",
            "-cp",
            cp(),
            "runs.big_file",
            "--input",
            "mib=1",
            "--store",
            store,
            "--progress-min-size",
            "lots");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("--progress-min-size").contains("'lots'");
  }

  @Test
  void progress_auto_isLinesWhenNotOnATerminal() throws Exception {
    // the test JVM's output goes to a file, not a terminal
    assertThat(RunProgress.onTerminal()).isFalse();
    Result r =
        ferry(
            "run",
            "-cp",
            cp(),
            "samples.add",
            "--input",
            "a=1",
            "--input",
            "b=1",
            "--store",
            tmp.resolve("runs").toUri().toString(),
            "--no-cache");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("ferry a0   samples.add").doesNotContain("\r");
  }
}
