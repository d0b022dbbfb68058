package dev.ferry.cli.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Message;
import dev.ferry.cli.CliRun;
import dev.ferry.cli.ExitCodes;
import dev.ferry.cli.registration.RegistrationArchive;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.testdata.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InspectCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  /** Every golden file of testdata and its readable JSON. */
  static Stream<Arguments> goldens() {
    return Stream.of(
        Arguments.of("interop/go-propeller-inputs.pb", "{'x': 2, 'y': ['val1', 'val2', 'val3']}"),
        Arguments.of("interop/python-flytekit-inputs.pb", "{'a': 30, 'b': 0}"),
        Arguments.of("golden/enum.pb", "'green'"),
        Arguments.of("golden/enum.type.pb", "'Enum[red, green]'"),
        Arguments.of(
            "golden/list-of-longs.pb",
            "[0, 1, -1, 300, -9223372036854775808, 9223372036854775807]"),
        Arguments.of("golden/list-of-longs.type.pb", "'List[int]'"),
        Arguments.of("golden/map.pb", "{'a': 1, 'b': 2, 'é': -3}"),
        Arguments.of("golden/map.type.pb", "'Dict[str, int]'"),
        Arguments.of("golden/optional-int.pb", "42"),
        Arguments.of("golden/optional-int.type.pb", "'Union[int, none]'"),
        Arguments.of("golden/optional-none.pb", "null"),
        Arguments.of("golden/optional-none.type.pb", "'Union[int, none]'"),
        Arguments.of(
            "golden/order-record.pb",
            "{'order_id': 1042, 'items': [{'sku': 'A-1', 'unit_price': 9.5, 'quantity': 2,"
                + " 'color': 'red'}, {'sku': 'B-7', 'unit_price': 120.0, 'quantity': 1, 'color':"
                + " 'green'}], 'note': 'leave at the door', 'placed':"
                + " '2026-11-21T09:30:00.250000+00:00', 'counts': {'gift': 1}}"),
        Arguments.of(
            "golden/order-record.type.pb",
            "'Record{counts: Dict[str, int], items: List[Record{color: Enum[red, green], quantity:"
                + " int, sku: str, unit_price: float}], note: Union[str, none], order_id: int,"
                + " placed: datetime}'"),
        Arguments.of("golden/sealed-union.pb", "{'address': '1 Main St', 'days': 2}"),
        Arguments.of("golden/sealed-union.type.pb", "'Union[Record(Pickup), Record(Courier)]'"),
        Arguments.of(
            "golden/untyped-map.pb",
            "{'n': 1, 'x': 2.5, 's': 'text', 'none': null, 'list': [true, null, []]}"),
        Arguments.of("golden/untyped-map.type.pb", "'Struct'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void inspect_goldenFile(String name, String expected) throws IOException {
    // Saved under a name that hints nothing: the bytes alone decide.
    Path file = dir.resolve(name.replace('/', '-').replace(".pb", ".bin"));
    Files.write(file, TestData.bytes(name));

    CliRun run = CliRun.of("inspect", file.toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(json(run.out())).isEqualTo(json(expected.replace('\'', '"')));
  }

  @Test
  void inspect_printsIndentedJson() throws IOException {
    Path file =
        write("inputs.pb", LiteralMap.parseFrom(TestData.bytes("interop/go-propeller-inputs.pb")));

    CliRun run = CliRun.of("inspect", file.toString());

    assertThat(run.out())
        .isEqualTo(
            """
            {
              "x": 2,
              "y": [
                "val1",
                "val2",
                "val3"
              ]
            }
            """);
  }

  @Test
  void inspect_fileUri() throws IOException {
    Path file =
        write(
            "outputs.pb", LiteralMap.newBuilder().putLiterals("o0", Documents.integer(7)).build());

    CliRun run = CliRun.of("inspect", file.toUri().toString());

    assertThat(run.exitCode()).isZero();
    assertThat(json(run.out())).isEqualTo(json("{\"o0\": 7}"));
  }

  @Test
  void inspect_emptyOutputsPb_isTheEmptyMap() throws IOException {
    Path file = dir.resolve("outputs.pb");
    Files.write(file, new byte[0]);

    CliRun run = CliRun.of("inspect", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().strip()).isEqualTo("{ }");
  }

  @Test
  void inspect_errorDocument() throws IOException {
    for (String name : List.of("error.pb", "document.bin")) {
      CliRun run = CliRun.of("inspect", write(name, Documents.error()).toString());

      assertThat(run.exitCode()).isZero();
      assertThat(json(run.out()))
          .isEqualTo(
              json(
                  """
                  {"error": {"code": "USER:RuntimeError",
                             "message": "Trace:\\n\\n    at Task.run\\nMessage:\\n\\n    boom",
                             "origin": "USER",
                             "timestamp": "2025-11-24T16:00:00.500Z"}}
                  """));
    }
  }

  @Test
  void inspect_offloadedLiteralAndAMapThatPointsToIt() throws IOException {
    Literal stored =
        Literal.newBuilder().mergeFrom(TestData.bytes("golden/list-of-longs.pb")).build();
    CliRun file = CliRun.of("inspect", write("o0_offloaded_metadata.pb", stored).toString());
    CliRun map =
        CliRun.of(
            "inspect",
            write(
                    "outputs.pb",
                    LiteralMap.newBuilder().putLiterals("o0", Documents.offloaded()).build())
                .toString());

    assertThat(json(file.out()))
        .isEqualTo(json("[0, 1, -1, 300, -9223372036854775808, 9223372036854775807]"));
    assertThat(json(map.out()))
        .isEqualTo(
            json(
                """
                {"o0": {"offloaded": {"uri": "s3://bucket/run/n0/o0_offloaded_metadata.pb",
                                      "size_bytes": 12345678, "type": "List[int]"}}}
                """));
  }

  @Test
  void inspect_taskTemplate() throws IOException {
    CliRun run = CliRun.of("inspect", write("template.bin", Documents.template()).toString());

    assertThat(run.exitCode()).isZero();
    JsonNode out = json(run.out());
    assertThat(out.at("/id/resource_type").asText()).isEqualTo("TASK");
    assertThat(out.at("/id/name").asText()).isEqualTo("com.acme.Tasks.double");
    assertThat(out.at("/type").asText()).isEqualTo("java-task");
    assertThat(out.at("/metadata/runtime/type").asText()).isEqualTo("FLYTE_SDK");
    assertThat(out.at("/interface/inputs/variables/n/type").asText()).isEqualTo("int");
    assertThat(out.at("/interface/outputs/variables/o0/type").asText()).isEqualTo("str");
    assertThat(out.at("/container/args").toString())
        .isEqualTo("[\"execute\",\"--inputs\",\"{{.input}}\"]");
  }

  @Test
  void inspect_taskSpecWorkflowSpecAndLaunchPlan() throws IOException {
    JsonNode task =
        json(CliRun.of("inspect", write("a.bin", Documents.taskSpec()).toString()).out());
    JsonNode workflow =
        json(CliRun.of("inspect", write("b.bin", Documents.workflowSpec()).toString()).out());
    JsonNode plan =
        json(CliRun.of("inspect", write("c.bin", Documents.launchPlan()).toString()).out());

    assertThat(task.at("/template/type").asText()).isEqualTo("java-task");
    assertThat(workflow.at("/template/id/resource_type").asText()).isEqualTo("WORKFLOW");
    assertThat(workflow.at("/template/nodes/0/inputs/0/binding/promise/node_id").asText())
        .isEqualTo("start-node");
    assertThat(workflow.at("/template/nodes/0/task_node/reference_id/name").asText())
        .isEqualTo("com.acme.Tasks.double");
    assertThat(plan.at("/id/resource_type").asText()).isEqualTo("LAUNCH_PLAN");
    assertThat(plan.at("/spec/default_inputs/parameters/n/default").asInt()).isEqualTo(3);
    assertThat(plan.at("/spec/default_inputs/parameters/n/var/type").asText()).isEqualTo("int");
  }

  @Test
  void inspect_registrationArchive_everyMemberInNameOrder() throws IOException {
    Path tgz = dir.resolve("flyte-package.tgz");
    RegistrationArchive.builder()
        .addTask(Documents.taskSpec())
        .addWorkflow(Documents.workflowSpec())
        .addLaunchPlan(Documents.launchPlan())
        .build()
        .write(tgz);

    CliRun run = CliRun.of("inspect", tgz.toString());

    assertThat(run.exitCode()).isZero();
    JsonNode out = json(run.out());
    assertThat(out.at("/members").findValuesAsText("file"))
        .containsExactly(
            "000_com.acme.Tasks.double_1.pb", "001_com.acme.Flow_2.pb", "002_com.acme.Flow_3.pb");
    assertThat(out.at("/members").findValuesAsText("kind"))
        .containsExactly("task-spec", "workflow-spec", "launch-plan");
    assertThat(out.at("/members/0/document/template/type").asText()).isEqualTo("java-task");
    assertThat(out.at("/members/2/document/spec/workflow_id/name").asText())
        .isEqualTo("com.acme.Flow");
  }

  @Test
  void inspect_raw_isProtobufJson() throws IOException {
    Path file =
        write("inputs.pb", LiteralMap.newBuilder().putLiterals("n", Documents.integer(2)).build());

    CliRun run = CliRun.of("inspect", "--raw", file.toString());

    assertThat(json(run.out()))
        .isEqualTo(
            json("{\"literals\": {\"n\": {\"scalar\": {\"primitive\": {\"integer\": \"2\"}}}}}"));
  }

  @Test
  void inspect_as_readsTheNamedKind() throws IOException {
    // A LiteralType of simple NONE is the two bytes 08 00; read as a type on request.
    Path file = dir.resolve("none.bin");
    Files.write(file, new byte[] {0x08, 0x00});

    CliRun run = CliRun.of("inspect", "--as", "type", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(json(run.out()).asText()).isEqualTo("none");
  }

  @Test
  void inspect_type_decodesWithTheTypeEngine() throws IOException {
    Path file =
        write("inputs.pb", LiteralMap.parseFrom(TestData.bytes("interop/go-propeller-inputs.pb")));

    CliRun run = CliRun.of("inspect", "--type", "java.lang.Long", "--var", "x", file.toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("2\n");
  }

  @Test
  void inspect_typeFromClasspath_decodesAUserRecord() throws IOException {
    Path src = dir.resolve("src/demo/Point.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, "package demo; public record Point(long x, long y) {}");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, "-d", classes.toString(), src.toString())).isZero();
    Path file = write("point.pb", Documents.msgpackPoint());

    CliRun run =
        CliRun.of("inspect", "--type", "demo.Point", "-cp", classes.toString(), file.toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("Point[x=1, y=2]\n");
  }

  // Bad input: one line on stderr, non-zero exit, no stack trace unless --verbose

  @Test
  void inspect_malformedFile_oneLine() throws IOException {
    Path file = dir.resolve("bad.bin");
    Files.writeString(file, "this is not a protobuf message", StandardCharsets.UTF_8);

    CliRun run = CliRun.of("inspect", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "ferry inspect: "
                + file
                + " is not a Flyte document: its 30 bytes are none of literal-map, error, literal,"
                + " type, task-template, task-spec, workflow-spec, launch-plan, archive (pass --as"
                + " KIND to read it as one anyway)\n");
  }

  @Test
  void inspect_missingFile_oneLine() {
    Path file = dir.resolve("nothing-here.pb");

    CliRun run = CliRun.of("inspect", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).isEqualTo("ferry inspect: cannot read " + file + ": no such file\n");
  }

  @Test
  void inspect_directory_oneLine() {
    CliRun run = CliRun.of("inspect", dir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err())
        .isEqualTo("ferry inspect: cannot read " + dir + ": it is a directory, not a file\n");
  }

  @Test
  void inspect_unknownScheme_oneLine() {
    CliRun run = CliRun.of("inspect", "foo://bucket/inputs.pb");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err())
        .startsWith(
            "ferry inspect: cannot read foo://bucket/inputs.pb: no blob store for scheme 'foo'");
  }

  @Test
  void inspect_malformedFileNamedAsADocument_oneLine() throws IOException {
    Path file = dir.resolve("outputs.pb");
    Files.write(file, new byte[] {0x0a, 0x05, 0x01});

    CliRun run = CliRun.of("inspect", "--as", "literal-map", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err())
        .isEqualTo(
            "ferry inspect: "
                + file
                + " is not a literal-map: While parsing a protocol message, the input ended"
                + " unexpectedly in the middle of a field.  This could mean either that the input"
                + " has been truncated or that an embedded message misreported its own length.\n");
  }

  @Test
  void inspect_verbose_addsTheStackTrace() {
    CliRun run = CliRun.of("inspect", "--verbose", dir.resolve("missing.pb").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err().lines().findFirst().orElseThrow())
        .isEqualTo("ferry inspect: cannot read " + dir.resolve("missing.pb") + ": no such file");
    assertThat(run.err()).contains("dev.ferry.cli.CliException").contains("\tat ");
  }

  @Test
  void inspect_unknownClass_oneLine() throws IOException {
    Path file = write("point.pb", Documents.msgpackPoint());

    CliRun run = CliRun.of("inspect", "--type", "demo.Missing", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err())
        .isEqualTo(
            "ferry inspect: class demo.Missing is not on the class path (give its jar or classes"
                + " with --classpath)\n");
  }

  @Test
  void inspect_wrongArguments_usageError() {
    CliRun run = CliRun.of("inspect", "--as", "picture", "x.pb");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .startsWith(
            "Invalid value for option '--as': unknown document kind 'picture': expected one of"
                + " literal-map, error, literal, type, task-template, task-spec, workflow-spec,"
                + " launch-plan, archive");
  }

  private Path write(String name, Message message) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, message.toByteArray());
    return file;
  }

  private static JsonNode json(String text) throws IOException {
    return MAPPER.readTree(text);
  }
}
