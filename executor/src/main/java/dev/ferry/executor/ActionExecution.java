package dev.ferry.executor;

import dev.ferry.blob.BlobStores;
import dev.ferry.blob.WriteOptions;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.OffloadPolicy;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeEngine;
import dev.ferry.executor.internal.Blobs;
import dev.ferry.executor.internal.LiteralMaps;
import dev.ferry.idl.core.ContainerError;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskContext;
import dev.ferry.sdk.spi.ActionController;
import dev.ferry.sdk.spi.Contexts;
import dev.ferry.transformers.blob.DataPlane;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt of one action, as a Flyte pod does: read {@code inputs.pb}, resolve secrets, run
 * the task body, write {@code outputs.pb} (an empty {@code LiteralMap} when the task has no
 * outputs) or {@code error.pb} under the output prefix, raw data under the raw-output prefix. Every
 * value goes through the type engine's streaming path. The local executor calls it for each
 * attempt; a container entrypoint ({@code ferry execute}) calls exactly it with the paths the
 * backend substitutes.
 *
 * <pre>{@code
 * ActionExecution exec = new ActionExecution(engine, stores, OffloadPolicy.DEFAULT, downloads,
 *     new SecretResolver(System.getenv(), secretsDir), TaskContext.Mode.CLUSTER, timer);
 * Outcome outcome = exec.execute(task, paths, new Attempt("run", "a0", 0), null, null);
 * }</pre>
 *
 * <p>Failures are recorded, not thrown (the pod contract's exit 0); only a failure to write {@code
 * error.pb} itself is thrown.
 */
public final class ActionExecution {
  private static final Logger LOG = LoggerFactory.getLogger(ActionExecution.class);

  private final TypeEngine engine;
  private final BlobStores stores;
  private final OffloadPolicy offloadPolicy;
  private final Path downloads;
  private final SecretResolver secrets;
  private final TaskContext.Mode mode;
  private final ScheduledExecutorService timer;
  private final WriteOptions documents;
  private final OffloadPlacement placement;

  /** Where offloaded outputs are written. */
  public enum OffloadPlacement {
    /** Under the raw-output prefix, a fresh name each (the local executor's layout). */
    RAW_PREFIX,
    /**
     * Beside {@code outputs.pb}: {@code <output prefix>/<name>_offloaded_metadata.pb}, as a Flyte
     * pod writes them ({@link ActionPaths#offloaded}).
     */
    OUTPUT_PREFIX
  }

  /** Who runs: the run, the action and the attempt number. */
  public record Attempt(String runName, String actionName, int number) {}

  /**
   * How an attempt ended: its phase, its error (null on success), its report HTML and, for a small
   * {@code outputs.pb}, the bytes written there (null when the outputs were larger than {@link
   * #KEEP_DOCUMENT_BYTES} or there are none: read the document). Equality compares the {@code
   * outputs} array by reference.
   */
  public record Outcome(
      Phase phase, @Nullable ContainerError error, String report, byte @Nullable [] outputs) {
    /** An outcome without kept output bytes. */
    public Outcome(Phase phase, @Nullable ContainerError error, String report) {
      this(phase, error, report, null);
    }

    /** Returns true if the attempt wrote outputs. */
    public boolean succeeded() {
      return phase == Phase.SUCCEEDED;
    }
  }

  /** Returns an execution over the given engine, stores and settings. */
  public ActionExecution(
      TypeEngine engine,
      BlobStores stores,
      OffloadPolicy offloadPolicy,
      Path downloads,
      SecretResolver secrets,
      TaskContext.Mode mode,
      ScheduledExecutorService timer) {
    this(
        engine,
        stores,
        offloadPolicy,
        downloads,
        secrets,
        mode,
        timer,
        WriteOptions.defaults(),
        OffloadPlacement.RAW_PREFIX);
  }

  /**
   * Returns an execution over the given engine, stores and settings, offloading outputs as {@code
   * placement} says.
   */
  public ActionExecution(
      TypeEngine engine,
      BlobStores stores,
      OffloadPolicy offloadPolicy,
      Path downloads,
      SecretResolver secrets,
      TaskContext.Mode mode,
      ScheduledExecutorService timer,
      OffloadPlacement placement) {
    this(
        engine,
        stores,
        offloadPolicy,
        downloads,
        secrets,
        mode,
        timer,
        WriteOptions.defaults(),
        placement);
  }

  /**
   * Returns an execution over the given engine, stores and settings, writing {@code inputs.pb},
   * {@code outputs.pb}, {@code error.pb} and reports with {@code documents} (raw data keeps the
   * stores' defaults) and offloading outputs as {@code placement} says.
   */
  public ActionExecution(
      TypeEngine engine,
      BlobStores stores,
      OffloadPolicy offloadPolicy,
      Path downloads,
      SecretResolver secrets,
      TaskContext.Mode mode,
      ScheduledExecutorService timer,
      WriteOptions documents,
      OffloadPlacement placement) {
    this.documents = Objects.requireNonNull(documents, "documents");
    this.placement = Objects.requireNonNull(placement, "placement");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.stores = Objects.requireNonNull(stores, "stores");
    this.offloadPolicy = Objects.requireNonNull(offloadPolicy, "offloadPolicy");
    this.downloads = Objects.requireNonNull(downloads, "downloads");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.timer = Objects.requireNonNull(timer, "timer");
  }

  /**
   * The largest document (inputs or outputs) whose bytes are kept in memory after the write, so the
   * reader decodes them without opening the object again.
   */
  public static final int KEEP_DOCUMENT_BYTES = 64 * 1024;

  /** Returns the type engine. */
  public TypeEngine engine() {
    return engine;
  }

  /** Returns the options documents are written with. */
  public WriteOptions documentOptions() {
    return documents;
  }

  /** Returns the blob stores. */
  public BlobStores stores() {
    return stores;
  }

  /** Returns a data plane writing raw data under {@code rawPrefix}. */
  public DataPlane plane(java.net.URI rawPrefix) {
    return DataPlane.of(stores, rawPrefix, downloads);
  }

  /**
   * Returns a data plane writing raw data under {@code rawPrefix} and telling {@code uploads} and
   * {@code downloads} of the bytes it moves.
   */
  public DataPlane plane(
      java.net.URI rawPrefix,
      dev.ferry.blob.ProgressListener uploads,
      dev.ferry.blob.ProgressListener downloads) {
    return plane(rawPrefix).withProgress(uploads, downloads);
  }

  /**
   * Runs one attempt of {@code task}.
   *
   * @param controller what child calls go through, or null where tasks cannot call tasks
   * @param maxRuntime the attempt's time limit, or null; over it the thread is interrupted and the
   *     attempt is TIMED_OUT
   * @throws IOException if {@code error.pb} itself could not be written
   */
  public Outcome execute(
      Task<?, ?> task,
      ActionPaths paths,
      Attempt attempt,
      @Nullable ActionController controller,
      @Nullable Duration maxRuntime)
      throws IOException {
    return execute(task, paths, attempt, controller, maxRuntime, Hooks.NONE);
  }

  /**
   * What the embedded executor adds to an attempt: listeners told of the bytes of files,
   * directories and offloaded literals as they move, the bytes of {@code inputs.pb} it has just
   * written (decoded instead of opening the document again; null: read it; for an element of a map
   * document, the element's own {@code LiteralMap}), and a callback run once the task body has
   * returned or thrown, before the outputs are written (the executor gives the body's concurrency
   * slot back there, so document writes do not hold it).
   */
  public record Hooks(
      dev.ferry.blob.ProgressListener uploads,
      dev.ferry.blob.ProgressListener downloads,
      byte @Nullable [] inputs,
      Runnable bodyEnded) {
    /** No listeners, no kept inputs, nothing to run. */
    public static final Hooks NONE =
        new Hooks(
            dev.ferry.blob.ProgressListener.NONE,
            dev.ferry.blob.ProgressListener.NONE,
            null,
            () -> {});

    public Hooks {
      Objects.requireNonNull(uploads, "uploads");
      Objects.requireNonNull(downloads, "downloads");
      Objects.requireNonNull(bodyEnded, "bodyEnded");
    }
  }

  /**
   * Runs one attempt of {@code task} as {@link #execute(Task, ActionPaths, Attempt,
   * ActionController, Duration)} does, with the embedded executor's {@code hooks}.
   *
   * @throws IOException if {@code error.pb} itself could not be written
   */
  public Outcome execute(
      Task<?, ?> task,
      ActionPaths paths,
      Attempt attempt,
      @Nullable ActionController controller,
      @Nullable Duration maxRuntime,
      Hooks hooks)
      throws IOException {
    Map<String, String> secretValues;
    try {
      secretValues = secrets.resolve(task.name(), task.options().secrets());
    } catch (SecretResolver.MissingSecretException e) {
      return fail(
          paths,
          ErrorDocuments.userError("USER:MissingSecret", false, String.valueOf(e.getMessage())),
          "");
    } catch (IOException | RuntimeException e) {
      return fail(paths, ErrorDocuments.fromSystem(e, List.of()), "");
    }
    Collection<String> masked = secretValues.values();
    DataPlane plane = plane(paths.rawOutputPrefix(), hooks.uploads(), hooks.downloads());

    Object input;
    try (InputStream in = Blobs.open(stores, paths.inputs(), hooks.inputs())) {
      TransformContext at = plane.attach(TransformContext.at("inputs"));
      InputStream own = in;
      if (hooks.inputs() == null && paths.inputIndex() >= 0) { // element i of a map's document
        own =
            new java.io.ByteArrayInputStream(
                LiteralMaps.element(in, paths.inputIndex(), paths.inputs().toString(), at));
      }
      input = LiteralMaps.readInput(task, own, paths.inputsWhere(), engine, at);
    } catch (LiteralConversionException | TypeDefinitionException e) {
      return fail(paths, ErrorDocuments.fromUser(e, masked), "");
    } catch (IOException | RuntimeException e) {
      return fail(paths, ErrorDocuments.fromSystem(e, masked), "");
    }

    LocalTaskContext context =
        new LocalTaskContext(task, attempt, paths, stores, mode, secretValues);
    ActionController ctl = controller != null ? controller : NoChildren.INSTANCE;
    Deadline deadline = Deadline.start(timer, maxRuntime);
    Object output;
    Contexts.Scope scope = Contexts.enter(new Contexts.Frame(context, ctl));
    try {
      @SuppressWarnings("unchecked")
      Task<Object, Object> t = (Task<Object, Object>) task;
      output = t.invokeBody(input);
    } catch (Throwable e) {
      hooks.bodyEnded().run();
      if (deadline.finish()) {
        return fail(paths, timeoutError(task, maxRuntime), context.report(), Phase.TIMED_OUT);
      }
      if (e instanceof Error err && !(e instanceof AssertionError)) {
        throw err;
      }
      return fail(paths, ErrorDocuments.fromUser(e, masked), context.report());
    } finally {
      scope.close();
    }
    hooks.bodyEnded().run();
    if (deadline.finish()) {
      return fail(paths, timeoutError(task, maxRuntime), context.report(), Phase.TIMED_OUT);
    }

    byte @Nullable [] outputs;
    try {
      outputs =
          Blobs.writeKeeping(
              stores,
              documents,
              paths.outputs(),
              KEEP_DOCUMENT_BYTES,
              out ->
                  LiteralMaps.write(
                      LiteralMaps.outputs(task, output),
                      out,
                      engine,
                      plane.attach(TransformContext.at("outputs")),
                      offloadPolicy,
                      placement == OffloadPlacement.OUTPUT_PREFIX ? paths::offloaded : null));
    } catch (LiteralConversionException | TypeDefinitionException | IllegalArgumentException e) {
      return fail(paths, ErrorDocuments.fromUser(e, masked), context.report());
    } catch (IOException | RuntimeException e) {
      return fail(paths, ErrorDocuments.fromSystem(e, masked), context.report());
    }
    String report = ErrorDocuments.mask(context.report(), masked);
    writeReport(task, paths, report);
    return new Outcome(Phase.SUCCEEDED, null, report, outputs);
  }

  private ContainerError timeoutError(Task<?, ?> task, @Nullable Duration maxRuntime) {
    return ErrorDocuments.userError(
        ErrorDocuments.TIMEOUT,
        true,
        "task " + task.name() + " ran longer than its max runtime of " + maxRuntime);
  }

  private Outcome fail(ActionPaths paths, ContainerError error, String report) throws IOException {
    return fail(paths, error, report, Phase.FAILED);
  }

  private Outcome fail(ActionPaths paths, ContainerError error, String report, Phase phase)
      throws IOException {
    LOG.debug("attempt at {} failed: {}", paths.outputPrefix(), error.getCode());
    boolean interrupted = Thread.interrupted(); // a file channel would refuse the write
    try {
      Blobs.write(stores, documents, paths.error(), ErrorDocuments.document(error).toByteArray());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return new Outcome(phase, error, report);
  }

  private void writeReport(Task<?, ?> task, ActionPaths paths, String report) {
    if (report.isEmpty() || !task.options().report()) {
      return;
    }
    try {
      Blobs.write(stores, documents, paths.report(), report.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      LOG.warn("could not write the report of {} to {}", task.name(), paths.report(), e);
    }
  }

  /** Interrupts the running thread at a deadline; {@link #finish} says whether it fired. */
  private static final class Deadline {
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int FIRED = 2;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private @Nullable ScheduledFuture<?> future;

    static Deadline start(ScheduledExecutorService timer, @Nullable Duration limit) {
      Deadline d = new Deadline();
      if (limit != null) {
        Thread thread = Thread.currentThread();
        d.future =
            timer.schedule(
                () -> {
                  if (d.state.compareAndSet(RUNNING, FIRED)) {
                    thread.interrupt();
                  }
                },
                limit.toNanos(),
                TimeUnit.NANOSECONDS);
      }
      return d;
    }

    /** Stops the deadline; returns true if it had fired (the interrupt flag is then cleared). */
    boolean finish() {
      if (state.compareAndSet(RUNNING, DONE)) {
        if (future != null) {
          future.cancel(false);
        }
        return false;
      }
      if (state.get() == FIRED) {
        Thread.interrupted();
        return true;
      }
      return false;
    }
  }
}
