package dev.ferry.sdk;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A named way to launch a task: fixed inputs (a launch cannot change them), default inputs (a
 * launch may), an optional schedule, labels, annotations and a parallelism limit. Locally a launch
 * plan runs its entry point with its inputs; the schedule is data for the cluster.
 *
 * <pre>{@code
 * LaunchPlan<Params, Double> nightly = LaunchPlan.builder("nightly", train)
 *     .fixedInput("epochs", 10L).defaultInput("rate", 0.01)
 *     .schedule(Schedule.cron("0 3 * * *")).label("team", "ml").build();
 * }</pre>
 *
 * @param <I> the entry point's input
 * @param <O> the entry point's output
 */
public final class LaunchPlan<I, O> {
  private final String name;
  private final Task<I, O> entry;
  private final Map<String, @Nullable Object> fixedInputs;
  private final Map<String, @Nullable Object> defaultInputs;
  private final @Nullable Schedule schedule;
  private final Map<String, String> labels;
  private final Map<String, String> annotations;
  private final int maxParallelism;

  private LaunchPlan(Builder<I, O> b) {
    this.name = b.name;
    this.entry = b.entry;
    this.fixedInputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.fixedInputs));
    this.defaultInputs =
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.defaultInputs));
    this.schedule = b.schedule;
    this.labels = Map.copyOf(b.labels);
    this.annotations = Map.copyOf(b.annotations);
    this.maxParallelism = b.maxParallelism;
  }

  /** Returns a builder for a launch plan of {@code entry}. */
  public static <I, O> Builder<I, O> builder(String name, Task<I, O> entry) {
    return new Builder<>(name, entry);
  }

  /** Returns the name. */
  public String name() {
    return name;
  }

  /** Returns the entry point. */
  public Task<I, O> entry() {
    return entry;
  }

  /** Returns the fixed inputs by name. */
  public Map<String, @Nullable Object> fixedInputs() {
    return fixedInputs;
  }

  /** Returns the default inputs by name. */
  public Map<String, @Nullable Object> defaultInputs() {
    return defaultInputs;
  }

  /** Returns the schedule. */
  public Optional<Schedule> schedule() {
    return Optional.ofNullable(schedule);
  }

  /** Returns the labels. */
  public Map<String, String> labels() {
    return labels;
  }

  /** Returns the annotations. */
  public Map<String, String> annotations() {
    return annotations;
  }

  /** Returns the most actions running at once (0: no limit). */
  public int maxParallelism() {
    return maxParallelism;
  }

  /**
   * Returns the entry point's input built from the defaults, the fixed inputs and {@code given}
   * (which may override defaults but not fixed inputs).
   *
   * @throws IllegalArgumentException if {@code given} names a fixed or unknown input, or an input
   *     has no value
   */
  @SuppressWarnings("unchecked")
  public @Nullable I input(Map<String, ?> given) {
    Set<String> names = inputNames(entry);
    Map<String, @Nullable Object> values = new LinkedHashMap<>(defaultInputs);
    for (Map.Entry<String, ?> e : given.entrySet()) {
      if (fixedInputs.containsKey(e.getKey())) {
        throw new IllegalArgumentException(
            "launch plan " + name + ": input '" + e.getKey() + "' is fixed and cannot be given");
      }
      if (!names.contains(e.getKey())) {
        throw unknown(name, entry, "input", e.getKey(), names);
      }
      values.put(e.getKey(), e.getValue());
    }
    values.putAll(fixedInputs);
    switch (entry.inputKind()) {
      case NONE:
        return null;
      case SINGLE:
        return (I) require(values, entry.inputName());
      default:
        Class<?> record = entry.inputType().rawType();
        RecordComponent[] rcs = record.getRecordComponents();
        Object[] args = new Object[rcs.length];
        Class<?>[] types = new Class<?>[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
          args[i] = require(values, variableName(rcs[i]));
          types[i] = rcs[i].getType();
        }
        try {
          var ctor = record.getDeclaredConstructor(types);
          ctor.setAccessible(true);
          return (I) ctor.newInstance(args);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "launch plan " + name + ": cannot build " + record.getName() + " from " + values, e);
        }
    }
  }

  private @Nullable Object require(Map<String, @Nullable Object> values, String input) {
    if (!values.containsKey(input)) {
      throw new IllegalArgumentException(
          "launch plan " + name + ": input '" + input + "' has no value (give it or a default)");
    }
    return values.get(input);
  }

  static String variableName(RecordComponent rc) {
    dev.ferry.transformers.FieldName rename =
        rc.getAnnotation(dev.ferry.transformers.FieldName.class);
    return rename != null ? rename.value() : rc.getName();
  }

  static Set<String> inputNames(Task<?, ?> task) {
    Set<String> names = new LinkedHashSet<>();
    switch (task.inputKind()) {
      case SINGLE -> names.add(task.inputName());
      case RECORD -> {
        for (RecordComponent rc : task.inputType().rawType().getRecordComponents()) {
          names.add(variableName(rc));
        }
      }
      default -> {}
    }
    return names;
  }

  private static IllegalArgumentException unknown(
      String plan, Task<?, ?> entry, String what, String input, Set<String> names) {
    return new IllegalArgumentException(
        "launch plan "
            + plan
            + ": "
            + what
            + " '"
            + input
            + "' is not an input of "
            + entry.name()
            + ", whose inputs are "
            + names);
  }

  @Override
  public String toString() {
    return "LaunchPlan{" + name + " -> " + entry.name() + "}";
  }

  /** Builds a {@link LaunchPlan}, checking input names against the entry point. */
  public static final class Builder<I, O> {
    private final String name;
    private final Task<I, O> entry;
    private final Set<String> names;
    private final Map<String, @Nullable Object> fixedInputs = new LinkedHashMap<>();
    private final Map<String, @Nullable Object> defaultInputs = new LinkedHashMap<>();
    private @Nullable Schedule schedule;
    private final Map<String, String> labels = new TreeMap<>();
    private final Map<String, String> annotations = new TreeMap<>();
    private int maxParallelism;

    private Builder(String name, Task<I, O> entry) {
      this.name = Quantities.require("launch plan name", name);
      this.entry = Objects.requireNonNull(entry, "entry");
      this.names = inputNames(entry);
    }

    /** Fixes input {@code input} to {@code value}. */
    public Builder<I, O> fixedInput(String input, @Nullable Object value) {
      if (!names.contains(input)) {
        throw unknown(name, entry, "fixed input", input, names);
      }
      fixedInputs.put(input, value);
      return this;
    }

    /** Gives input {@code input} the default {@code value}. */
    public Builder<I, O> defaultInput(String input, @Nullable Object value) {
      if (!names.contains(input)) {
        throw unknown(name, entry, "default input", input, names);
      }
      defaultInputs.put(input, value);
      return this;
    }

    /** Sets the schedule. */
    public Builder<I, O> schedule(Schedule schedule) {
      this.schedule = Objects.requireNonNull(schedule, "schedule");
      return this;
    }

    /** Adds a label. */
    public Builder<I, O> label(String key, String value) {
      labels.put(Quantities.require("label key", key), Objects.requireNonNull(value));
      return this;
    }

    /** Adds an annotation. */
    public Builder<I, O> annotation(String key, String value) {
      annotations.put(Quantities.require("annotation key", key), Objects.requireNonNull(value));
      return this;
    }

    /** Sets the most actions running at once. */
    public Builder<I, O> maxParallelism(int maxParallelism) {
      if (maxParallelism < 0) {
        throw new IllegalArgumentException(
            "max parallelism must be at least 0 but was '" + maxParallelism + "'");
      }
      this.maxParallelism = maxParallelism;
      return this;
    }

    /** Returns the launch plan. */
    public LaunchPlan<I, O> build() {
      return new LaunchPlan<>(this);
    }
  }
}
