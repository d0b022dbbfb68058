package dev.ferry.cli.execute;

import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.blob.WriteOptions;
import dev.ferry.cli.CliException;
import dev.ferry.cli.ExitCodes;
import dev.ferry.cli.catalog.Catalog;
import dev.ferry.engine.OffloadPolicy;
import dev.ferry.engine.TypeEngine;
import dev.ferry.executor.ActionExecution;
import dev.ferry.executor.ActionPaths;
import dev.ferry.executor.ErrorDocuments;
import dev.ferry.executor.LocalExecutor;
import dev.ferry.executor.SecretResolver;
import dev.ferry.idl.core.ContainerError;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry execute}: the entrypoint of a Flyte 1 task pod (CONTAINER.md sections 1-3). The
 * backend replaces the template variables in the arguments {@code ferry package} registered:
 *
 * <pre>
 * ferry execute --inputs {{.input}} --output-prefix {{.outputPrefix}}
 *   --raw-output-data-prefix {{.rawOutputDataPrefix}} --checkpoint-path {{.checkpointOutputPrefix}}
 *   --prev-checkpoint {{.prevCheckpointPrefix}} --task com.acme.Tasks#TRAIN
 * </pre>
 *
 * <p>It loads the task without a classpath scan, runs one attempt in mode {@code CLUSTER} (child
 * actions run on the embedded executor under {@code <raw prefix>/children}), writes raw data, then
 * {@code outputs.pb} (offloaded outputs as {@code <name>_offloaded_metadata.pb}) or {@code
 * error.pb}, and the report as {@code deck.html}. It exits 0 whenever the outcome was recorded.
 */
@Command(
    name = "execute",
    mixinStandardHelpOptions = true,
    description = {
      "Run one attempt of a task inside a Flyte task pod (the container entrypoint).",
      "Writes outputs.pb or error.pb under the output prefix and exits 0 in both cases;"
          + " non-zero only when nothing could be recorded, or when FLYTE_FAIL_ON_ERROR=true"
          + " and the task failed.",
      "Environment: FLYTE_INTERNAL_EXECUTION_*, FLYTE_INTERNAL_TASK_*, FLYTE_ATTEMPT_NUMBER (and"
          + " the _F_* aliases), _F_L_MIN_SIZE_MB/_F_L_MAX_SIZE_MB (offloading), _F_DES/_F_WN,"
          + " FLYTE_AWS_ENDPOINT/_ACCESS_KEY_ID/_SECRET_ACCESS_KEY (store),"
          + " FERRY_RAW_OUTPUT_DATA_PREFIX (raw prefix when the backend gave none),"
          + " FLYTE_SECRETS_DEFAULT_DIR (secret files, default /etc/secrets),"
          + " BATCH_JOB_ARRAY_INDEX_VAR_NAME/_OFFSET (with --map-element: the element of"
          + " --inputs to run)."
    })
public final class ExecuteCommand implements Callable<Integer> {
  /** The name of the report file in the output prefix. */
  public static final String DECK = "deck.html";

  @Spec CommandSpec spec;

  @Option(
      names = "--inputs",
      required = true,
      paramLabel = "URI",
      description = "URI of inputs.pb (a LiteralMap) - {{.input}}")
  String inputs;

  @Option(
      names = "--output-prefix",
      required = true,
      paramLabel = "URI",
      description = "Where outputs.pb / error.pb / deck.html go - {{.outputPrefix}}")
  String outputPrefix;

  @Option(
      names = "--raw-output-data-prefix",
      paramLabel = "URI",
      description =
          "Where files, directories and datasets go - {{.rawOutputDataPrefix}}; unreplaced or"
              + " absent: FERRY_RAW_OUTPUT_DATA_PREFIX, else <output prefix>/raw")
  String rawOutputDataPrefix;

  @Option(
      names = "--checkpoint-path",
      paramLabel = "URI",
      description =
          "This attempt's checkpoint prefix - {{.checkpointOutputPrefix}}; unreplaced or absent:"
              + " <raw prefix>/_flytecheckpoints")
  String checkpointPath;

  @Option(
      names = "--prev-checkpoint",
      paramLabel = "URI",
      description =
          "The previous attempt's checkpoint prefix - {{.prevCheckpointPrefix}}; \"\", empty or"
              + " unreplaced: none")
  String prevCheckpoint;

  @Option(
      names = "--map-element",
      description =
          "--inputs is an ArrayNode's single input file (data mode SINGLE_INPUT_FILE: each"
              + " variable a collection); run the element whose index the backend gives in the"
              + " variable BATCH_JOB_ARRAY_INDEX_VAR_NAME names (plus BATCH_JOB_ARRAY_INDEX_OFFSET)."
              + " Without it the index variables are ignored: in INDIVIDUAL_INPUT_FILES mode, the"
              + " one Ferry's workflows register, each element has an inputs.pb of its own.")
  boolean mapElement;

  @Option(
      names = "--task",
      required = true,
      paramLabel = "CLASS#FIELD",
      description = "The task: <class binary name>#<static field> (what ferry package writes)")
  String task;

  @Override
  public Integer call() throws IOException {
    PodEnvironment pod = new PodEnvironment(System.getenv());
    PrintWriter err = spec.commandLine().getErr();
    ActionPaths paths = paths(pod);
    boolean failed;
    try (BlobStores stores = BlobStores.create(BlobStoreConfig.fromEnvironment())) {
      failed = !execute(pod, stores, paths, err);
    }
    err.flush();
    return failed && pod.failOnError() ? ExitCodes.FAILED : ExitCodes.OK;
  }

  private ActionPaths paths(PodEnvironment pod) {
    URI out = uri("--output-prefix", outputPrefix);
    String raw =
        rawOutputDataPrefix == null
                || rawOutputDataPrefix.isBlank()
                || PodEnvironment.isTemplate(rawOutputDataPrefix)
            ? pod.get("FERRY_RAW_OUTPUT_DATA_PREFIX").orElse(trim(out.toString()) + "/raw")
            : rawOutputDataPrefix;
    URI rawUri = uri("--raw-output-data-prefix", raw);
    String ckpt =
        checkpointPath == null
                || checkpointPath.isBlank()
                || PodEnvironment.isTemplate(checkpointPath)
            ? trim(rawUri.toString()) + "/_flytecheckpoints"
            : checkpointPath;
    Optional<String> prev = PodEnvironment.previousCheckpoint(prevCheckpoint);
    return new ActionPaths(
        uri("--inputs", inputs),
        out,
        rawUri,
        uri("--checkpoint-path", ckpt),
        prev.map(p -> uri("--prev-checkpoint", p)).orElse(null));
  }

  private static String trim(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static URI uri(String option, String value) {
    String v = value.trim();
    if (PodEnvironment.isTemplate(v)) {
      throw new CliException(
          option + " is the unreplaced template " + v + ": expected a URI the backend substitutes");
    }
    try {
      URI u = new URI(v);
      if (u.getScheme() == null) {
        return Path.of(v).toAbsolutePath().toUri();
      }
      return u;
    } catch (java.net.URISyntaxException e) {
      throw new CliException(option + ": expected a URI, got '" + v + "' (" + e.getReason() + ")");
    }
  }

  /** Runs the attempt and records it; returns true if it succeeded. */
  private boolean execute(PodEnvironment pod, BlobStores stores, ActionPaths paths, PrintWriter err)
      throws IOException {
    Task<?, ?> t;
    try {
      t = Catalog.resolveTask(Thread.currentThread().getContextClassLoader(), task);
    } catch (RuntimeException | LinkageError e) {
      err.println("ferry execute: " + e.getMessage());
      writeError(
          pod,
          stores,
          paths,
          ErrorDocuments.userError(
              "USER:RuntimeError", false, "cannot load the task: " + e.getMessage()));
      return false;
    }
    String runName = pod.executionId().orElse("local");
    String actionName = pod.taskName().orElse(t.name());
    ActionExecution.Attempt attempt;
    OffloadPolicy policy;
    try {
      attempt = new ActionExecution.Attempt(runName, actionName, pod.attemptNumber());
      policy = pod.offloadPolicy();
      if (mapElement) { // an ArrayNode subtask reading one element of the node's inputs
        OptionalInt element = pod.arrayIndex();
        if (element.isEmpty()) {
          throw new IllegalArgumentException(
              "--map-element needs BATCH_JOB_ARRAY_INDEX_VAR_NAME, which is not set");
        }
        paths = paths.withInputElement(paths.inputs(), element.getAsInt());
      }
    } catch (IllegalArgumentException e) {
      writeError(
          pod,
          stores,
          paths,
          ErrorDocuments.userError("USER:RuntimeError", false, String.valueOf(e.getMessage())));
      return false;
    }
    err.println(
        "ferry execute: task "
            + t.name()
            + " ("
            + task
            + ") attempt "
            + attempt.number()
            + " of execution "
            + runName
            + ", outputs at "
            + paths.outputPrefix());
    err.flush();
    Path downloads = Files.createTempDirectory("ferry-execute-");
    TypeEngine engine = TypeEngine.createDefault();
    Path secretsDir = Path.of(pod.get("FLYTE_SECRETS_DEFAULT_DIR").orElse("/etc/secrets"));
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread th = new Thread(r, "ferry-timer");
              th.setDaemon(true);
              return th;
            });
    URI childrenRoot = URI.create(trim(paths.rawOutputPrefix().toString()) + "/children");
    ActionExecution.Outcome outcome;
    try (PodController children =
        new PodController(
            () ->
                LocalExecutor.builder()
                    .root(childrenRoot)
                    .stores(stores)
                    .engine(engine)
                    .cache(false)
                    .env(pod.env())
                    .secretsDir(secretsDir)
                    .downloads(downloads.resolve("children"))
                    .offloadPolicy(policy)
                    .build())) {
      ActionExecution execution =
          new ActionExecution(
              engine,
              stores,
              policy,
              downloads,
              new SecretResolver(pod.env(), secretsDir),
              TaskContext.Mode.CLUSTER,
              timer,
              ActionExecution.OffloadPlacement.OUTPUT_PREFIX);
      outcome = execution.execute(t, paths, attempt, children, null);
    } finally {
      timer.shutdownNow();
    }
    ContainerError error = outcome.error();
    if (error != null) {
      if (pod.distributedErrorStrategy().isPresent()) {
        stores.forUri(paths.error()).delete(paths.error());
        writeError(pod, stores, paths, error);
      }
      err.println("ferry execute: task " + t.name() + " failed: " + error.getCode());
    }
    if (t.options().report()) {
      writeDeck(stores, paths, outcome.report(), err);
    }
    return error == null;
  }

  private static void writeDeck(
      BlobStores stores, ActionPaths paths, String report, PrintWriter err) {
    if (report.isEmpty()) {
      return;
    }
    URI deck = URI.create(paths.outputPrefix() + "/" + DECK);
    try {
      byte[] html = report.getBytes(StandardCharsets.UTF_8);
      stores
          .forUri(deck)
          .write(
              deck, WriteOptions.defaults().withContentType("text/html"), out -> out.write(html));
      stores.forUri(paths.report()).delete(paths.report());
    } catch (IOException e) {
      err.println("ferry execute: could not write the report to " + deck + ": " + e);
    }
  }

  /**
   * Writes {@code error} as {@code error.pb}, or as {@code error-<random hex>.pb} with the worker
   * name when the distributed error strategy ({@code _F_DES}) is set.
   */
  private static void writeError(
      PodEnvironment pod, BlobStores stores, ActionPaths paths, ContainerError error)
      throws IOException {
    URI target = paths.error();
    ContainerError e = error;
    if (pod.distributedErrorStrategy().isPresent()) {
      byte[] random = new byte[16];
      new SecureRandom().nextBytes(random);
      target =
          URI.create(paths.outputPrefix() + "/error-" + HexFormat.of().formatHex(random) + ".pb");
      e = error.toBuilder().setWorker(pod.workerName().orElse("")).build();
    }
    byte[] bytes = ErrorDocuments.document(e).toByteArray();
    stores.forUri(target).write(target, WriteOptions.defaults(), out -> out.write(bytes));
  }
}
