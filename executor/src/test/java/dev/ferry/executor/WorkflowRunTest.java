package dev.ferry.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.TypeRef;
import dev.ferry.schema.NamedOutputs;
import dev.ferry.sdk.LaunchPlan;
import dev.ferry.sdk.MapOptions;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import dev.ferry.sdk.workflow.Promise;
import dev.ferry.sdk.workflow.Workflow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A workflow run on the local executor gives what calling its functions directly gives. */
class WorkflowRunTest {
  record Spec(String name, int n) {}

  record Stats(double best, int count) implements NamedOutputs {}

  record ReportIn(String name, double best, boolean together) {}

  record Report(String name, double best, boolean together) {}

  static volatile CountDownLatch both = new CountDownLatch(2);

  static List<Integer> split(Spec spec) {
    return IntStream.range(0, spec.n()).boxed().toList();
  }

  static double score(int shard) {
    if (shard < 0) {
      throw new IllegalArgumentException("negative shard " + shard);
    }
    return shard * 1.5 + 1;
  }

  static Stats best(List<Double> scores) {
    return new Stats(
        scores.stream().mapToDouble(Double::doubleValue).max().orElse(0), scores.size());
  }

  static boolean meet(String who) throws InterruptedException {
    both.countDown();
    return both.await(30, TimeUnit.SECONDS);
  }

  static Report report(ReportIn in) {
    return new Report(in.name(), in.best(), in.together());
  }

  static final TaskEnvironment ENV = TaskEnvironment.of("wfr");
  static final Task<Spec, List<Integer>> SPLIT =
      ENV.task(
          "split", new TypeRef<Spec>() {}, new TypeRef<List<Integer>>() {}, WorkflowRunTest::split);
  static final Task<Integer, Double> SCORE = ENV.task("score", WorkflowRunTest::score);
  static final Task<List<Double>, Stats> BEST =
      ENV.task(
          "best", new TypeRef<List<Double>>() {}, TypeRef.of(Stats.class), WorkflowRunTest::best);
  static final Task<String, Boolean> MEET = ENV.task("meet", WorkflowRunTest::meet);
  static final Task<ReportIn, Report> REPORT = ENV.task("report", WorkflowRunTest::report);

  /** split, map score, best, and two independent meet nodes that finish only if run at once. */
  static final Workflow<Spec, Report> PIPELINE =
      Workflow.define(
          "wfr.pipeline",
          Spec.class,
          Report.class,
          (b, in) -> {
            Promise<List<Integer>> shards = b.call(SPLIT, in);
            Promise<List<Double>> scores = b.map(SCORE, shards, new MapOptions(2, 1.0));
            Promise<Stats> stats = b.call(BEST, scores);
            Promise<Boolean> left = b.call(MEET, "left");
            Promise<Boolean> right = b.call(MEET, "right");
            Promise<Report> partial =
                b.call(REPORT, b.record(ReportIn.class, in.field("name", String.class), 0.0, left));
            return b.call(
                REPORT,
                b.record(
                    ReportIn.class,
                    partial.field("name", String.class),
                    stats.field("best", Double.class),
                    right));
          });

  static final Workflow<List<Integer>, Stats> STATS =
      Workflow.define(
          "wfr.stats",
          new TypeRef<List<Integer>>() {},
          TypeRef.of(Stats.class),
          (b, shards) -> b.call(BEST, b.map(SCORE, shards)));

  @TempDir Path tmp;
  LocalExecutor ferry;

  @BeforeEach
  void setUp() {
    both = new CountDownLatch(2);
    ferry = LocalExecutor.builder().root(tmp).cache(false).maxConcurrency(4).build();
  }

  @AfterEach
  void tearDown() {
    ferry.close();
  }

  @Test
  void pipeline_givesWhatTheFunctionsGiveDirectly() throws Exception {
    Spec spec = new Spec("exp", 5);
    Report direct =
        report(
            new ReportIn(
                spec.name(),
                best(split(spec).stream().map(WorkflowRunTest::score).toList()).best(),
                true));

    Run<Report> run = ferry.run(PIPELINE.asTask(), spec);

    assertThat(run.phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(run.output()).isEqualTo(direct).isEqualTo(new Report("exp", 7.0, true));
    assertThat(run.actionsOf("wfr.split")).hasSize(1);
    assertThat(run.actionsOf("wfr.score")).hasSize(5);
    assertThat(run.actionsOf("wfr.best")).hasSize(1);
    assertThat(run.actionsOf("wfr.meet")).hasSize(2);
    assertThat(run.actionsOf("wfr.report")).hasSize(2);
    assertThat(java.util.Objects.requireNonNull(run.rootAction()).taskName())
        .isEqualTo("wfr.pipeline");
  }

  @Test
  void namedOutputs_areTheWorkflowsOutputs() {
    Run<Stats> run = ferry.run(STATS.asTask(), List.of(1, 4, 2));

    assertThat(run.output()).isEqualTo(best(List.of(score(1), score(4), score(2))));
    assertThat(run.outputs().getLiteralsMap().keySet()).containsExactlyInAnyOrder("best", "count");
    assertThat(STATS.template().getOutputsList())
        .extracting(
            o ->
                o.getVar()
                    + "<-"
                    + o.getBinding().getPromise().getNodeId()
                    + "."
                    + o.getBinding().getPromise().getVar())
        .containsExactly("best<-n1.best", "count<-n1.count");
  }

  @Test
  void failingMapElement_failsTheWorkflow() {
    Run<Stats> run = ferry.run(STATS.asTask(), List.of(1, -1));

    assertThat(run.phase()).isEqualTo(Phase.FAILED);
    assertThat(run.error().orElseThrow().getMessage()).contains("map of wfr.score");
    assertThat(run.actionsOf("wfr.best")).isEmpty();
  }

  @Test
  void launchPlan_ofTheWorkflow_runs() {
    LaunchPlan<Spec, Report> lp =
        LaunchPlan.builder("wfr.nightly", PIPELINE.asTask()).fixedInput("n", 2).build();

    Run<Report> run = ferry.run(lp.entry(), lp.input(Map.of("name", "lp")));

    assertThat(run.output()).isEqualTo(new Report("lp", 2.5, true));
  }
}
