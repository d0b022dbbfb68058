package dev.ferry.examples.snippets.readme;

import dev.ferry.executor.LocalExecutor;
import dev.ferry.executor.Run;
import dev.ferry.idl.core.WorkflowTemplate;
import dev.ferry.sdk.MapOptions;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import dev.ferry.sdk.workflow.Condition;
import dev.ferry.sdk.workflow.Promise;
import dev.ferry.sdk.workflow.Workflow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The README's workflow example, compiled and run by ReadmeWorkflowTest. */
final class Workflows {
  private Workflows() {}

  record Spec(String name, int shards) {}

  record Stats(double best) {}

  record ReportIn(String name, double best) {}

  record Report(String text) {}

  static final TaskEnvironment ENV = TaskEnvironment.of("examples");

  static List<Integer> split(Spec spec) {
    List<Integer> shards = new ArrayList<>();
    for (int i = 0; i < spec.shards(); i++) {
      shards.add(i);
    }
    return shards;
  }

  static final Task<Spec, List<Integer>> SPLIT = ENV.task("split", Workflows::split);

  static Double score(Integer shard) {
    return shard * 1.5;
  }

  static final Task<Integer, Double> SCORE = ENV.task("score", Workflows::score);

  static Stats best(List<Double> scores) {
    return new Stats(Collections.max(scores));
  }

  static final Task<List<Double>, Stats> BEST = ENV.task("best", Workflows::best);

  static Report report(ReportIn in) {
    return new Report(in.name() + ": " + in.best());
  }

  static final Task<ReportIn, Report> REPORT = ENV.task("report", Workflows::report);

  // snippet:begin readme-workflow
  static final Workflow<Spec, Report> PIPELINE =
      Workflow.define(
          "examples.pipeline",
          Spec.class,
          Report.class,
          (b, in) -> {
            Promise<List<Integer>> shards = b.call(SPLIT, in);
            Promise<List<Double>> scores =
                b.map(SCORE, shards, new MapOptions(8, 1.0)); // ArrayNode
            Promise<Stats> stats = b.call(BEST, scores);
            return b.call(
                REPORT,
                b.record(
                    ReportIn.class,
                    in.field("name", String.class),
                    stats.field("best", Double.class)));
          });

  static WorkflowTemplate template() {
    return PIPELINE.template(); // with the {{ registration.* }} placeholders
  }

  static Run<Report> runLocally(LocalExecutor ferry, Spec spec) {
    return ferry.run(PIPELINE.asTask(), spec); // the same workflow on the local executor
  }

  // snippet:end readme-workflow

  static String gold(Double best) {
    return "gold " + best;
  }

  static String silver(Double best) {
    return "silver " + best;
  }

  static final Task<Double, String> GOLD = ENV.task("gold", Workflows::gold);
  static final Task<Double, String> SILVER = ENV.task("silver", Workflows::silver);

  // snippet:begin readme-branch
  static final Workflow<Spec, String> MEDAL =
      Workflow.define(
          "examples.medal",
          Spec.class,
          String.class,
          (b, in) -> {
            Promise<Double> best =
                b.call(BEST, b.map(SCORE, b.call(SPLIT, in))).field("best", Double.class);
            return b.when(Condition.gte(best, 3.0), GOLD, best) // BranchNode: only one case runs
                .orWhen(Condition.gt(best, 0.0).and(Condition.lt(best, 3.0)), SILVER, best)
                .otherwiseFail("no shard scored");
          });
  // snippet:end readme-branch
}
