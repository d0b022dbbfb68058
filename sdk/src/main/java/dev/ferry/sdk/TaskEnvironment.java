package dev.ferry.sdk;

import dev.ferry.engine.TypeRef;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where tasks run: a name, an image, resources, environment variables, secrets, a default cache, a
 * reuse policy, plugin configuration and the environments it depends on. Immutable; {@link
 * #cloneWith} makes variants. Tasks are plain Java functions registered with {@link #task}.
 *
 * <pre>{@code
 * TaskEnvironment env = TaskEnvironment.builder("training")
 *     .image("ghcr.io/acme/train:1.4")
 *     .resources(Resources.builder().cpu("2").memory("4Gi").build())
 *     .secrets(Secret.of("wandb", "api-key"))
 *     .cache(Cache.auto())
 *     .build();
 *
 * record Params(long epochs, double rate) {}
 * static double train(Params p) { ... }
 * Task<Params, Double> train = env.task("train", Trainer::train);             // training.train
 * Task<Params, Double> slow = env.task("train_slow", Trainer::train,
 *     o -> o.retries(RetryStrategy.of(3)).timeout(Timeout.of(Duration.ofMinutes(5))));
 * }</pre>
 */
public final class TaskEnvironment {
  /** The image of an environment that names none. */
  public static final String DEFAULT_IMAGE = "ghcr.io/ferry/ferry-java:latest";

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private final String name;
  private final String image;
  private final Resources resources;
  private final Map<String, String> env;
  private final List<Secret> secrets;
  private final Cache cache;
  private final @Nullable ReusePolicy reuse;
  private final Map<String, String> pluginConfig;
  private final List<TaskEnvironment> dependencies;

  private TaskEnvironment(Builder b) {
    this.name = b.name;
    this.image = b.image;
    this.resources = b.resources;
    this.env = Map.copyOf(b.env);
    this.secrets = List.copyOf(b.secrets);
    this.cache = b.cache;
    this.reuse = b.reuse;
    this.pluginConfig = Map.copyOf(b.pluginConfig);
    this.dependencies = List.copyOf(b.dependencies);
  }

  /** Returns a builder for an environment named {@code name}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Returns an environment named {@code name} with every default. */
  public static TaskEnvironment of(String name) {
    return builder(name).build();
  }

  /** Returns a copy of this environment changed by {@code change}, under a new name. */
  public TaskEnvironment cloneWith(String newName, Consumer<Builder> change) {
    Builder b = toBuilder();
    b.name = checkName(newName);
    change.accept(b);
    return b.build();
  }

  /** Returns a builder holding this environment's values. */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.image = image;
    b.resources = resources;
    b.env.putAll(env);
    b.secrets.addAll(secrets);
    b.cache = cache;
    b.reuse = reuse;
    b.pluginConfig.putAll(pluginConfig);
    b.dependencies.addAll(dependencies);
    return b;
  }

  /** Returns the name. */
  public String name() {
    return name;
  }

  /** Returns the image reference. */
  public String image() {
    return image;
  }

  /** Returns the default resources of its tasks. */
  public Resources resources() {
    return resources;
  }

  /** Returns the environment variables of its tasks. */
  public Map<String, String> env() {
    return env;
  }

  /** Returns the secrets its tasks get. */
  public List<Secret> secrets() {
    return secrets;
  }

  /** Returns the default cache of its tasks. */
  public Cache cache() {
    return cache;
  }

  /** Returns the reuse policy (a no-op locally). */
  public Optional<ReusePolicy> reuse() {
    return Optional.ofNullable(reuse);
  }

  /** Returns the plugin configuration. */
  public Map<String, String> pluginConfig() {
    return pluginConfig;
  }

  /** Returns the environments this one's tasks call into. */
  public List<TaskEnvironment> dependencies() {
    return dependencies;
  }

  /** Returns a task running {@code fn}, its types found from the method reference or lambda. */
  public <I, O> Task<I, O> task(String name, TaskFunction<I, O> fn) {
    return task(name, fn, UnaryOperator.identity());
  }

  /** Returns a task running {@code fn} with options changed by {@code options}. */
  @SuppressWarnings("unchecked")
  public <I, O> Task<I, O> task(
      String name, TaskFunction<I, O> fn, UnaryOperator<TaskOptions.Builder> options) {
    String full = qualified(name);
    TaskSignatures.Signature sig = TaskSignatures.of(full, fn, true);
    TypeRef<I> in = (TypeRef<I>) TaskSignatures.boxed(Objects.requireNonNull(sig.input()));
    TypeRef<O> out = (TypeRef<O>) TaskSignatures.boxed(sig.output());
    return build(
        name,
        in,
        out,
        sig.inputParameterName(),
        sig.inputParameter(),
        sig.implClass(),
        fn,
        options);
  }

  /**
   * Returns a task running {@code fn} with the given types, for functions whose types cannot be
   * inferred (lambdas over generic types, generic methods, classes implementing {@link
   * TaskFunction}).
   */
  public <I, O> Task<I, O> task(
      String name, TypeRef<I> inputType, TypeRef<O> outputType, TaskFunction<I, O> fn) {
    return task(name, inputType, outputType, fn, UnaryOperator.identity());
  }

  /** As {@link #task(String, TypeRef, TypeRef, TaskFunction)}, with options. */
  public <I, O> Task<I, O> task(
      String name,
      TypeRef<I> inputType,
      TypeRef<O> outputType,
      TaskFunction<I, O> fn,
      UnaryOperator<TaskOptions.Builder> options) {
    qualified(name);
    return build(name, inputType, outputType, null, null, implClassOf(fn), fn, options);
  }

  /** Returns a task without inputs running {@code fn}. */
  public <O> Task<Void, O> task(String name, TaskSupplier<O> fn) {
    return task(name, fn, UnaryOperator.identity());
  }

  /** Returns a task without inputs running {@code fn}, with options. */
  @SuppressWarnings("unchecked")
  public <O> Task<Void, O> task(
      String name, TaskSupplier<O> fn, UnaryOperator<TaskOptions.Builder> options) {
    String full = qualified(name);
    TaskSignatures.Signature sig = TaskSignatures.of(full, fn, false);
    TypeRef<O> out = (TypeRef<O>) TaskSignatures.boxed(sig.output());
    TaskFunction<Void, O> body = ignored -> fn.run();
    return build(name, TypeRef.of(Void.class), out, null, null, sig.implClass(), body, options);
  }

  private static Class<?> implClassOf(Object fn) {
    try {
      return TaskSignatures.of("", (java.io.Serializable) fn, true).implClass();
    } catch (IllegalArgumentException e) {
      return fn.getClass();
    }
  }

  // a task function receives null only as the input of a Void-input task, which ignores it
  @SuppressWarnings("NullAway")
  private <I, O> Task<I, O> build(
      String name,
      TypeRef<I> in,
      TypeRef<O> out,
      @Nullable String parameterName,
      @Nullable AnnotatedElement parameter,
      Class<?> implClass,
      TaskFunction<I, O> fn,
      UnaryOperator<TaskOptions.Builder> options) {
    Class<?> raw = in.rawType();
    Task.InputKind kind =
        raw == Void.class || raw == void.class
            ? Task.InputKind.NONE
            : raw.isRecord() ? Task.InputKind.RECORD : Task.InputKind.SINGLE;
    String inputName =
        kind == Task.InputKind.SINGLE ? (parameterName != null ? parameterName : "input") : null;
    TaskOptions defaults =
        TaskOptions.builder()
            .image(image)
            .resources(resources)
            .env(env)
            .secrets(secrets.toArray(new Secret[0]))
            .cache(cache)
            .build();
    @SuppressWarnings("unchecked")
    TaskFunction<Object, Object> body = (TaskFunction<Object, Object>) (TaskFunction<?, ?>) fn;
    return new Task<>(
        this,
        name,
        in,
        out,
        kind,
        inputName,
        kind == Task.InputKind.SINGLE ? parameter : null,
        implClass,
        body::run,
        options.apply(defaults.toBuilder()).build());
  }

  private String qualified(String task) {
    if (task == null || !NAME.matcher(task).matches()) {
      throw new IllegalArgumentException(
          "task name must start with a letter or '_' and hold letters, digits, '_' or '-' but was '"
              + task
              + "'");
    }
    return name + "." + task;
  }

  private static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "environment name must start with a letter or '_' and hold letters, digits, '_' or '-'"
              + " but was '"
              + name
              + "'");
    }
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TaskEnvironment e
        && e.name.equals(name)
        && e.image.equals(image)
        && e.resources.equals(resources)
        && e.env.equals(env)
        && e.secrets.equals(secrets)
        && e.cache.equals(cache)
        && Objects.equals(e.reuse, reuse)
        && e.pluginConfig.equals(pluginConfig)
        && e.dependencies.equals(dependencies);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, image, resources, env, secrets, cache);
  }

  @Override
  public String toString() {
    return "TaskEnvironment{" + name + ", image=" + image + "}";
  }

  /** Builds a {@link TaskEnvironment}; every setter checks its value. */
  public static final class Builder {
    private String name;
    private String image = DEFAULT_IMAGE;
    private Resources resources = Resources.NONE;
    private final Map<String, String> env = new TreeMap<>();
    private final List<Secret> secrets = new ArrayList<>();
    private Cache cache = Cache.DISABLED;
    private @Nullable ReusePolicy reuse;
    private final Map<String, String> pluginConfig = new LinkedHashMap<>();
    private final List<TaskEnvironment> dependencies = new ArrayList<>();

    private Builder(String name) {
      this.name = checkName(name);
    }

    /** Sets the image reference ({@code "ghcr.io/acme/train:1.4"}). */
    public Builder image(String image) {
      if (image == null || image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(
            "image must be a reference such as \"ghcr.io/acme/train:1.4\" but was '" + image + "'");
      }
      this.image = image;
      return this;
    }

    /** Sets the resources. */
    public Builder resources(Resources resources) {
      this.resources = Objects.requireNonNull(resources, "resources");
      return this;
    }

    /** Adds an environment variable. */
    public Builder env(String name, String value) {
      env.put(Quantities.require("env var name", name), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds secrets. */
    public Builder secrets(Secret... secrets) {
      for (Secret s : secrets) {
        this.secrets.add(Objects.requireNonNull(s, "secret"));
      }
      return this;
    }

    /** Sets the default cache of its tasks. */
    public Builder cache(Cache cache) {
      this.cache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /** Sets the reuse policy. */
    public Builder reuse(ReusePolicy reuse) {
      this.reuse = Objects.requireNonNull(reuse, "reuse");
      return this;
    }

    /** Adds a plugin configuration entry. */
    public Builder pluginConfig(String key, String value) {
      pluginConfig.put(
          Quantities.require("plugin config key", key), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds environments whose tasks this environment's tasks call. */
    public Builder dependsOn(TaskEnvironment... environments) {
      for (TaskEnvironment e : environments) {
        if (e.name.equals(name)) {
          throw new IllegalArgumentException("environment " + name + " cannot depend on itself");
        }
        dependencies.add(e);
      }
      return this;
    }

    /** Returns the environment. */
    public TaskEnvironment build() {
      return new TaskEnvironment(this);
    }
  }
}
