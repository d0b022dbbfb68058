package dev.ferry.sdk.spi;

import dev.ferry.sdk.MapOptions;
import dev.ferry.sdk.MapResult;
import dev.ferry.sdk.Task;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What an executor offers the task body it runs: child actions, fan-out, groups and traces. Tasks
 * reach it through {@link Contexts#current()}; users call {@link Task#call}, {@link Task#submit}
 * and {@link Task#map} instead.
 */
public interface ActionController {
  /** Starts {@code task} as a child action of the running one; the future holds its output. */
  <I, O> CompletableFuture<O> submit(Task<I, O> task, @Nullable I input);

  /** Runs {@code task} once per input as child actions and waits for all of them. */
  <I, O> MapResult<O> map(Task<I, O> task, List<? extends I> inputs, MapOptions options);

  /** Runs {@code body} with the actions it starts labelled {@code name}. */
  <T> T group(String name, Callable<T> body) throws Exception;

  /** Runs {@code fn} recording its name, timing, input and output, without making an action. */
  <T> T trace(String name, @Nullable Object input, Callable<T> fn) throws Exception;
}
