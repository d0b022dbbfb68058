package dev.ferry.cli.execute;

import dev.ferry.engine.OffloadPolicy;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a Flyte task pod's environment and arguments say (CONTAINER.md sections 1 and 2): the
 * execution and task identifiers with the Python SDK's short aliases as fallbacks, the attempt
 * number, literal offloading, the distributed error strategy, and whether an argument is a template
 * the backend left unreplaced.
 *
 * <pre>{@code
 * PodEnvironment pod = new PodEnvironment(System.getenv());
 * int attempt = pod.attemptNumber();
 * }</pre>
 */
public final class PodEnvironment {
  /** A template variable such as {@code {{.input}}} or {@code {{ $rawOutputDataPrefix }}}. */
  private static final Pattern TEMPLATE =
      Pattern.compile("\\{\\{\\s*[.$]?[A-Za-z_][A-Za-z0-9_.]*\\s*}}", Pattern.CASE_INSENSITIVE);

  private final Map<String, String> env;

  /** Returns a view of {@code env} (the process environment in a pod). */
  public PodEnvironment(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** Returns the environment this view reads. */
  public Map<String, String> env() {
    return env;
  }

  /** Returns true if {@code arg} is a template variable the backend did not replace. */
  public static boolean isTemplate(String arg) {
    return TEMPLATE.matcher(arg.trim()).matches();
  }

  /**
   * Returns the previous checkpoint prefix, or empty for the backend's "none": the two characters
   * {@code ""}, an empty value or the unreplaced template.
   */
  public static Optional<String> previousCheckpoint(@Nullable String arg) {
    if (arg == null) {
      return Optional.empty();
    }
    String v = arg.trim();
    if (v.isEmpty() || v.equals("\"\"") || v.equals("''") || isTemplate(v)) {
      return Optional.empty();
    }
    return Optional.of(v);
  }

  /** Returns the first of {@code names} that is set and non-empty. */
  public Optional<String> get(String... names) {
    for (String n : names) {
      String v = env.get(n);
      if (v != null && !v.isEmpty()) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** Returns the execution name ({@code FLYTE_INTERNAL_EXECUTION_ID}, alias {@code _F_NM}). */
  public Optional<String> executionId() {
    return get("FLYTE_INTERNAL_EXECUTION_ID", "_F_NM");
  }

  /** Returns the execution's project ({@code FLYTE_INTERNAL_EXECUTION_PROJECT}, {@code _F_PRJ}). */
  public Optional<String> executionProject() {
    return get("FLYTE_INTERNAL_EXECUTION_PROJECT", "_F_PRJ");
  }

  /** Returns the execution's domain ({@code FLYTE_INTERNAL_EXECUTION_DOMAIN}, {@code _F_DM}). */
  public Optional<String> executionDomain() {
    return get("FLYTE_INTERNAL_EXECUTION_DOMAIN", "_F_DM");
  }

  /** Returns the workflow id ({@code FLYTE_INTERNAL_EXECUTION_WORKFLOW}, {@code _F_WF}). */
  public Optional<String> executionWorkflow() {
    return get("FLYTE_INTERNAL_EXECUTION_WORKFLOW", "_F_WF");
  }

  /** Returns the task's name ({@code FLYTE_INTERNAL_TASK_NAME}, {@code _F_TK_NM}). */
  public Optional<String> taskName() {
    return get("FLYTE_INTERNAL_TASK_NAME", "_F_TK_NM");
  }

  /** Returns the task's project ({@code FLYTE_INTERNAL_TASK_PROJECT}, {@code _F_TK_PRJ}). */
  public Optional<String> taskProject() {
    return get("FLYTE_INTERNAL_TASK_PROJECT", "_F_TK_PRJ");
  }

  /** Returns the task's domain ({@code FLYTE_INTERNAL_TASK_DOMAIN}, {@code _F_TK_DM}). */
  public Optional<String> taskDomain() {
    return get("FLYTE_INTERNAL_TASK_DOMAIN", "_F_TK_DM");
  }

  /** Returns the task's version ({@code FLYTE_INTERNAL_TASK_VERSION}, {@code _F_TK_V}). */
  public Optional<String> taskVersion() {
    return get("FLYTE_INTERNAL_TASK_VERSION", "_F_TK_V");
  }

  /**
   * Returns the attempt number ({@code FLYTE_ATTEMPT_NUMBER}, 0 when unset).
   *
   * @throws IllegalArgumentException naming the variable if it is not a whole number
   */
  public int attemptNumber() {
    String v = get("FLYTE_ATTEMPT_NUMBER").orElse("0").trim();
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "FLYTE_ATTEMPT_NUMBER must be a whole number, was '" + v + "'", e);
    }
  }

  /**
   * Returns the index of this pod's element when it runs a subtask of an {@code ArrayNode}: the
   * backend names the variable holding it in {@code BATCH_JOB_ARRAY_INDEX_VAR_NAME} (it sets {@code
   * FLYTE_K8S_ARRAY_INDEX}), plus {@code BATCH_JOB_ARRAY_INDEX_OFFSET} when set; empty when the pod
   * is not an array element. The {@code --inputs} document then holds every element's inputs, each
   * variable a collection.
   *
   * @throws IllegalArgumentException naming the variable if it is missing or not a whole number
   */
  public OptionalInt arrayIndex() {
    Optional<String> var = get("BATCH_JOB_ARRAY_INDEX_VAR_NAME").map(String::trim);
    if (var.isEmpty() || var.get().isEmpty()) {
      return OptionalInt.empty();
    }
    String name = var.get();
    String value =
        get(name)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "BATCH_JOB_ARRAY_INDEX_VAR_NAME names "
                            + name
                            + ", which is not set: expected this element's index"));
    int index =
        whole(name, value)
            + whole(
                "BATCH_JOB_ARRAY_INDEX_OFFSET", get("BATCH_JOB_ARRAY_INDEX_OFFSET").orElse("0"));
    if (index < 0) {
      throw new IllegalArgumentException(
          name + " (plus BATCH_JOB_ARRAY_INDEX_OFFSET) must be at least 0, was " + index);
    }
    return OptionalInt.of(index);
  }

  private static int whole(String name, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a whole number, was '" + value.trim() + "'", e);
    }
  }

  /**
   * Returns the offloading policy: off (nothing offloaded, nothing refused) unless {@code
   * _F_L_MIN_SIZE_MB} is set; then literals of at least min MiB are offloaded and literals of at
   * least max MiB ({@code _F_L_MAX_SIZE_MB}, default 1000) refused.
   */
  public OffloadPolicy offloadPolicy() {
    Optional<String> min = get("_F_L_MIN_SIZE_MB");
    if (min.isEmpty() || min.get().isBlank()) {
      return new OffloadPolicy(Long.MAX_VALUE, Long.MAX_VALUE);
    }
    OffloadPolicy p = OffloadPolicy.fromEnvironment(env);
    // OffloadPolicy compares with "greater than"; the contract says "at least".
    long minBytes = Math.max(0, p.minBytes() - 1);
    long maxBytes = Math.max(minBytes, p.maxBytes() - 1);
    return new OffloadPolicy(minBytes, maxBytes);
  }

  /** Returns true if offloading is on ({@code _F_L_MIN_SIZE_MB} set). */
  public boolean offloading() {
    return get("_F_L_MIN_SIZE_MB").isPresent();
  }

  /** Returns the distributed error strategy ({@code _F_DES}), if set. */
  public Optional<String> distributedErrorStrategy() {
    return get("_F_DES");
  }

  /** Returns the worker name ({@code _F_WN}), if set. */
  public Optional<String> workerName() {
    return get("_F_WN");
  }

  /** Returns true if {@code FLYTE_FAIL_ON_ERROR} is {@code true}. */
  public boolean failOnError() {
    return get("FLYTE_FAIL_ON_ERROR")
        .map(v -> v.trim().toLowerCase(Locale.ROOT))
        .orElse("")
        .equals("true");
  }
}
