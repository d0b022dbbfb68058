package dev.ferry.executor;

import dev.ferry.sdk.MapOptions;
import dev.ferry.sdk.MapResult;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.spi.ActionController;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** The controller one attempt's body uses: children of {@code parent} in {@code run}. */
final class RunController implements ActionController {
  private static final int MAX_TEXT = 200;
  private static final int IN_FLIGHT_MIN = 16;
  private static final int IN_FLIGHT_PER_PERMIT = 4;

  private final LocalExecutor executor;
  private final Run<?> run;
  private final Action parent;
  private final ActionPaths paths;
  private final AtomicInteger maps = new AtomicInteger();
  private final Deque<String> groups = new ArrayDeque<>();

  RunController(LocalExecutor executor, Run<?> run, Action parent, ActionPaths paths) {
    this.executor = executor;
    this.run = run;
    this.parent = parent;
    this.paths = paths;
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
    // The elements run on lanes: a lane is one thread that takes the next element, runs its action
    // to the end and takes the next, so a map of 10,000 costs `lanes` thread hand-offs, not three
    // per element (start a thread, wake the mapping parent, wake the next element). Without a
    // limit of its own a map runs a window of lanes ahead of the bodies that may run at once
    // (maxConcurrency): their document reads and writes overlap the bodies.
    int window = Math.max(IN_FLIGHT_MIN, IN_FLIGHT_PER_PERMIT * executor.permits().max());
    int limit = options.concurrency() == 0 ? window : options.concurrency();
    List<I> elements = new ArrayList<>(inputs); // a snapshot: the caller may change its list
    int n = elements.size();
    List<CompletableFuture<O>> futures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      futures.add(executor.newFuture());
    }
    // The elements' inputs go into one document under the parent's attempt, each element reading
    // its index, as an ArrayNode's subtasks do: one write instead of one per element.
    LocalExecutor.MapElement @Nullable [] staged =
        n == 0
            ? null
            : executor.stageMap(
                task, elements, URI.create(paths.outputPrefix() + "/map" + maps.incrementAndGet()));
    Lanes<I, O> lanes = new Lanes<>(task, elements, futures, staged);
    int count = Math.min(limit, n);
    for (int k = 0; k < count; k++) {
      try {
        executor.start(lanes);
      } catch (RuntimeException e) { // the pool refused: the lanes started so far run them all
        if (k == 0) {
          lanes.stop(e);
        }
        break;
      }
    }
    boolean suspended = executor.permits().suspend();
    try {
      for (CompletableFuture<O> f : futures) {
        try {
          f.get(); // interruptible, unlike the join in collect: a timeout or abort ends the wait
        } catch (java.util.concurrent.ExecutionException | CancellationException e) {
          // collected below
        }
      }
      return MapResult.collect(task.name(), futures, options.minSuccessRatio());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lanes.stop(new CancellationException("interrupted while mapping " + task.name()));
      throw new CancellationException("interrupted while mapping " + task.name());
    } finally {
      executor.permits().resume(suspended);
    }
  }

  /** The shared queue of a map's elements; each lane runs until it is empty or stopped. */
  private final class Lanes<I, O> implements Runnable {
    private final Task<I, O> task;
    private final List<? extends I> inputs;
    private final List<CompletableFuture<O>> futures;
    private final LocalExecutor.MapElement @Nullable [] staged;
    private final @Nullable String group;
    private int next;
    private boolean stopped;

    Lanes(
        Task<I, O> task,
        List<? extends I> inputs,
        List<CompletableFuture<O>> futures,
        LocalExecutor.MapElement @Nullable [] staged) {
      this.task = task;
      this.inputs = inputs;
      this.futures = futures;
      this.staged = staged;
      this.group = group();
    }

    @Override
    public void run() {
      while (true) {
        int i;
        Action action;
        synchronized (this) { // elements are named in input order
          if (stopped || next == inputs.size()) {
            return;
          }
          if (run.aborted()) {
            stop(new CancellationException("the run was aborted"));
            return;
          }
          i = next++;
          try {
            action = executor.prepare(run, task, parent, group);
          } catch (RuntimeException e) { // a listener threw: this element fails, the lane goes on
            futures.get(i).completeExceptionally(e);
            continue;
          }
        }
        @SuppressWarnings("unchecked")
        var future = (dev.ferry.executor.internal.ChildFuture<O>) futures.get(i);
        executor.runPrepared(
            run, task, inputs.get(i), action, future, staged == null ? null : staged[i]);
      }
    }

    /** Fails the elements no lane has taken yet with {@code cause}; running ones go on. */
    synchronized void stop(Throwable cause) {
      stopped = true;
      for (int i = next; i < inputs.size(); i++) {
        futures.get(i).completeExceptionally(cause);
      }
      next = inputs.size();
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
