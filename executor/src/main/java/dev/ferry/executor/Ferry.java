package dev.ferry.executor;

import dev.ferry.sdk.MapOptions;
import dev.ferry.sdk.MapResult;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskContext;
import dev.ferry.sdk.spi.Contexts;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * The entry points: run a task locally, and, inside a running task, its context, groups, traces and
 * maps.
 *
 * <pre>{@code
 * Run<Model> run = Ferry.run(pipeline, new Params(3));   // runs under ~/.ferry/runs, waits
 * Model best = run.output();
 *
 * // inside a task body
 * TaskContext ctx = Ferry.context();
 * List<Score> scores = Ferry.group("training", () -> train.map(configs));
 * double mean = Ferry.trace("mean", scores, () -> mean(scores));
 * }</pre>
 */
public final class Ferry {
  private Ferry() {}

  /**
   * Runs {@code task} on {@code input} on a default local executor (runs under {@code
   * ~/.ferry/runs}, cache beside them) and returns the finished run.
   */
  public static <I, O> Run<O> run(Task<I, O> task, @Nullable I input) {
    try (LocalExecutor executor = LocalExecutor.builder().build()) {
      return executor.run(task, input);
    }
  }

  /** Returns a builder of a local executor with its own root, bounds, cache and secrets. */
  public static LocalExecutor.Builder local() {
    return LocalExecutor.builder();
  }

  /** Returns the context of the running task. */
  public static TaskContext context() {
    return TaskContext.current();
  }

  /** Runs {@code body}, labelling the actions it starts with the group {@code name}. */
  public static <T> T group(String name, Callable<T> body) throws Exception {
    return frame().controller().group(name, body);
  }

  /** Runs {@code fn}, recording its name, timing, input and output in the running action. */
  public static <T> T trace(String name, @Nullable Object input, Callable<T> fn) throws Exception {
    return frame().controller().trace(name, input, fn);
  }

  /** Runs {@code task} once per input as child actions; see {@link Task#map(List, MapOptions)}. */
  public static <I, O> MapResult<O> map(
      Task<I, O> task, List<? extends I> inputs, MapOptions options) {
    return task.map(inputs, options);
  }

  private static Contexts.Frame frame() {
    Contexts.Frame f = Contexts.current();
    if (f == null) {
      throw new IllegalStateException(
          "no task is running on this thread: groups and traces work inside a task body");
    }
    return f;
  }
}
