package dev.ferry.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.OffloadPolicy;
import dev.ferry.idl.core.ContainerError;
import dev.ferry.idl.core.ErrorDocument;
import dev.ferry.idl.core.ExecutionError;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.sdk.ActionFailedException;
import dev.ferry.sdk.RecoverableException;
import dev.ferry.sdk.RetryStrategy;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskContext;
import dev.ferry.sdk.TaskEnvironment;
import dev.ferry.sdk.Timeout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalExecutorTest {
  record Point(long x, long y) {}

  record Pair(Point a, Point b) {}

  static final TaskEnvironment ENV = TaskEnvironment.of("geo");
  static final AtomicInteger CALLS = new AtomicInteger();

  static Point shift(Point p) {
    return new Point(p.x() + 1, p.y() + 1);
  }

  static final Task<Point, Point> SHIFT = ENV.task("shift", LocalExecutorTest::shift);

  static Point twice(Point p) {
    Point once = SHIFT.call(p);
    return SHIFT.call(once);
  }

  static final Task<Point, Point> TWICE = ENV.task("twice", LocalExecutorTest::twice);

  static long nested(Pair pair) throws Exception {
    CompletableFuture<Point> a = TWICE.submit(pair.a());
    CompletableFuture<Point> b = TWICE.submit(pair.b());
    return a.get().x() + b.get().x();
  }

  static final Task<Pair, Long> NESTED = ENV.task("nested", LocalExecutorTest::nested);

  static Point boom(Point p) {
    CALLS.incrementAndGet();
    throw new IllegalStateException("no point at " + p.x());
  }

  static final Task<Point, Point> BOOM =
      ENV.task("boom", LocalExecutorTest::boom, o -> o.retries(3));

  static Point callsBoom(Point p) {
    return BOOM.call(p);
  }

  static final Task<Point, Point> CALLS_BOOM = ENV.task("calls_boom", LocalExecutorTest::callsBoom);

  static Point flaky(Point p) throws Exception {
    TaskContext ctx = TaskContext.current();
    if (ctx.attempt() == 0) {
      ctx.writeCheckpoint("step-7".getBytes(StandardCharsets.UTF_8));
      throw new RecoverableException("flaky service");
    }
    String state = new String(ctx.previousCheckpoint().orElseThrow(), StandardCharsets.UTF_8);
    return new Point(Long.parseLong(state.substring(5)), ctx.attempt());
  }

  static final Task<Point, Point> FLAKY =
      ENV.task(
          "flaky",
          LocalExecutorTest::flaky,
          o -> o.retries(RetryStrategy.of(2).withBackoff(Duration.ofMillis(10), 2.0)));

  static Point sleepy(Point p) throws Exception {
    CALLS.incrementAndGet();
    Thread.sleep(60_000);
    return p;
  }

  static final Task<Point, Point> SLEEPY =
      ENV.task(
          "sleepy",
          LocalExecutorTest::sleepy,
          o -> o.retries(1).timeout(Timeout.of(Duration.ofMillis(200))));

  static Void sink(Point p) {
    return null;
  }

  static final Task<Point, Void> SINK = ENV.task("sink", LocalExecutorTest::sink);

  static List<Long> big(Long n) {
    List<Long> out = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  static final Task<Long, List<Long>> BIG = ENV.task("big", LocalExecutorTest::big);

  static long sumBig(Long n) {
    return BIG.call(n).stream().mapToLong(Long::longValue).sum();
  }

  static final Task<Long, Long> SUM_BIG = ENV.task("sum_big", LocalExecutorTest::sumBig);

  @TempDir Path tmp;
  LocalExecutor ferry;

  @BeforeEach
  void setUp() {
    CALLS.set(0);
    ferry = LocalExecutor.builder().root(tmp.resolve("runs")).cache(false).build();
  }

  @AfterEach
  void tearDown() {
    ferry.close();
  }

  @Test
  void run_childCalls_eachActionWritesItsDocuments() throws Exception {
    Run<Point> run = ferry.run(TWICE, new Point(1, 2));

    assertThat(run.phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(run.output()).isEqualTo(new Point(3, 4));
    assertThat(run.actions()).extracting(Action::name).containsExactly("a0", "a1", "a2");
    assertThat(run.actions())
        .extracting(Action::taskName)
        .containsExactly("geo.twice", "geo.shift", "geo.shift");
    assertThat(run.action("a1").parent()).contains("a0");
    Path dir = Path.of(run.directory());
    for (String a : List.of("a0", "a1", "a2")) {
      assertThat(dir.resolve(a + "/0/inputs.pb")).isRegularFile();
      assertThat(dir.resolve(a + "/0/outputs.pb")).isRegularFile();
      assertThat(dir.resolve(a + "/0/error.pb")).doesNotExist();
    }
    LiteralMap in = LiteralMap.parseFrom(Files.readAllBytes(dir.resolve("a2/0/inputs.pb")));
    assertThat(in.getLiteralsMap()).containsOnlyKeys("x", "y");
    assertThat(in.getLiteralsOrThrow("x").getScalar().getPrimitive().getInteger()).isEqualTo(2);
    assertThat(run.outputs().getLiteralsMap()).containsOnlyKeys("o0");
    ActionAttempt attempt = run.action("a1").attempts().get(0);
    assertThat(attempt.start()).isPresent();
    assertThat(attempt.end()).isPresent();
    assertThat(attempt.cacheHit()).isFalse();
    assertThat(run.report()).isPresent();
    assertThat(Files.readString(Path.of(run.report().get())))
        .contains("data-action=\"a2\" data-phase=\"SUCCEEDED\"");
  }

  @Test
  void run_nestedSubmitsWithOneSlot_doesNotDeadlock() throws Exception {
    try (LocalExecutor one =
        LocalExecutor.builder().root(tmp.resolve("one")).cache(false).maxConcurrency(1).build()) {
      Run<Long> run = one.start(NESTED, new Pair(new Point(0, 0), new Point(10, 0)));
      assertThat(run.await(Duration.ofSeconds(60))).as("run ended").isTrue();
      assertThat(run.output()).isEqualTo(2 + 12);
      assertThat(run.actions()).hasSize(7);
    }
  }

  @Test
  void run_throwingTask_writesUserErrorDocument_andIsNotRetried() throws Exception {
    Run<Point> run = ferry.run(BOOM, new Point(5, 0));

    assertThat(run.phase()).isEqualTo(Phase.FAILED);
    assertThat(CALLS.get()).as("non-recoverable errors are not retried").isEqualTo(1);
    Action a0 = run.action("a0");
    assertThat(a0.attempts()).hasSize(1);
    Path error = Path.of(a0.attempts().get(0).errorUri());
    ContainerError e = ErrorDocument.parseFrom(Files.readAllBytes(error)).getError();
    assertThat(e.getCode()).isEqualTo("USER:RuntimeError");
    assertThat(e.getKind()).isEqualTo(ContainerError.Kind.NON_RECOVERABLE);
    assertThat(e.getOrigin()).isEqualTo(ExecutionError.ErrorKind.USER);
    assertThat(e.hasTimestamp()).isTrue();
    assertThat(e.getMessage())
        .startsWith("Trace:\n\n    java.lang.IllegalStateException: no point at 5")
        .endsWith("Message:\n\n    IllegalStateException: no point at 5\n");
    assertThat(Path.of(a0.attempts().get(0).outputsUri())).doesNotExist();
    assertThatThrownBy(run::output)
        .isInstanceOf(ActionFailedException.class)
        .hasMessage(
            "action a0 (geo.boom) FAILED: USER:RuntimeError: IllegalStateException: no point at 5");
  }

  @Test
  void run_failingChild_failsParentCallNamingTheChild() {
    Run<Point> run = ferry.run(CALLS_BOOM, new Point(1, 1));

    assertThat(run.phase()).isEqualTo(Phase.FAILED);
    assertThat(run.action("a1").phase()).isEqualTo(Phase.FAILED);
    assertThat(run.error().orElseThrow().getMessage())
        .contains(
            "ActionFailedException: action a1 (geo.boom) FAILED: USER:RuntimeError:"
                + " IllegalStateException: no point at 1");
  }

  @Test
  void run_recoverableError_retriesAndSucceeds_withThePreviousCheckpoint() throws Exception {
    Run<Point> run = ferry.run(FLAKY, new Point(0, 0));

    assertThat(run.phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(run.output()).isEqualTo(new Point(7, 1));
    List<ActionAttempt> attempts = run.action("a0").attempts();
    assertThat(attempts)
        .extracting(ActionAttempt::phase)
        .containsExactly(Phase.FAILED, Phase.SUCCEEDED);
    ContainerError first = attempts.get(0).error().orElseThrow();
    assertThat(first.getCode()).isEqualTo("USER:Recoverable");
    assertThat(first.getKind()).isEqualTo(ContainerError.Kind.RECOVERABLE);
    assertThat(Path.of(attempts.get(0).errorUri())).isRegularFile();
    assertThat(attempts.get(1).paths().previousCheckpoint())
        .contains(attempts.get(0).paths().checkpointPrefix());
  }

  @Test
  void run_timeout_interruptsAndRetries_thenTimedOut() {
    Run<Point> run = ferry.run(SLEEPY, new Point(0, 0));

    assertThat(run.phase()).isEqualTo(Phase.TIMED_OUT);
    assertThat(CALLS.get()).isEqualTo(2);
    List<ActionAttempt> attempts = run.action("a0").attempts();
    assertThat(attempts)
        .extracting(ActionAttempt::phase)
        .containsExactly(Phase.TIMED_OUT, Phase.TIMED_OUT);
    ContainerError e = attempts.get(1).error().orElseThrow();
    assertThat(e.getCode()).isEqualTo("USER:Timeout");
    assertThat(e.getKind()).isEqualTo(ContainerError.Kind.RECOVERABLE);
    assertThat(e.getMessage())
        .isEqualTo("Message:\n\n    task geo.sleepy ran longer than its max runtime of PT0.2S");
  }

  @Test
  void run_noOutputs_writesAnEmptyLiteralMap() throws Exception {
    Run<Void> run = ferry.run(SINK, new Point(0, 0));

    Path outputs = Path.of(run.action("a0").attempts().get(0).outputsUri());
    assertThat(Files.readAllBytes(outputs)).isEmpty();
    assertThat(run.outputs()).isEqualTo(LiteralMap.getDefaultInstance());
    assertThat(run.output()).isNull();
  }

  @Test
  void run_largeOutput_isOffloaded_andTheParentReadsIt() throws Exception {
    try (LocalExecutor small =
        LocalExecutor.builder()
            .root(tmp.resolve("small"))
            .cache(false)
            .offloadPolicy(new OffloadPolicy(1024, 1 << 30))
            .build()) {
      Run<Long> run = small.run(SUM_BIG, 1000L);

      assertThat(run.output()).isEqualTo(999L * 1000 / 2);
      LiteralMap out =
          LiteralMap.parseFrom(
              Files.readAllBytes(Path.of(run.action("a1").attempts().get(0).outputsUri())));
      assertThat(out.getLiteralsOrThrow("o0").hasOffloadedMetadata()).isTrue();
      assertThat(out.getLiteralsOrThrow("o0").getOffloadedMetadata().getUri())
          .startsWith(run.directory() + "/a1/0/raw/");
    }
  }

  @Test
  void run_badInputValue_isAUserErrorBeforeTheBody() {
    Run<Point> run = ferry.run(SHIFT, null);

    assertThat(run.phase()).isEqualTo(Phase.FAILED);
    assertThat(run.error().orElseThrow().getOrigin()).isEqualTo(ExecutionError.ErrorKind.USER);
    assertThat(run.error().orElseThrow().getMessage())
        .contains("the input of task geo.shift must not be null");
  }
}
