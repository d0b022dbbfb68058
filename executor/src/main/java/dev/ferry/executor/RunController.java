package dev.ferry.executor;

import dev.ferry.sdk.MapOptions;
import dev.ferry.sdk.MapResult;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.spi.ActionController;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/** The controller one attempt's body uses: children of {@code parent} in {@code run}. */
final class RunController implements ActionController {
  private static final int MAX_TEXT = 200;
  private static final int IN_FLIGHT_MIN = 16;
  private static final int IN_FLIGHT_PER_PERMIT = 4;

  private final LocalExecutor executor;
  private final Run<?> run;
  private final Action parent;
  private final Deque<String> groups = new ArrayDeque<>();

  RunController(LocalExecutor executor, Run<?> run, Action parent) {
    this.executor = executor;
    this.run = run;
    this.parent = parent;
  }

  @Override
  public <I, O> CompletableFuture<O> submit(Task<I, O> task, @Nullable I input) {
    return executor.launch(run, task, input, parent, group());
  }

  private synchronized @Nullable String group() {
    return groups.isEmpty() ? null : String.join("/", groups);
  }

  @Override
  public <I, O> MapResult<O> map(Task<I, O> task, List<? extends I> inputs, MapOptions options) {
    // Without a limit of its own, a map still keeps only a window of elements launched ahead of
    // the bodies that may run (maxConcurrency): launching all 10,000 at once would park a thread
    // per element (a platform thread each before JDK 21) for no gain in concurrency.
    int window = Math.max(IN_FLIGHT_MIN, IN_FLIGHT_PER_PERMIT * executor.permits().max());
    int limit = options.concurrency() == 0 ? window : options.concurrency();
    Semaphore slots = new Semaphore(limit);
    List<CompletableFuture<O>> futures = new ArrayList<>();
    boolean suspended = executor.permits().suspend();
    try {
      for (I input : inputs) {
        slots.acquire();
        CompletableFuture<O> f = submit(task, input);
        f.whenComplete((v, e) -> slots.release());
        futures.add(f);
      }
      return MapResult.collect(task.name(), futures, options.minSuccessRatio());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      for (CompletableFuture<O> f : futures) {
        f.cancel(true);
      }
      throw new CancellationException("interrupted while mapping " + task.name());
    } finally {
      executor.permits().resume(suspended);
    }
  }

  @Override
  public <T> T group(String name, Callable<T> body) throws Exception {
    synchronized (this) {
      groups.addLast(name);
    }
    try {
      return body.call();
    } finally {
      synchronized (this) {
        groups.removeLast();
      }
    }
  }

  @Override
  public <T> T trace(String name, @Nullable Object input, Callable<T> fn) throws Exception {
    Instant start = Instant.now();
    try {
      T out = fn.call();
      parent.add(new TraceRecord(name, start, Instant.now(), text(input), text(out), null));
      return out;
    } catch (Exception e) {
      parent.add(new TraceRecord(name, start, Instant.now(), text(input), null, e.toString()));
      throw e;
    }
  }

  private static String text(@Nullable Object o) {
    String s = String.valueOf(o);
    return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "...";
  }
}
