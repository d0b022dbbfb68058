package dev.ferry.cli.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStores;
import dev.ferry.blob.testing.S3MockServer;
import dev.ferry.cli.Ferry;
import dev.ferry.cli.tasks.PodTasks;
import dev.ferry.cli.tasks.SampleTasks;
import dev.ferry.idl.core.ContainerError;
import dev.ferry.idl.core.ErrorDocument;
import dev.ferry.idl.core.ExecutionError;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralCollection;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.idl.core.Primitive;
import dev.ferry.idl.core.Scalar;
import dev.ferry.testdata.IntegrationTest;
import dev.ferry.testdata.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry execute} as a Flyte pod runs it: the test plays the backend (inputs.pb in S3Mock,
 * container arguments rendered from the templates as propeller renders them, the pod's environment)
 * and runs the command as a subprocess.
 */
@IntegrationTest
class ExecuteInPodTest {
  private static final String BUCKET = "flyte-metadata";
  private static final AtomicInteger ATTEMPTS = new AtomicInteger();

  /** What {@code ferry package} registers as the container arguments. */
  private static final List<String> ARGS_TEMPLATE =
      List.of(
          "execute",
          "--inputs",
          "{{.input}}",
          "--output-prefix",
          "{{.outputPrefix}}",
          "--raw-output-data-prefix",
          "{{ .rawOutputDataPrefix }}",
          "--checkpoint-path",
          "{{.checkpointOutputPrefix}}",
          "--prev-checkpoint",
          "{{ $PrevCheckpointPrefix }}",
          "--task");

  private static final Pattern TEMPLATE =
      Pattern.compile("\\{\\{\\s*[.$]?([A-Za-z0-9_.]+)\\s*}}", Pattern.CASE_INSENSITIVE);

  static S3MockServer server;
  static BlobStores stores;

  @BeforeAll
  static void start() {
    server = S3MockServer.startDedicated();
    server.createBucket(BUCKET);
    stores = server.stores();
  }

  @AfterAll
  static void stop() throws Exception {
    if (stores != null) {
      stores.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** One attempt's locations, as propeller lays them out. */
  record Attempt(String dir) {
    URI inputs() {
      return URI.create(dir + "/inputs.pb");
    }

    URI output(String name) {
      return URI.create(dir + "/out/" + name);
    }

    String raw() {
      return dir + "/raw";
    }
  }

  record Result(int exitCode, String log, Attempt attempt) {}

  private static Attempt newAttempt() {
    return new Attempt("s3://" + BUCKET + "/metadata/exec" + ATTEMPTS.incrementAndGet() + "/n0/0");
  }

  /** Renders every template in {@code args}; unknown ones stay verbatim, as in propeller. */
  static List<String> render(List<String> args, Map<String, String> vars) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      Matcher m = TEMPLATE.matcher(a);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String value = vars.get(m.group(1).toLowerCase(Locale.ROOT));
        m.appendReplacement(sb, Matcher.quoteReplacement(value != null ? value : m.group()));
      }
      m.appendTail(sb);
      out.add(sb.toString());
    }
    return out;
  }

  private static void put(URI uri, byte[] bytes) throws IOException {
    stores.forUri(uri).write(uri, out -> out.write(bytes));
  }

  private static Optional<byte[]> get(URI uri) throws IOException {
    BlobStore store = stores.forUri(uri);
    if (!store.exists(uri)) {
      return Optional.empty();
    }
    try (InputStream in = store.open(uri)) {
      return Optional.of(in.readAllBytes());
    }
  }

  private static Literal str(String s) {
    return Literal.newBuilder()
        .setScalar(Scalar.newBuilder().setPrimitive(Primitive.newBuilder().setStringValue(s)))
        .build();
  }

  private static Literal integer(long v) {
    return Literal.newBuilder()
        .setScalar(Scalar.newBuilder().setPrimitive(Primitive.newBuilder().setInteger(v)))
        .build();
  }

  /** Runs {@code ferry execute} as a pod: a subprocess with the backend's arguments and env. */
  private static Result execute(
      String taskRef,
      @Nullable LiteralMap inputs,
      Map<String, String> extraEnv,
      Map<String, String> vars)
      throws Exception {
    return execute(taskRef, inputs, extraEnv, vars, List.of());
  }

  /** As above, with {@code extraArgs} after the task. */
  private static Result execute(
      String taskRef,
      @Nullable LiteralMap inputs,
      Map<String, String> extraEnv,
      Map<String, String> vars,
      List<String> extraArgs)
      throws Exception {
    Attempt attempt = newAttempt();
    if (inputs != null) {
      put(attempt.inputs(), inputs.toByteArray());
    }
    Map<String, String> values = new HashMap<>();
    values.put("input", attempt.inputs().toString());
    values.put("outputprefix", attempt.dir() + "/out");
    values.put("rawoutputdataprefix", attempt.raw());
    values.put("checkpointoutputprefix", attempt.raw() + "/_flytecheckpoints");
    values.put("prevcheckpointprefix", "\"\"");
    values.putAll(vars);
    List<String> template = new ArrayList<>(ARGS_TEMPLATE);
    template.add(taskRef);
    template.addAll(extraArgs);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Ferry.class.getName());
    command.addAll(render(template, values));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("FLYTE_") || k.startsWith("_F_"));
    env.put("FLYTE_AWS_ENDPOINT", server.endpoint().toString());
    env.put("FLYTE_AWS_ACCESS_KEY_ID", server.accessKeyId());
    env.put("FLYTE_AWS_SECRET_ACCESS_KEY", server.secretAccessKey());
    env.put("AWS_REGION", "us-east-1");
    env.put("FLYTE_INTERNAL_EXECUTION_ID", "exec" + ATTEMPTS.get());
    env.put("FLYTE_INTERNAL_EXECUTION_PROJECT", "flytesnacks");
    env.put("FLYTE_INTERNAL_EXECUTION_DOMAIN", "development");
    env.put("FLYTE_INTERNAL_TASK_NAME", "pod.task");
    env.put("FLYTE_ATTEMPT_NUMBER", "0");
    env.putAll(extraEnv);
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("ferry execute ended; log:%n%s", log).isTrue();
    return new Result(p.exitValue(), log, attempt);
  }

  private static Result execute(
      String taskRef, @Nullable LiteralMap inputs, Map<String, String> env) throws Exception {
    return execute(taskRef, inputs, env, Map.of());
  }

  private static String ref(String field) {
    return PodTasks.class.getName() + "#" + field;
  }

  private static LiteralMap outputs(Result r) throws IOException {
    byte[] bytes =
        get(r.attempt().output("outputs.pb"))
            .orElseThrow(() -> new AssertionError("no outputs.pb; log:\n" + r.log()));
    return LiteralMap.parseFrom(bytes);
  }

  private static ContainerError error(Result r) throws IOException {
    byte[] bytes =
        get(r.attempt().output("error.pb"))
            .orElseThrow(() -> new AssertionError("no error.pb; log:\n" + r.log()));
    return ErrorDocument.parseFrom(bytes).getError();
  }

  private static LiteralMap greeting(String name, long times) {
    return LiteralMap.newBuilder()
        .putLiterals("name", str(name))
        .putLiterals("times", integer(times))
        .build();
  }

  @Test
  void execute_success_writesOutputsDeckAndReadsThePodEnvironment() throws Exception {
    Result r = execute(ref("HELLO"), greeting("ab", 2), Map.of("FLYTE_ATTEMPT_NUMBER", "2"));

    assertThat(r.exitCode()).as(r.log()).isZero();
    assertThat(r.log()).contains("hello task started");
    String o0 = outputs(r).getLiteralsOrThrow("o0").getScalar().getPrimitive().getStringValue();
    assertThat(o0)
        .startsWith("abab|")
        .contains("|run=exec" + ATTEMPTS.get() + "|")
        .contains("|action=pod.task|")
        .contains("|attempt=2|")
        .contains("|mode=CLUSTER|")
        .contains("|raw=" + r.attempt().raw())
        .endsWith("|prev=none");
    assertThat(get(r.attempt().output("error.pb"))).isEmpty();
    String deck =
        new String(get(r.attempt().output("deck.html")).orElseThrow(), StandardCharsets.UTF_8);
    assertThat(deck).contains("<h1>Hello ab</h1>");
  }

  private static Literal collection(Literal... values) {
    return Literal.newBuilder()
        .setCollection(LiteralCollection.newBuilder().addAllLiterals(List.of(values)))
        .build();
  }

  @Test
  void execute_mapElement_runsTheElementTheBackendsArrayIndexNames() throws Exception {
    LiteralMap node =
        LiteralMap.newBuilder()
            .putLiterals("name", collection(str("a"), str("bc"), str("d")))
            .putLiterals("times", collection(integer(1), integer(3), integer(2)))
            .build();
    Map<String, String> env =
        Map.of(
            "BATCH_JOB_ARRAY_INDEX_VAR_NAME", "FLYTE_K8S_ARRAY_INDEX",
            "FLYTE_K8S_ARRAY_INDEX", "0",
            "BATCH_JOB_ARRAY_INDEX_OFFSET", "1");

    Result r = execute(ref("HELLO"), node, env, Map.of(), List.of("--map-element"));
    Result noIndex = execute(ref("HELLO"), node, Map.of(), Map.of(), List.of("--map-element"));

    assertThat(r.exitCode()).as(r.log()).isZero();
    String o0 = outputs(r).getLiteralsOrThrow("o0").getScalar().getPrimitive().getStringValue();
    assertThat(o0).startsWith("bcbcbc|");
    ContainerError e = error(noIndex);
    assertThat(e.getOrigin()).isEqualTo(ExecutionError.ErrorKind.USER);
    assertThat(e.getMessage())
        .contains("--map-element needs BATCH_JOB_ARRAY_INDEX_VAR_NAME, which is not set");
  }

  @Test
  void execute_previousCheckpointGiven_isPassedToTheTask() throws Exception {
    Result r =
        execute(
            ref("HELLO"),
            greeting("c", 1),
            Map.of(),
            Map.of("prevcheckpointprefix", "s3://" + BUCKET + "/old/_flytecheckpoints"));

    assertThat(r.exitCode()).as(r.log()).isZero();
    assertThat(outputs(r).getLiteralsOrThrow("o0").getScalar().getPrimitive().getStringValue())
        .endsWith("|prev=s3://" + BUCKET + "/old/_flytecheckpoints");
  }

  @Test
  void execute_unreplacedRawPrefix_fallsBackToConfiguration() throws Exception {
    Map<String, String> vars = new HashMap<>();
    vars.put("rawoutputdataprefix", null); // an old backend: the template stays verbatim
    vars.put("checkpointoutputprefix", null);
    vars.put("prevcheckpointprefix", null);
    String fallback = "s3://" + BUCKET + "/fallback-raw";
    Result r =
        execute(
            ref("HELLO"), greeting("d", 1), Map.of("FERRY_RAW_OUTPUT_DATA_PREFIX", fallback), vars);

    assertThat(r.exitCode()).as(r.log()).isZero();
    assertThat(outputs(r).getLiteralsOrThrow("o0").getScalar().getPrimitive().getStringValue())
        .contains("|raw=" + fallback + "|")
        .endsWith("|prev=none");
  }

  @Test
  void execute_noOutputs_writesAnEmptyLiteralMap() throws Exception {
    Result r =
        execute(
            ref("QUIET"),
            LiteralMap.newBuilder().putLiterals("reason", str("q")).build(),
            Map.of());

    assertThat(r.exitCode()).as(r.log()).isZero();
    assertThat(r.log()).contains("quiet: q");
    assertThat(outputs(r).getLiteralsCount()).isZero();
    assertThat(get(r.attempt().output("error.pb"))).isEmpty();
  }

  @Test
  void execute_largeOutput_isOffloadedNextToOutputsPb() throws Exception {
    int size = 1024 * 1024 + 10;
    Result r =
        execute(
            ref("BIG"),
            LiteralMap.newBuilder().putLiterals("bytes", integer(size)).build(),
            Map.of("_F_L_MIN_SIZE_MB", "1", "_F_L_MAX_SIZE_MB", "5"));

    assertThat(r.exitCode()).as(r.log()).isZero();
    Literal o0 = outputs(r).getLiteralsOrThrow("o0");
    URI offloaded = r.attempt().output("o0_offloaded_metadata.pb");
    assertThat(o0.hasOffloadedMetadata()).as("%s", o0).isTrue();
    assertThat(o0.getOffloadedMetadata().getUri()).isEqualTo(offloaded.toString());
    assertThat(o0.getOffloadedMetadata().getInferredType().getSimple().name()).isEqualTo("STRING");
    assertThat(o0.getHash()).isNotEmpty();
    byte[] stored = get(offloaded).orElseThrow();
    assertThat(stored).hasSize((int) o0.getOffloadedMetadata().getSizeBytes());
    assertThat(Literal.parseFrom(stored).getScalar().getPrimitive().getStringValue()).hasSize(size);
  }

  @Test
  void execute_outputAtTheMaximum_isAUserError() throws Exception {
    Result r =
        execute(
            ref("BIG"),
            LiteralMap.newBuilder().putLiterals("bytes", integer(2 * 1024 * 1024)).build(),
            Map.of("_F_L_MIN_SIZE_MB", "1", "_F_L_MAX_SIZE_MB", "2"));

    assertThat(r.exitCode()).as(r.log()).isZero();
    ContainerError e = error(r);
    assertThat(e.getOrigin()).isEqualTo(ExecutionError.ErrorKind.USER);
    assertThat(e.getMessage()).contains("_F_L_MAX_SIZE_MB");
    assertThat(get(r.attempt().output("outputs.pb"))).isEmpty();
  }

  @Test
  void execute_failingTask_writesANonRecoverableUserErrorAndExitsZero() throws Exception {
    Result r =
        execute(
            ref("FAIL"), LiteralMap.newBuilder().putLiterals("reason", str("x")).build(), Map.of());

    assertThat(r.exitCode()).as(r.log()).isZero();
    ContainerError e = error(r);
    assertThat(e.getCode()).isEqualTo("USER:RuntimeError");
    assertThat(e.getKind()).isEqualTo(ContainerError.Kind.NON_RECOVERABLE);
    assertThat(e.getOrigin()).isEqualTo(ExecutionError.ErrorKind.USER);
    assertThat(e.getMessage()).contains("bad value x").contains("Trace:");
    assertThat(e.hasTimestamp()).isTrue();
    assertThat(get(r.attempt().output("outputs.pb"))).isEmpty();
  }

  @Test
  void execute_failOnError_exitsNonZero() throws Exception {
    Result r =
        execute(
            ref("FAIL"),
            LiteralMap.newBuilder().putLiterals("reason", str("y")).build(),
            Map.of("FLYTE_FAIL_ON_ERROR", "true"));

    assertThat(r.exitCode()).as(r.log()).isNotZero();
    assertThat(error(r).getCode()).isEqualTo("USER:RuntimeError");
  }

  @Test
  void execute_recoverableException_isRecoverable() throws Exception {
    Result r =
        execute(
            ref("FLAKY"),
            LiteralMap.newBuilder().putLiterals("reason", str("z")).build(),
            Map.of());

    assertThat(r.exitCode()).as(r.log()).isZero();
    ContainerError e = error(r);
    assertThat(e.getCode()).isEqualTo("USER:Recoverable");
    assertThat(e.getKind()).isEqualTo(ContainerError.Kind.RECOVERABLE);
    assertThat(e.getOrigin()).isEqualTo(ExecutionError.ErrorKind.USER);
  }

  @Test
  void execute_distributedErrorStrategy_namesTheFileAndTheWorker() throws Exception {
    Result r =
        execute(
            ref("FAIL"),
            LiteralMap.newBuilder().putLiterals("reason", str("w")).build(),
            Map.of("_F_DES", "earliest", "_F_WN", "worker-3"));

    assertThat(r.exitCode()).as(r.log()).isZero();
    assertThat(get(r.attempt().output("error.pb"))).isEmpty();
    List<String> names =
        stores.forUri(r.attempt().output("")).list(r.attempt().output("")).stream()
            .map(b -> b.uri().toString())
            .filter(u -> u.matches(".*/error-[0-9a-f]{32}\\.pb"))
            .toList();
    assertThat(names).as("error files").hasSize(1);
    ContainerError e =
        ErrorDocument.parseFrom(get(URI.create(names.get(0))).orElseThrow()).getError();
    assertThat(e.getWorker()).isEqualTo("worker-3");
    assertThat(e.getOrigin()).isEqualTo(ExecutionError.ErrorKind.USER);
  }

  @Test
  void execute_unloadableTask_writesAUserErrorAndExitsZero() throws Exception {
    for (String bad :
        List.of("com.example.Missing#TASK", ref("NO_SUCH_FIELD"), ref("NOT_A_TASK"), "no-hash")) {
      Result r = execute(bad, greeting("a", 1), Map.of());

      assertThat(r.exitCode()).as(bad + ": " + r.log()).isZero();
      ContainerError e = error(r);
      assertThat(e.getCode()).as(bad).isEqualTo("USER:RuntimeError");
      assertThat(e.getKind()).as(bad).isEqualTo(ContainerError.Kind.NON_RECOVERABLE);
      assertThat(e.getOrigin()).as(bad).isEqualTo(ExecutionError.ErrorKind.USER);
      assertThat(e.getMessage()).as(bad).contains(bad);
    }
  }

  @Test
  void execute_missingInputs_writesAnErrorAndExitsZero() throws Exception {
    Result r = execute(ref("HELLO"), null, Map.of());

    assertThat(r.exitCode()).as(r.log()).isZero();
    ContainerError e = error(r);
    assertThat(e.getMessage()).contains(r.attempt().inputs().toString());
    assertThat(e.getOrigin()).isEqualTo(ExecutionError.ErrorKind.SYSTEM);
    assertThat(e.getKind()).isEqualTo(ContainerError.Kind.RECOVERABLE);
    assertThat(get(r.attempt().output("outputs.pb"))).isEmpty();
  }

  @Test
  void execute_taskWithChildren_runsThemInThePodUnderTheRawPrefix() throws Exception {
    Result r =
        execute(
            ref("PARENT"),
            LiteralMap.newBuilder()
                .putLiterals("a", integer(3))
                .putLiterals("b", integer(4))
                .build(),
            Map.of());

    assertThat(r.exitCode()).as(r.log()).isZero();
    assertThat(outputs(r).getLiteralsOrThrow("o0").getScalar().getPrimitive().getInteger())
        .isEqualTo(7 + 6);
    URI children = URI.create(r.attempt().raw() + "/children/");
    List<String> childOutputs =
        stores.forUri(children).list(children).stream()
            .map(b -> b.uri().toString())
            .filter(u -> u.endsWith("/outputs.pb"))
            .toList();
    assertThat(childOutputs).as("children's outputs.pb under %s", children).hasSize(2);
  }

  @Test
  void execute_goldenInputsOfTheGoBackend_driveAJavaTask() throws Exception {
    LiteralMap golden = LiteralMap.parseFrom(TestData.bytes("interop/go-propeller-inputs.pb"));

    Result r = execute(ref("GO"), golden, Map.of());

    assertThat(r.exitCode()).as(r.log()).isZero();
    assertThat(outputs(r).getLiteralsOrThrow("o0").getScalar().getPrimitive().getStringValue())
        .isEqualTo("val1,val2,val3val1,val2,val3");
  }

  @Test
  void execute_goldenInputsOfThePythonSdk_driveAJavaTaskOfTheSameInterface() throws Exception {
    // written by flytekit for `def add(a: int, b: int) -> int` (a=30, b=0)
    LiteralMap golden = LiteralMap.parseFrom(TestData.bytes("interop/python-flytekit-inputs.pb"));
    assertThat(golden.getLiteralsMap()).containsOnlyKeys("a", "b");

    Result r = execute(SampleTasks.class.getName() + "#ADD", golden, Map.of());

    assertThat(r.exitCode()).as(r.log()).isZero();
    assertThat(get(r.attempt().output("error.pb"))).isEmpty();
    LiteralMap out = outputs(r);
    assertThat(out.getLiteralsMap()).containsOnlyKeys("o0");
    assertThat(out.getLiteralsOrThrow("o0")).isEqualTo(integer(30));
  }
}
