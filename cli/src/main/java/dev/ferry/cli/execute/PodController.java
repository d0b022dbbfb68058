package dev.ferry.cli.execute;

import dev.ferry.executor.LocalExecutor;
import dev.ferry.executor.Run;
import dev.ferry.sdk.MapOptions;
import dev.ferry.sdk.MapResult;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.spi.ActionController;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The child actions of a task running in a pod: each {@code Task.call}/{@code map} inside the body
 * is a run of the embedded executor, created on first use, whose documents live under the attempt's
 * raw-output prefix ({@code <raw prefix>/children/<run>/...}) on the cluster's store.
 */
final class PodController implements ActionController, AutoCloseable {
  private final Supplier<LocalExecutor> factory;
  private @Nullable LocalExecutor executor;

  PodController(Supplier<LocalExecutor> factory) {
    this.factory = factory;
  }

  private synchronized LocalExecutor executor() {
    if (executor == null) {
      executor = factory.get();
    }
    return executor;
  }

  @Override
  public <I, O> CompletableFuture<O> submit(Task<I, O> task, @Nullable I input) {
    Run<O> run = executor().start(task, input);
    CompletableFuture<O> result = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                result.complete(run.output());
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
              }
            },
            "ferry-child-" + run.name());
    waiter.setDaemon(true);
    waiter.start();
    return result;
  }

  @Override
  public <I, O> MapResult<O> map(Task<I, O> task, List<? extends I> inputs, MapOptions options) {
    int limit = options.concurrency() == 0 ? Integer.MAX_VALUE : options.concurrency();
    Semaphore slots = new Semaphore(limit);
    List<CompletableFuture<O>> futures = new ArrayList<>();
    try {
      for (I input : inputs) {
        slots.acquire();
        CompletableFuture<O> f = submit(task, input);
        f.whenComplete((v, e) -> slots.release());
        futures.add(f);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      futures.forEach(f -> f.cancel(true));
      throw new CancellationException("interrupted while mapping " + task.name());
    }
    return MapResult.collect(task.name(), futures, options.minSuccessRatio());
  }

  @Override
  public <T> T group(String name, Callable<T> body) throws Exception {
    return body.call();
  }

  @Override
  public <T> T trace(String name, @Nullable Object input, Callable<T> fn) throws Exception {
    return fn.call();
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.close();
    }
  }
}
