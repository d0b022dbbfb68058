package dev.ferry.cli.tasks;

import dev.ferry.schema.NamedOutputs;
import dev.ferry.sdk.LaunchPlan;
import dev.ferry.sdk.RecoverableException;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import java.util.List;

/** Tasks the cli tests find, package, execute and run. */
public final class SampleTasks {
  private SampleTasks() {}

  /** Inputs of {@code add}. */
  public record Pair(long a, long b) {}

  /** Outputs of {@code stats}: one output per component. */
  public record Stats(long count, double mean) implements NamedOutputs {}

  public static final TaskEnvironment ENV = TaskEnvironment.of("samples");

  public static final Task<Pair, Long> ADD = ENV.task("add", p -> p.a() + p.b());

  /** The same task under a second field: listed once. */
  public static final Task<Pair, Long> ADD_AGAIN = ADD;

  static final Task<List<Double>, Stats> STATS =
      ENV.task(
          "stats",
          new dev.ferry.engine.TypeRef<List<Double>>() {},
          dev.ferry.engine.TypeRef.of(Stats.class),
          xs -> new Stats(xs.size(), xs.stream().mapToDouble(d -> d).average().orElse(0)));

  static final Task<String, String> FAIL =
      ENV.task(
          "fail",
          s -> {
            throw new IllegalArgumentException("bad value " + s);
          });

  static final Task<String, String> FLAKY =
      ENV.task(
          "flaky",
          s -> {
            throw new RecoverableException("try again: " + s);
          });

  static final LaunchPlan<Pair, Long> ADD_TEN =
      LaunchPlan.builder("add_ten", ADD).fixedInput("b", 10L).build();
}
