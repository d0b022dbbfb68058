package dev.ferry.cli.packaging.workflows;

import dev.ferry.engine.TypeRef;
import dev.ferry.sdk.LaunchPlan;
import dev.ferry.sdk.MapOptions;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import dev.ferry.sdk.workflow.Promise;
import dev.ferry.sdk.workflow.Workflow;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A three-node workflow (call, map, call) and a launch plan on it, packaged by {@code
 * PackageWorkflowTest} (its own package, scanned alone).
 */
public final class PackagedWorkflows {
  private PackagedWorkflows() {}

  /** The workflow's input. */
  public record Spec(String name, int n) {}

  static final TaskEnvironment ENV = TaskEnvironment.of("pwf");

  public static final Task<Spec, List<Integer>> SPLIT =
      ENV.task(
          "split",
          TypeRef.of(Spec.class),
          new TypeRef<List<Integer>>() {},
          s -> IntStream.range(0, s.n()).boxed().toList());

  public static final Task<Integer, Double> SCORE =
      ENV.task("score", TypeRef.of(Integer.class), TypeRef.of(Double.class), i -> i * 1.5);

  public static final Task<List<Double>, Double> BEST =
      ENV.task(
          "best",
          new TypeRef<List<Double>>() {},
          TypeRef.of(Double.class),
          l -> l.stream().mapToDouble(Double::doubleValue).max().orElse(0));

  public static final Workflow<Spec, Double> PIPELINE =
      Workflow.define(
          "pwf.pipeline",
          Spec.class,
          Double.class,
          (b, in) -> {
            Promise<List<Integer>> shards = b.call(SPLIT, in);
            Promise<List<Double>> scores = b.map(SCORE, shards, new MapOptions(2, 1.0));
            return b.call(BEST, scores);
          });

  /** A launch plan whose entry is the workflow: registered against the workflow's id. */
  public static final LaunchPlan<Spec, Double> DAILY =
      LaunchPlan.builder("pipeline_daily", PIPELINE.asTask()).defaultInput("n", 4).build();
}
