package dev.ferry.executor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.TextFormat;
import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.engine.OffloadPolicy;
import dev.ferry.engine.TypeEngine;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.idl.core.TypedInterface;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskContext;
import dev.ferry.sdk.TaskEnvironment;
import dev.ferry.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java tasks run by {@link ActionExecution}, the unit a pod runs, on the {@code inputs.pb} files
 * the Python SDK and the Go backend wrote, with interfaces equal to what the Python SDK gives the
 * same functions.
 */
class InteropTest {
  /** {@code def add(a: int, b: int) -> int} in Python. */
  record AddInputs(long a, long b) {}

  /** {@code def join(x: int, y: List[str]) -> str} in Python. */
  record JoinInputs(long x, List<String> y) {}

  static long add(AddInputs in) {
    return in.a() + in.b();
  }

  static String join(JoinInputs in) {
    return String.join(",", in.y()) + "x" + in.x();
  }

  static final TaskEnvironment ENV = TaskEnvironment.of("interop");
  static final Task<AddInputs, Long> ADD = ENV.task("add", InteropTest::add);
  static final Task<JoinInputs, String> JOIN = ENV.task("join", InteropTest::join);

  @TempDir Path tmp;
  BlobStores stores;
  ScheduledExecutorService timer;
  ActionExecution execution;

  @BeforeEach
  void setUp() {
    stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()));
    timer = Executors.newSingleThreadScheduledExecutor();
    execution =
        new ActionExecution(
            TypeEngine.createDefault(),
            stores,
            OffloadPolicy.DEFAULT,
            tmp.resolve("downloads"),
            new SecretResolver(Map.of(), null),
            TaskContext.Mode.CLUSTER,
            timer);
  }

  @AfterEach
  void tearDown() throws Exception {
    timer.shutdownNow();
    stores.close();
  }

  private ActionPaths paths(String golden) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("attempt"));
    Files.write(dir.resolve("inputs.pb"), TestData.bytes("interop/" + golden));
    return ActionPaths.under(dir.toUri(), null);
  }

  @Test
  void execute_onPythonInputs_writesOutputsAPythonTaskReads() throws Exception {
    ActionPaths paths = paths("python-flytekit-inputs.pb");

    ActionExecution.Outcome outcome =
        execution.execute(ADD, paths, new ActionExecution.Attempt("r", "a0", 0), null, null);

    assertThat(outcome.succeeded()).as(String.valueOf(outcome.error())).isTrue();
    LiteralMap out = LiteralMap.parseFrom(Files.readAllBytes(Path.of(paths.outputs())));
    assertThat(out)
        .isEqualTo(
            TextFormat.parse(
                "literals { key: \"o0\" value { scalar { primitive { integer: 30 } } } }",
                LiteralMap.class));
  }

  @Test
  void execute_onGoBackendInputs() throws Exception {
    ActionPaths paths = paths("go-propeller-inputs.pb");

    ActionExecution.Outcome outcome =
        execution.execute(JOIN, paths, new ActionExecution.Attempt("r", "a0", 0), null, null);

    assertThat(outcome.succeeded()).as(String.valueOf(outcome.error())).isTrue();
    LiteralMap out = LiteralMap.parseFrom(Files.readAllBytes(Path.of(paths.outputs())));
    assertThat(out.getLiteralsOrThrow("o0").getScalar().getPrimitive().getStringValue())
        .isEqualTo("val1,val2,val3x2");
  }

  @Test
  void execute_inputsMissingAVariable_isAUserError() throws Exception {
    ActionPaths paths = paths("go-propeller-inputs.pb");

    ActionExecution.Outcome outcome =
        execution.execute(ADD, paths, new ActionExecution.Attempt("r", "a0", 0), null, null);

    assertThat(outcome.phase()).isEqualTo(Phase.FAILED);
    assertThat(java.util.Objects.requireNonNull(outcome.error()).getCode())
        .isEqualTo("USER:RuntimeError");
    assertThat(outcome.error().getMessage())
        .contains("a variable 'a' in " + paths.inputs())
        .contains("[x, y]");
    assertThat(Path.of(paths.error())).isRegularFile();
  }

  @Test
  void execute_anElementOfAMapDocument_asAnArrayNodeSubtaskDoes() throws Exception {
    Path node = Files.createDirectories(tmp.resolve("node"));
    LiteralMap document =
        TextFormat.parse(
            "literals { key: 'x' value { collection {"
                + " literals { scalar { primitive { integer: 10 } } }"
                + " literals { scalar { primitive { integer: 11 } } }"
                + " literals { scalar { primitive { integer: 12 } } } } } }"
                + " literals { key: 'label' value { collection {"
                + " literals { scalar { primitive { string_value: 'a' } } }"
                + " literals { scalar { primitive { string_value: 'b' } } }"
                + " literals { scalar { primitive { string_value: 'c' } } } } } }",
            LiteralMap.class);
    Files.write(node.resolve("inputs.pb"), document.toByteArray());
    ActionPaths second =
        ActionPaths.under(node.resolve("1/0").toUri(), null)
            .withInputElement(node.resolve("inputs.pb").toUri(), 1);
    ActionPaths beyond =
        ActionPaths.under(node.resolve("7/0").toUri(), null)
            .withInputElement(node.resolve("inputs.pb").toUri(), 7);

    ActionExecution.Outcome ok =
        execution.execute(
            MapInputsTest.DESCRIBE,
            second,
            new ActionExecution.Attempt("r", "n0-1", 0),
            null,
            null);
    ActionExecution.Outcome bad =
        execution.execute(
            MapInputsTest.DESCRIBE,
            beyond,
            new ActionExecution.Attempt("r", "n0-7", 0),
            null,
            null);

    assertThat(ok.succeeded()).as(String.valueOf(ok.error())).isTrue();
    LiteralMap out = LiteralMap.parseFrom(Files.readAllBytes(Path.of(second.outputs())));
    assertThat(out.getLiteralsOrThrow("o0").getScalar().getPrimitive().getStringValue())
        .isEqualTo("b=22");
    assertThat(bad.phase()).isEqualTo(Phase.FAILED);
    assertThat(java.util.Objects.requireNonNull(bad.error()).getOrigin().name()).isEqualTo("USER");
    assertThat(bad.error().getMessage())
        .contains("a collection of at least 8 values (element 7)")
        .contains("but was 3 values")
        .contains(node.resolve("inputs.pb").toUri() + ".");
    assertThat(Path.of(beyond.error())).isRegularFile();
  }

  @Test
  void interface_equalsWhatThePythonSdkGives() throws Exception {
    TypedInterface expected =
        TextFormat.parse(
            """
            inputs {
              variables { key: "a" value { type { simple: INTEGER } description: "a" } }
              variables { key: "b" value { type { simple: INTEGER } description: "b" } }
            }
            outputs {
              variables { key: "o0" value { type { simple: INTEGER } description: "o0" } }
            }
            """,
            TypedInterface.class);

    assertThat(ADD.typedInterface(TypeEngine.createDefault())).isEqualTo(expected);
    assertThat(
            JOIN.typedInterface(TypeEngine.createDefault())
                .getInputs()
                .getVariablesOrThrow("y")
                .getType()
                .getCollectionType()
                .getSimple())
        .isEqualTo(dev.ferry.idl.core.SimpleType.STRING);
  }
}
