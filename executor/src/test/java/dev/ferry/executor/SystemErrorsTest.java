package dev.ferry.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.DataTransferException;
import dev.ferry.idl.core.ContainerError;
import dev.ferry.idl.core.ExecutionError;
import dev.ferry.sdk.LaunchPlan;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import dev.ferry.sdk.Timeout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemErrorsTest {
  record Upload(String target, boolean retryable) {}

  record Scale(long value, long factor) {}

  static final AtomicInteger CALLS = new AtomicInteger();
  static final TaskEnvironment ENV = TaskEnvironment.of("sys");

  static String upload(Upload u) {
    if (CALLS.incrementAndGet() < 3 || !u.retryable()) {
      throw new DataTransferException(
          "upload of " + u.target() + " failed: 503 SlowDown", u.target(), u.retryable(), null);
    }
    return "uploaded";
  }

  static final Task<Upload, String> UPLOAD = ENV.task("upload", SystemErrorsTest::upload);

  static long scale(Scale s) {
    return s.value() * s.factor();
  }

  static final Task<Scale, Long> SCALE = ENV.task("scale", SystemErrorsTest::scale);

  static long hold(Long n) throws Exception {
    Thread.sleep(2_000);
    return n;
  }

  static final Task<Long, Long> HOLD = ENV.task("hold", SystemErrorsTest::hold);

  static final Task<Long, Long> QUEUED =
      ENV.task(
          "queued",
          SystemErrorsTest::hold,
          o -> o.timeout(Timeout.of(Duration.ofMinutes(1)).withMaxQueued(Duration.ofMillis(100))));

  static long both(Long n) throws Exception {
    var a = HOLD.submit(n);
    Thread.sleep(200);
    try {
      QUEUED.call(n);
      return -1;
    } catch (dev.ferry.sdk.ActionFailedException e) {
      return a.get() + (e.phase().equals("TIMED_OUT") ? 100 : 0);
    }
  }

  static final Task<Long, Long> BOTH = ENV.task("both", SystemErrorsTest::both);

  @TempDir Path tmp;
  LocalExecutor ferry;

  @BeforeEach
  void setUp() {
    CALLS.set(0);
    ferry =
        LocalExecutor.builder()
            .root(tmp)
            .cache(false)
            .maxConcurrency(1)
            .systemRetries(2, Duration.ofMillis(1))
            .build();
  }

  @AfterEach
  void tearDown() {
    ferry.close();
  }

  @Test
  void transferFailure_isASystemError_retriedOnTheSystemBudget() {
    Run<String> run = ferry.run(UPLOAD, new Upload("s3://b/k", true));

    assertThat(run.output()).isEqualTo("uploaded");
    assertThat(run.action("a0").attempts()).hasSize(3);
    ContainerError first = run.action("a0").attempts().get(0).error().orElseThrow();
    assertThat(first.getCode()).isEqualTo("SYSTEM");
    assertThat(first.getOrigin()).isEqualTo(ExecutionError.ErrorKind.SYSTEM);
    assertThat(first.getKind()).isEqualTo(ContainerError.Kind.RECOVERABLE);
    assertThat(first.getMessage()).contains("upload of s3://b/k failed: 503 SlowDown");
  }

  @Test
  void nonRetryableTransferFailure_stopsAtOnce() {
    Run<String> run = ferry.run(UPLOAD, new Upload("s3://b/k", false));

    assertThat(run.phase()).isEqualTo(Phase.FAILED);
    assertThat(run.action("a0").attempts()).hasSize(1);
    ContainerError e = run.error().orElseThrow();
    assertThat(e.getOrigin()).isEqualTo(ExecutionError.ErrorKind.SYSTEM);
    assertThat(e.getKind()).isEqualTo(ContainerError.Kind.NON_RECOVERABLE);
  }

  @Test
  void launchPlan_runsItsEntryWithFixedAndDefaultInputs() {
    LaunchPlan<Scale, Long> lp =
        LaunchPlan.builder("triple", SCALE)
            .fixedInput("factor", 3L)
            .defaultInput("value", 2L)
            .build();

    assertThat(ferry.run(lp, Map.of()).output()).isEqualTo(6L);
    assertThat(ferry.run(lp, Map.of("value", 5L)).output()).isEqualTo(15L);
  }

  @Test
  void maxQueued_exceeded_isTimedOut() {
    Run<Long> run = ferry.run(BOTH, 1L);

    assertThat(run.output()).isEqualTo(101L);
    Action queued = run.actionsOf("sys.queued").get(0);
    assertThat(queued.phase()).isEqualTo(Phase.TIMED_OUT);
    assertThat(LocalExecutor.text(queued.attempts().get(0).error().orElseThrow()))
        .isEqualTo("task sys.queued waited longer than its max queued time of PT0.1S");
  }
}
