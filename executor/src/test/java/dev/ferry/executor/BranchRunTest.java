package dev.ferry.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import dev.ferry.sdk.workflow.Condition;
import dev.ferry.sdk.workflow.Promise;
import dev.ferry.sdk.workflow.Workflow;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A workflow with a branch node runs on the local executor: only the taken case's task runs. */
class BranchRunTest {
  record In(long rows, String mode) {}

  static long limit(String mode) {
    return mode.equals("fast") ? 10 : 1000;
  }

  static String big(long rows) {
    return "big " + rows;
  }

  static String small(long rows) {
    return "small " + rows;
  }

  static String shout(String s) {
    return s.toUpperCase(java.util.Locale.ROOT) + "!";
  }

  static final TaskEnvironment ENV = TaskEnvironment.of("brr");
  static final Task<String, Long> LIMIT = ENV.task("limit", BranchRunTest::limit);
  static final Task<Long, String> BIG = ENV.task("big", BranchRunTest::big);
  static final Task<Long, String> SMALL = ENV.task("small", BranchRunTest::small);
  static final Task<String, String> SHOUT = ENV.task("shout", BranchRunTest::shout);

  /** rows above the mode's limit (10 if fast, else 1000) go big; 0 or less go small(limit). */
  static final Workflow<In, String> SIZED =
      Workflow.define(
          "brr.sized",
          In.class,
          String.class,
          (b, in) -> {
            Promise<Long> rows = in.field("rows", Long.class);
            Promise<String> mode = in.field("mode", String.class);
            Promise<Long> limit = b.call(LIMIT, mode);
            Promise<String> size =
                b.when(Condition.gt(rows, limit).and(Condition.ne(mode, "off")), BIG, rows)
                    .orWhen(Condition.eq(rows, 0L).or(Condition.lt(rows, 0)), SMALL, limit)
                    .otherwise(SMALL, rows);
            return b.call(SHOUT, size);
          });

  static final Workflow<Long, String> STRICT =
      Workflow.define(
          "brr.strict",
          Long.class,
          String.class,
          (b, rows) ->
              b.when(Condition.gte(rows, 1).and(Condition.lte(rows, 100)), BIG, rows)
                  .otherwiseFail("rows must be 1 to 100"));

  record When(java.time.Instant at, double score) {}

  static String late(java.time.Instant at) {
    return "late";
  }

  static String early(java.time.Instant at) {
    return "early";
  }

  static final Task<java.time.Instant, String> LATE = ENV.task("late", BranchRunTest::late);
  static final Task<java.time.Instant, String> EARLY = ENV.task("early", BranchRunTest::early);

  /** Compared as a cluster compares: datetimes by whole seconds, floats with NaN unordered. */
  static final Workflow<When, String> TIMED =
      Workflow.define(
          "brr.timed",
          When.class,
          String.class,
          (b, in) -> {
            Promise<java.time.Instant> at = in.field("at", java.time.Instant.class);
            Promise<Double> score = in.field("score", Double.class);
            return b.when(
                    Condition.gt(at, java.time.Instant.ofEpochSecond(100))
                        .and(Condition.lt(score, 0.5)),
                    LATE,
                    at)
                .otherwise(EARLY, at);
          });

  @TempDir Path tmp;
  LocalExecutor ferry;

  @BeforeEach
  void setUp() {
    ferry = LocalExecutor.builder().root(tmp).cache(false).build();
  }

  @AfterEach
  void tearDown() {
    ferry.close();
  }

  @Test
  void firstCase_runsOnlyItsTask_andItsOutputFlowsDownstream() {
    Run<String> run = ferry.run(SIZED.asTask(), new In(50, "fast"));

    assertThat(run.phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(run.output()).isEqualTo("BIG 50!");
    assertThat(run.actionsOf("brr.big")).hasSize(1);
    assertThat(run.actionsOf("brr.small")).isEmpty();
    assertThat(run.actionsOf("brr.shout")).hasSize(1);
  }

  @Test
  void otherCase_andOtherwise_runTheirTasksOnly() {
    Run<String> zero = ferry.run(SIZED.asTask(), new In(0, "fast"));
    assertThat(zero.output()).isEqualTo("SMALL 10!"); // the other case binds the limit
    assertThat(zero.actionsOf("brr.big")).isEmpty();
    assertThat(zero.actionsOf("brr.small")).hasSize(1);

    // 50 is not above the slow limit of 1000, and not 0 or less: otherwise
    Run<String> slow = ferry.run(SIZED.asTask(), new In(50, "slow"));
    assertThat(slow.output()).isEqualTo("SMALL 50!");
    assertThat(slow.actionsOf("brr.big")).isEmpty();

    // above the limit, but the conjunction's right side fails
    Run<String> off = ferry.run(SIZED.asTask(), new In(5000, "off"));
    assertThat(off.output()).isEqualTo("SMALL 5000!");

    // the same inputs with the functions called directly
    assertThat(shout(small(50))).isEqualTo(slow.output());
  }

  @Test
  void otherwiseFail_failsTheRunWithTheMessage_whenNoCaseHolds() {
    Run<String> ok = ferry.run(STRICT.asTask(), 7L);
    assertThat(ok.output()).isEqualTo("big 7");

    Run<String> failed = ferry.run(STRICT.asTask(), 700L);
    assertThat(failed.phase()).isEqualTo(Phase.FAILED);
    assertThat(failed.error().orElseThrow().getMessage())
        .contains("node n0 (branch): no case held: rows must be 1 to 100");
    assertThat(failed.actionsOf("brr.big")).isEmpty();
  }

  @Test
  void comparisons_asAClusterMakesThem_datetimesBySecondsAndNaNUnordered() {
    java.time.Instant t = java.time.Instant.ofEpochSecond(100);
    assertThat(ferry.run(TIMED.asTask(), new When(t.plusSeconds(1), 0.1)).output())
        .isEqualTo("late");
    // 100.9 s is not after 100 s: a cluster compares whole seconds
    assertThat(ferry.run(TIMED.asTask(), new When(t.plusMillis(900), 0.1)).output())
        .isEqualTo("early");
    // propeller's LT is "neither greater nor equal", which NaN is
    assertThat(ferry.run(TIMED.asTask(), new When(t.plusSeconds(1), Double.NaN)).output())
        .isEqualTo("late");
    assertThat(ferry.run(TIMED.asTask(), new When(t.plusSeconds(1), 0.5)).output())
        .isEqualTo("early");
  }
}
