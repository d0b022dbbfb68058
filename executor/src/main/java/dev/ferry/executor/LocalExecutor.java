package dev.ferry.executor;

import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.blob.WriteOptions;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.OffloadPolicy;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeEngine;
import dev.ferry.executor.internal.Blobs;
import dev.ferry.executor.internal.ChildFuture;
import dev.ferry.executor.internal.LiteralMaps;
import dev.ferry.executor.internal.Permits;
import dev.ferry.idl.core.ContainerError;
import dev.ferry.idl.core.ExecutionError;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.sdk.ActionFailedException;
import dev.ferry.sdk.Cache;
import dev.ferry.sdk.LaunchPlan;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded executor: runs a task as a run of actions on this JVM, every action exchanging real
 * Flyte documents through a blob store ({@code <root>/<run>/<action>/<attempt>/inputs.pb}, {@code
 * outputs.pb} or {@code error.pb}, raw data under {@code raw/}), with retries, timeouts, the output
 * cache and secrets.
 *
 * <pre>{@code
 * try (LocalExecutor ferry = LocalExecutor.builder().root(Path.of("/tmp/runs")).build()) {
 *   Run<Double> run = ferry.run(train, new Params(10, 0.01));
 *   double score = run.output();
 * }
 * }</pre>
 *
 * <h2>Concurrency</h2>
 *
 * Actions run on their own threads (virtual threads on JDKs that have them, else a cached pool, or
 * the pool given to {@link Builder#threads}); at most {@code maxConcurrency} task bodies run at
 * once. A body waiting for its children (through {@link Task#call}, the futures of {@link
 * Task#submit}, or {@link Task#map}) gives its slot back while it waits, so nested calls never
 * deadlock whatever the bound. A {@link Task#map} runs its elements on lanes: at most its
 * concurrency (without one of its own, {@code max(16, 4 * maxConcurrency)}) threads, each taking
 * the next element and running its action to the end, in input order; aborting the run, or
 * interrupting the mapping body, starts no further element.
 *
 * <h2>Retries</h2>
 *
 * A RECOVERABLE user error (a {@link dev.ferry.sdk.RecoverableException}, a timeout) spends the
 * task's retries, waiting as its {@link dev.ferry.sdk.RetryStrategy} says; a system error (the
 * store, the executor) spends a separate budget ({@link Builder#systemRetries}); a NON_RECOVERABLE
 * error (any other exception) stops at once. Each attempt gets the previous one's checkpoint.
 */
public final class LocalExecutor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalExecutor.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final TypeEngine engine;
  private final BlobStores stores;
  private final boolean ownsStores;
  private final URI root;
  private final @Nullable OutputCache cache;
  private final boolean cacheOverwrite;
  private final Permits permits;
  private final boolean ownsThreads;
  private final ExecutorService threads;
  private final ScheduledExecutorService timer;
  private final ActionExecution execution;
  private final OffloadPolicy offloadPolicy;
  private final int systemRetries;
  private final Duration systemBackoff;
  private final boolean progress;
  private final WriteOptions documents;
  private final @Nullable ProgressListener listener;

  private LocalExecutor(Builder b) throws IOException {
    this.engine = b.engine != null ? b.engine : TypeEngine.createDefault();
    this.ownsStores = b.stores == null;
    this.stores =
        b.stores != null ? b.stores : BlobStores.create(BlobStoreConfig.fromEnvironment());
    Path home = Path.of(System.getProperty("user.home"), ".ferry");
    URI r = b.root != null ? b.root : home.resolve("runs").toUri();
    String rs = r.toString();
    this.root = URI.create(rs.endsWith("/") ? rs.substring(0, rs.length() - 1) : rs);
    Path localBase = home;
    if ("file".equals(root.getScheme())) {
      Path rootPath = Path.of(root);
      Path parent = rootPath.getParent();
      localBase = parent != null ? parent : rootPath;
    }
    Path cacheDir = b.cacheDir != null ? b.cacheDir : localBase.resolve("cache");
    this.cache = b.cacheEnabled ? new OutputCache(cacheDir, b.cacheMemoryBytes) : null;
    this.cacheOverwrite = b.cacheOverwrite;
    this.permits = new Permits(b.maxConcurrency);
    this.ownsThreads = b.threads == null;
    this.threads = b.threads != null ? b.threads : threads();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(daemon("ferry-timer", new AtomicInteger()));
    this.offloadPolicy = b.offloadPolicy;
    this.systemRetries = b.systemRetries;
    this.systemBackoff = b.systemBackoff;
    this.progress = b.progress;
    this.documents = WriteOptions.defaults().withDurable(b.durableDocuments);
    this.listener = b.listener;
    Path downloads = b.downloads != null ? b.downloads : localBase.resolve("downloads");
    Files.createDirectories(downloads);
    this.execution =
        new ActionExecution(
            engine,
            stores,
            offloadPolicy,
            downloads,
            new SecretResolver(b.env, b.secretsDir),
            TaskContext.Mode.LOCAL,
            timer,
            documents,
            ActionExecution.OffloadPlacement.RAW_PREFIX);
  }

  /** Returns a builder with the defaults: runs under {@code ~/.ferry/runs}, cache on. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the root the runs are under. */
  public URI root() {
    return root;
  }

  /** Returns the type engine. */
  public TypeEngine engine() {
    return engine;
  }

  /** Returns the output cache, if caching is on. */
  public @Nullable OutputCache cache() {
    return cache;
  }

  /** Removes every cached output. */
  public void clearCache() throws IOException {
    if (cache != null) {
      cache.clear();
    }
  }

  /** Runs {@code task} on {@code input} and waits for the run to end (failed runs included). */
  public <I, O> Run<O> run(Task<I, O> task, @Nullable I input) {
    return start(task, input).await();
  }

  /** Runs {@code task}, which takes no inputs, and waits for the run to end. */
  public <O> Run<O> run(Task<Void, O> task) {
    return run(task, null);
  }

  /** Runs a launch plan's entry point with its inputs and {@code given}, and waits. */
  public <I, O> Run<O> run(LaunchPlan<I, O> plan, Map<String, ?> given) {
    return run(plan.entry(), plan.input(given));
  }

  /** Starts a run of {@code task} on {@code input} and returns it at once. */
  public <I, O> Run<O> start(Task<I, O> task, @Nullable I input) {
    String name = "r" + RUN_TIME.format(Instant.now()) + "-" + HexFormat.of().formatHex(bytes(3));
    Run<O> run = new Run<>(name, URI.create(root + "/" + name), stores);
    CompletableFuture<O> rootFuture = launch(run, task, input, null, null);
    rootFuture.whenComplete((v, e) -> run.whenIdle(() -> end(run, v, e)));
    return run;
  }

  private <O> void end(Run<O> run, @Nullable O v, @Nullable Throwable e) {
    URI report = null;
    try {
      report = RunReport.write(run, stores);
    } catch (IOException | RuntimeException ex) {
      LOG.warn("could not write the report of run {}", run.name(), ex);
    }
    run.ended(report);
    if (e != null) {
      run.result().completeExceptionally(e);
    } else {
      run.result().complete(v);
    }
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  <I, O> CompletableFuture<O> launch(
      Run<?> run,
      Task<I, O> task,
      @Nullable I input,
      @Nullable Action parent,
      @Nullable String group) {
    ChildFuture<O> future = new ChildFuture<>(permits);
    Action action = prepare(run, task, parent, group);
    try {
      threads.execute(() -> runPrepared(run, task, input, action, future, null));
    } catch (RuntimeException e) {
      run.actionEnded();
      throw e;
    }
    return future;
  }

  /** Returns a future whose waiters give back their permits, as a child's future does. */
  <O> ChildFuture<O> newFuture() {
    return new ChildFuture<>(permits);
  }

  /** Starts {@code lane} on the action threads. */
  void start(Runnable lane) {
    threads.execute(lane);
  }

  /**
   * Names and registers an action of {@code task}, counts it as launched and tells the listener;
   * {@link #runPrepared} then runs it on the calling thread.
   */
  <I, O> Action prepare(
      Run<?> run, Task<I, O> task, @Nullable Action parent, @Nullable String group) {
    Action action =
        new Action(run.nextActionName(), task.name(), parent == null ? null : parent.name(), group);
    run.register(action);
    if (listener != null) {
      listener.started(run, action);
    }
    run.actionLaunched();
    return action;
  }

  /**
   * Runs the prepared {@code action} to its end on this thread, completing {@code future}; with
   * {@code element}, its inputs are that element of a map's document, already written.
   */
  <I, O> void runPrepared(
      Run<?> run,
      Task<I, O> task,
      @Nullable I input,
      Action action,
      ChildFuture<O> future,
      @Nullable MapElement element) {
    Thread self = Thread.currentThread();
    run.enter(self);
    try {
      drive(run, task, input, action, future, element);
    } catch (Throwable t) {
      action.phase(Phase.FAILED);
      future.completeExceptionally(t);
    } finally {
      run.leave(self);
      run.actionEnded();
    }
  }

  /**
   * One element of a map whose inputs went into one document, as the backend gives an {@code
   * ArrayNode}'s subtasks: the document, the element's index and the element's own {@code
   * LiteralMap} (what its action decodes, and its cache key's inputs).
   */
  record MapElement(URI document, int index, byte[] inputs) {}

  /**
   * Writes the inputs of every element of a map of {@code task} as one document, {@code
   * <dir>/inputs.pb} (each variable a collection; files and datasets under {@code <dir>/raw}), and
   * returns each element's place in it; or returns null, writing nothing, when the elements' inputs
   * together pass the offload threshold or one of them cannot be encoded: then each element writes
   * its own {@code inputs.pb} and records its own failure, as a call does.
   */
  <I> MapElement @Nullable [] stageMap(Task<I, ?> task, List<? extends I> inputs, URI dir) {
    URI document = URI.create(dir + "/inputs.pb");
    LiteralMaps.MapInputs encoded;
    try {
      encoded =
          LiteralMaps.encodeMap(
              task,
              inputs,
              engine,
              execution.plane(URI.create(dir + "/raw")).attach(TransformContext.at("inputs")),
              offloadPolicy.minBytes());
      if (encoded == null) {
        return null;
      }
      Blobs.write(stores, documents, document, encoded.document());
    } catch (IOException | RuntimeException e) {
      LOG.debug(
          "map of {}: inputs written one document per element ({})", task.name(), e.toString());
      return null;
    }
    MapElement[] elements = new MapElement[inputs.size()];
    for (int i = 0; i < elements.length; i++) {
      elements[i] = new MapElement(document, i, encoded.elements().get(i));
    }
    return elements;
  }

  private <I, O> void drive(
      Run<?> run,
      Task<I, O> task,
      @Nullable I input,
      Action action,
      ChildFuture<O> future,
      @Nullable MapElement element) {
    URI actionDir = URI.create(run.directory() + "/" + action.name());
    URI previousCheckpoint = null;
    int userRetries = 0;
    int systemUsed = 0;
    for (int n = 0; ; n++) {
      ActionPaths paths = ActionPaths.under(URI.create(actionDir + "/" + n), previousCheckpoint);
      if (element != null) {
        paths = paths.withInputElement(element.document(), element.index());
      }
      ActionAttempt attempt = new ActionAttempt(n, paths);
      action.add(attempt);
      if (run.aborted()) {
        abortAction(run, action, attempt, task, future);
        return;
      }
      action.phase(Phase.RUNNING);
      ActionExecution.Outcome outcome = attempt(run, task, input, action, attempt, element);
      if (run.aborted()) {
        abortAction(run, action, attempt, task, future);
        return;
      }
      if (outcome.succeeded()) {
        O value;
        try (InputStream in = Blobs.open(stores, paths.outputs(), outcome.outputs())) {
          @SuppressWarnings("unchecked")
          O v =
              (O)
                  LiteralMaps.readOutput(
                      task,
                      in,
                      paths.outputs().toString(),
                      engine,
                      execution
                          .plane(paths.rawOutputPrefix())
                          .attach(TransformContext.at("outputs")));
          value = v;
        } catch (IOException | RuntimeException e) {
          action.phase(Phase.FAILED);
          future.completeExceptionally(
              new ActionFailedException(
                  action.name(), task.name(), "FAILED", "SYSTEM", "cannot read outputs: " + e));
          return;
        }
        action.phase(Phase.SUCCEEDED);
        progress(run, action, attempt);
        future.complete(value);
        return;
      }
      ContainerError error = Objects.requireNonNull(outcome.error());
      previousCheckpoint = paths.checkpointPrefix();
      Duration wait = null;
      if (error.getKind() == ContainerError.Kind.RECOVERABLE) {
        if (error.getOrigin() == ExecutionError.ErrorKind.SYSTEM) {
          if (systemUsed < systemRetries) {
            wait = systemBackoff.multipliedBy(1L << Math.min(systemUsed, 10));
            systemUsed++;
          }
        } else if (userRetries < task.options().retries().count()) {
          wait = task.options().retries().delay(userRetries);
          userRetries++;
        }
      }
      if (wait == null) {
        action.phase(outcome.phase());
        progress(run, action, attempt);
        future.completeExceptionally(
            new ActionFailedException(
                action.name(), task.name(), outcome.phase().name(), error.getCode(), text(error)));
        return;
      }
      LOG.debug(
          "action {} ({}) attempt {} failed with {}, retrying in {}",
          action.name(),
          task.name(),
          n,
          error.getCode(),
          wait);
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        // the abort check at the top of the loop records it
      }
    }
  }

  private ActionExecution.Outcome attempt(
      Run<?> run,
      Task<?, ?> task,
      @Nullable Object input,
      Action action,
      ActionAttempt attempt,
      @Nullable MapElement element) {
    ActionPaths paths = attempt.paths();
    dev.ferry.blob.ProgressListener uploads = transfers(run, action, Transfer.Direction.UPLOAD);
    dev.ferry.blob.ProgressListener downloads = transfers(run, action, Transfer.Direction.DOWNLOAD);
    byte @Nullable [] inputBytes;
    try {
      inputBytes =
          element != null
              ? element.inputs()
              : Blobs.writeKeeping(
                  stores,
                  documents,
                  paths.inputs(),
                  ActionExecution.KEEP_DOCUMENT_BYTES,
                  out ->
                      LiteralMaps.write(
                          LiteralMaps.inputs(task, input),
                          out,
                          engine,
                          execution
                              .plane(paths.rawOutputPrefix(), uploads, downloads)
                              .attach(TransformContext.at("inputs")),
                          offloadPolicy));
    } catch (LiteralConversionException | TypeDefinitionException | IllegalArgumentException e) {
      return recorded(attempt, paths, ErrorDocuments.fromUser(e, java.util.List.of()));
    } catch (IOException | RuntimeException e) {
      return recorded(attempt, paths, ErrorDocuments.fromSystem(e, java.util.List.of()));
    }
    Cache cacheSetting = task.options().cache();
    OutputCache c = cacheSetting.enabled() ? cache : null;
    String key = null;
    boolean claimed = false;
    try {
      if (c != null) {
        LiteralMap inputs = LiteralMap.parseFrom(Blobs.read(stores, paths.inputs(), inputBytes));
        key =
            CacheKeys.key(
                task.name(),
                task.cacheVersion(),
                task.typedInterface(engine),
                cacheSetting.salt(),
                inputs,
                cacheSetting.ignoredInputs());
        while (true) {
          if (!cacheOverwrite) {
            var hit = c.get(key);
            if (hit.isPresent()) {
              Blobs.write(stores, documents, paths.outputs(), hit.get());
              attempt.finished(Phase.SUCCEEDED, null, true, Instant.now());
              return new ActionExecution.Outcome(Phase.SUCCEEDED, null, "", hit.get());
            }
          }
          if (!cacheSetting.serialize()) {
            break;
          }
          CompletableFuture<Void> other = c.claim(key);
          if (other == null) {
            claimed = true;
            if (!cacheOverwrite) { // a caller in another JVM may have filled it while we waited
              var hit = c.get(key);
              if (hit.isPresent()) {
                Blobs.write(stores, documents, paths.outputs(), hit.get());
                attempt.finished(Phase.SUCCEEDED, null, true, Instant.now());
                return new ActionExecution.Outcome(Phase.SUCCEEDED, null, "", hit.get());
              }
            }
            break;
          }
          other.get(); // the first identical call in this JVM runs; then look again
        }
      }
      if (!permits.acquire(task.options().timeout().maxQueued())) {
        ContainerError e =
            ErrorDocuments.userError(
                ErrorDocuments.TIMEOUT,
                true,
                "task "
                    + task.name()
                    + " waited longer than its max queued time of "
                    + task.options().timeout().maxQueued());
        Blobs.write(stores, documents, paths.error(), ErrorDocuments.document(e).toByteArray());
        attempt.finished(Phase.TIMED_OUT, e, false, Instant.now());
        return new ActionExecution.Outcome(Phase.TIMED_OUT, e, "");
      }
      ActionExecution.Outcome outcome;
      attempt.started(Instant.now());
      AtomicBoolean held = new AtomicBoolean(true);
      Runnable release =
          () -> {
            if (held.getAndSet(false)) {
              permits.release(); // after the body: writing its outputs holds no slot
            }
          };
      try {
        outcome =
            execution.execute(
                task,
                paths,
                new ActionExecution.Attempt(run.name(), action.name(), attempt.number()),
                new RunController(this, run, action, paths),
                task.options().timeout().maxRuntime(),
                new ActionExecution.Hooks(uploads, downloads, inputBytes, release));
      } finally {
        release.run();
      }
      attempt.finished(outcome.phase(), outcome.error(), false, Instant.now());
      action.report(outcome.report());
      if (outcome.succeeded() && c != null && key != null) {
        c.put(key, Blobs.read(stores, paths.outputs(), outcome.outputs()));
      }
      return outcome;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return recorded(attempt, paths, ErrorDocuments.fromSystem(e, java.util.List.of()));
    } catch (ExecutionException | IOException | RuntimeException e) {
      return recorded(attempt, paths, ErrorDocuments.fromSystem(e, java.util.List.of()));
    } finally {
      if (claimed && c != null && key != null) {
        try {
          c.release(key);
        } catch (IOException e) {
          LOG.warn("could not release the cache lock of {}", task.name(), e);
        }
      }
    }
  }

  private ActionExecution.Outcome recorded(
      ActionAttempt attempt, ActionPaths paths, ContainerError error) {
    boolean interrupted = Thread.interrupted();
    try {
      Blobs.write(stores, documents, paths.error(), ErrorDocuments.document(error).toByteArray());
    } catch (IOException e) {
      LOG.warn("could not write {}", paths.error(), e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    attempt.finished(Phase.FAILED, error, false, Instant.now());
    return new ActionExecution.Outcome(Phase.FAILED, error, "");
  }

  private void abortAction(
      Run<?> run,
      Action action,
      ActionAttempt attempt,
      Task<?, ?> task,
      CompletableFuture<?> future) {
    if (!attempt.phase().isTerminal() || attempt.phase() != Phase.SUCCEEDED) {
      attempt.finished(Phase.ABORTED, attempt.error().orElse(null), false, Instant.now());
    }
    action.phase(Phase.ABORTED);
    progress(run, action, attempt);
    future.completeExceptionally(
        new ActionFailedException(
            action.name(), task.name(), "ABORTED", "ABORTED", "the run was aborted"));
  }

  /** Returns what tells the listener of {@code action}'s transfers, or NONE without a listener. */
  private dev.ferry.blob.ProgressListener transfers(
      Run<?> run, Action action, Transfer.Direction direction) {
    ProgressListener l = listener;
    if (l == null) {
      return dev.ferry.blob.ProgressListener.NONE;
    }
    return (uri, done, total) -> {
      try {
        l.transferred(run, action, new Transfer(direction, uri, done, total));
      } catch (RuntimeException e) {
        LOG.warn("the progress listener failed on {} of {}", direction, uri, e);
      }
    };
  }

  private void progress(Run<?> run, Action action, ActionAttempt attempt) {
    if (!progress && listener == null && !LOG.isInfoEnabled()) {
      return; // nobody reads the line: a map of 10,000 need not format 10,000 of them
    }
    String line =
        String.format(
            java.util.Locale.ROOT,
            "%s %-4s %-30s %-9s attempt %d %s%s",
            "ferry",
            action.name(),
            action.taskName(),
            action.phase(),
            attempt.number(),
            attempt.duration().map(d -> d.toMillis() + " ms").orElse(""),
            attempt.cacheHit() ? " (cache hit)" : "");
    LOG.info(line);
    if (progress) {
      System.err.println(line);
    }
    if (listener != null) {
      listener.finished(run, action, line);
    }
  }

  static String text(ContainerError error) {
    String m = error.getMessage();
    int i = m.lastIndexOf("Message:\n\n");
    return (i >= 0 ? m.substring(i + "Message:\n\n".length()) : m).strip();
  }

  ExecutorService threads() {
    try {
      return (ExecutorService)
          Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (ReflectiveOperationException e) {
      return Executors.newCachedThreadPool(daemon("ferry-action", new AtomicInteger()));
    }
  }

  private static ThreadFactory daemon(String prefix, AtomicInteger counter) {
    return r -> {
      Thread t = new Thread(r, prefix + "-" + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  Permits permits() {
    return permits;
  }

  /**
   * Stops the threads it made (running actions are interrupted; a pool given to {@link
   * Builder#threads} is left to its owner) and closes the stores it opened.
   */
  @Override
  public void close() {
    if (ownsThreads) {
      threads.shutdownNow();
    }
    timer.shutdownNow();
    try {
      if (ownsThreads) {
        threads.awaitTermination(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownsStores) {
      try {
        stores.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Builds a {@link LocalExecutor}. */
  public static final class Builder {
    private @Nullable TypeEngine engine;
    private @Nullable BlobStores stores;
    private @Nullable URI root;
    private @Nullable Path cacheDir;
    private @Nullable Path downloads;
    private boolean cacheEnabled = true;
    private boolean cacheOverwrite;
    private long cacheMemoryBytes = 16L << 20;
    private int maxConcurrency = Math.max(2, Runtime.getRuntime().availableProcessors());
    private @Nullable Path secretsDir;
    private Map<String, String> env = System.getenv();
    private OffloadPolicy offloadPolicy = OffloadPolicy.DEFAULT;
    private int systemRetries = 3;
    private Duration systemBackoff = Duration.ofMillis(200);
    private boolean progress = System.console() != null;
    private boolean durableDocuments;
    private @Nullable ProgressListener listener;
    private @Nullable ExecutorService threads;

    private Builder() {}

    /**
     * Sets the threads actions run on (default: a virtual thread per action on JDKs that have them,
     * else a cached pool of daemon threads). Every queued or running action, and every parent
     * waiting for its children, holds one, so a bounded pool must be larger than the deepest
     * nesting of calls times the children submitted at once, or runs wait forever. The executor
     * does not shut down a pool it was given.
     */
    public Builder threads(ExecutorService threads) {
      this.threads = Objects.requireNonNull(threads, "threads");
      return this;
    }

    /** Sets the root runs go under: a local directory. */
    public Builder root(Path root) {
      this.root = root.toAbsolutePath().toUri();
      return this;
    }

    /** Sets the root runs go under: any store URI ({@code file:}, {@code s3://bucket/prefix}). */
    public Builder root(URI root) {
      this.root = Objects.requireNonNull(root, "root");
      return this;
    }

    /** Sets the type engine (default: {@link TypeEngine#createDefault()}). */
    public Builder engine(TypeEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /** Sets the blob stores (default: the discovered ones, configured from the environment). */
    public Builder stores(BlobStores stores) {
      this.stores = Objects.requireNonNull(stores, "stores");
      return this;
    }

    /** Sets the directory of the output cache (default: {@code cache} beside the run root). */
    public Builder cacheDir(Path cacheDir) {
      this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
      return this;
    }

    /** Turns the output cache on or off for every task. */
    public Builder cache(boolean enabled) {
      this.cacheEnabled = enabled;
      return this;
    }

    /** Makes cached tasks run anyway and replace their cache entries. */
    public Builder cacheOverwrite(boolean overwrite) {
      this.cacheOverwrite = overwrite;
      return this;
    }

    /** Sets how many bytes of cache entries are kept in memory. */
    public Builder cacheMemoryBytes(long bytes) {
      this.cacheMemoryBytes = bytes;
      return this;
    }

    /** Sets the most task bodies running at once. */
    public Builder maxConcurrency(int max) {
      if (max < 1) {
        throw new IllegalArgumentException(
            "max concurrency must be at least 1 but was '" + max + "'");
      }
      this.maxConcurrency = max;
      return this;
    }

    /** Sets the directory secrets are read from ({@code <dir>/<group>/<key>}). */
    public Builder secretsDir(Path dir) {
      this.secretsDir = dir;
      return this;
    }

    /** Sets the environment secrets are read from (default: {@link System#getenv()}). */
    public Builder env(Map<String, String> env) {
      this.env = Map.copyOf(env);
      return this;
    }

    /** Sets the local directory remote files are downloaded into. */
    public Builder downloads(Path dir) {
      this.downloads = dir;
      return this;
    }

    /** Sets when outputs are offloaded (default: above 10 MiB). */
    public Builder offloadPolicy(OffloadPolicy policy) {
      this.offloadPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Sets the retries of system errors per action and the first wait between them. */
    public Builder systemRetries(int retries, Duration backoff) {
      if (retries < 0) {
        throw new IllegalArgumentException(
            "system retries must be at least 0 but was '" + retries + "'");
      }
      this.systemRetries = retries;
      this.systemBackoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /** Prints a progress line per finished action to stderr (default: when on a terminal). */
    public Builder progress(boolean progress) {
      this.progress = progress;
      return this;
    }

    /**
     * Forces every action's documents ({@code inputs.pb}, {@code outputs.pb}, {@code error.pb},
     * reports) to disk before the next step (default: off). Off, a document on a local root is
     * still published atomically, written beside and renamed into place, so nobody reads part of
     * one; what a crash of the machine (not of the JVM) can do is lose the last ones written. On,
     * each document costs two fsyncs (the file and its directory): about a millisecond per action
     * on an ordinary disk. Remote roots ({@code s3://}) are durable either way; files and datasets
     * a task writes are always forced.
     */
    public Builder durableDocuments(boolean durable) {
      this.durableDocuments = durable;
      return this;
    }

    /** Tells {@code listener} of every action started and finished (default: none). */
    public Builder listener(ProgressListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Returns the executor. */
    public LocalExecutor build() {
      try {
        return new LocalExecutor(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot set up the executor's directories", e);
      }
    }
  }
}
