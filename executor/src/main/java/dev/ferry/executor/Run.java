package dev.ferry.executor;

import dev.ferry.blob.BlobStores;
import dev.ferry.executor.internal.Blobs;
import dev.ferry.idl.core.ContainerError;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.sdk.ActionFailedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One run of a task on the local executor: its actions (the root {@code a0} and every child), their
 * attempts, phases, timings and documents, and the root's output. Returned by {@link
 * LocalExecutor#start} while it runs; {@link #await} blocks until it ends, {@link #abort} cancels
 * it and its running children.
 *
 * @param <O> the root task's output
 */
public final class Run<O> {
  private final String name;
  private final URI directory;
  private final BlobStores stores;
  private final Map<String, Action> actions = new LinkedHashMap<>();
  private final AtomicInteger nextAction = new AtomicInteger();
  private final Set<Thread> running = new HashSet<>();
  private int active; // actions launched and not yet finished, guarded by running
  private @Nullable Runnable whenIdle; // guarded by running
  private final Instant start = Instant.now();
  private final CompletableFuture<@Nullable O> result = new CompletableFuture<>();
  private volatile boolean aborted;
  private volatile @Nullable Instant end;
  private volatile @Nullable URI report;

  Run(String name, URI directory, BlobStores stores) {
    this.name = name;
    this.directory = directory;
    this.stores = stores;
  }

  /** Returns the run's name. */
  public String name() {
    return name;
  }

  /** Returns the directory its documents are under, {@code <root>/<name>}. */
  public URI directory() {
    return directory;
  }

  /** Returns when it started. */
  public Instant start() {
    return start;
  }

  /** Returns when it ended. */
  public Optional<Instant> end() {
    return Optional.ofNullable(end);
  }

  /** Returns the phase: the root action's. */
  public Phase phase() {
    Action root = rootAction();
    return root == null ? Phase.QUEUED : root.phase();
  }

  /** Returns every action, in the order they were started. */
  public synchronized List<Action> actions() {
    return new ArrayList<>(actions.values());
  }

  /** Returns the action named {@code name}, or throws naming the actions there are. */
  public synchronized Action action(String name) {
    Action a = actions.get(name);
    if (a == null) {
      throw new IllegalArgumentException(
          "run " + this.name + " has no action '" + name + "': it has " + actions.keySet());
    }
    return a;
  }

  /** Returns the actions of task {@code taskName}, in start order. */
  public synchronized List<Action> actionsOf(String taskName) {
    List<Action> out = new ArrayList<>();
    for (Action a : actions.values()) {
      if (a.taskName().equals(taskName)) {
        out.add(a);
      }
    }
    return out;
  }

  /** Returns the root action, or null before it started. */
  public synchronized @Nullable Action rootAction() {
    return actions.get("a0");
  }

  /** Blocks until the run ends; returns this run. */
  public Run<O> await() {
    try {
      result.handle((v, e) -> null).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for run " + name);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /** Blocks until the run ends or {@code timeout} passes; returns true if it ended. */
  public boolean await(Duration timeout) throws InterruptedException {
    try {
      result.handle((v, e) -> null).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns true once the run ended. */
  public boolean isDone() {
    return result.isDone() && end != null;
  }

  /**
   * Returns the root task's output, waiting for the run (null only for a task without outputs,
   * {@code Void}).
   *
   * @throws ActionFailedException if the run failed, naming the action and its error
   */
  public O output() {
    await();
    try {
      return succeeded(result.join());
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** Returns the root action's {@code outputs.pb} as literals, waiting for the run. */
  public LiteralMap outputs() {
    await();
    Action root = rootAction();
    if (root == null || root.phase() != Phase.SUCCEEDED) {
      throw new IllegalStateException("run " + name + " has no outputs: it " + phase());
    }
    URI uri = root.lastAttempt().orElseThrow().outputsUri();
    try {
      return LiteralMap.parseFrom(Blobs.read(stores, uri));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + uri, e);
    }
  }

  /** Returns the error of the root action's last attempt, if it failed. */
  public Optional<ContainerError> error() {
    Action root = rootAction();
    return root == null ? Optional.empty() : root.lastAttempt().flatMap(ActionAttempt::error);
  }

  /** Returns the run's HTML report, once written. */
  public Optional<URI> report() {
    return Optional.ofNullable(report);
  }

  /** Cancels the run: running actions are interrupted, queued ones never start. */
  public void abort() {
    aborted = true;
    synchronized (running) {
      for (Thread t : running) {
        t.interrupt();
      }
    }
  }

  /** Returns true if {@link #abort} was called. */
  public boolean aborted() {
    return aborted;
  }

  String nextActionName() {
    return "a" + nextAction.getAndIncrement();
  }

  synchronized void register(Action action) {
    actions.put(action.name(), action);
  }

  void enter(Thread t) {
    synchronized (running) {
      running.add(t);
      if (aborted) {
        t.interrupt();
      }
    }
  }

  void leave(Thread t) {
    synchronized (running) {
      running.remove(t);
      Thread.interrupted(); // an abort aimed at this run does not follow the thread elsewhere
    }
  }

  /** Counts an action as launched; {@link #actionEnded} is called once it has finished. */
  void actionLaunched() {
    synchronized (running) {
      active++;
    }
  }

  /** Counts an action as finished, and runs the idle callback if it was the last one. */
  void actionEnded() {
    Runnable idle = null;
    synchronized (running) {
      active--;
      if (active == 0 && whenIdle != null) {
        idle = whenIdle;
        whenIdle = null;
      }
    }
    if (idle != null) {
      idle.run();
    }
  }

  /**
   * Runs {@code callback} once no action of this run is queued or running: the run ends only after
   * its last action has recorded its phase (an aborted child included).
   */
  void whenIdle(Runnable callback) {
    synchronized (running) {
      if (active > 0) {
        whenIdle = callback;
        return;
      }
    }
    callback.run();
  }

  CompletableFuture<@Nullable O> result() {
    return result;
  }

  void ended(@Nullable URI reportUri) {
    report = reportUri;
    end = Instant.now();
  }

  @Override
  public String toString() {
    return "Run{" + name + ", " + phase() + ", " + directory + "}";
  }

  // The output of a succeeded run is null only when O is Void, which no caller dereferences; the
  // declared type says "no null" to callers of tasks with outputs, as the engine guarantees.
  @SuppressWarnings("NullAway")
  private static <O> O succeeded(@Nullable O value) {
    return value;
  }
}
