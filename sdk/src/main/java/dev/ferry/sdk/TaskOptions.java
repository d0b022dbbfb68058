package dev.ferry.sdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A task's settings: retries, timeout, cache, interruptible, report, environment variables,
 * secrets, resources, image, and descriptions of inputs and outputs. A task starts with its
 * environment's defaults; {@link Task#with} changes them for the task, {@link Task#override} for
 * one call.
 */
public final class TaskOptions {
  private final RetryStrategy retries;
  private final Timeout timeout;
  private final Cache cache;
  private final boolean interruptible;
  private final boolean report;
  private final Map<String, String> env;
  private final List<Secret> secrets;
  private final Resources resources;
  private final String image;
  private final Map<String, String> descriptions;

  private TaskOptions(Builder b) {
    this.retries = b.retries;
    this.timeout = b.timeout;
    this.cache = b.cache;
    this.interruptible = b.interruptible;
    this.report = b.report;
    this.env = Map.copyOf(new TreeMap<>(b.env));
    this.secrets = List.copyOf(b.secrets);
    this.resources = b.resources;
    this.image = b.image;
    this.descriptions = Map.copyOf(b.descriptions);
  }

  /** Returns a builder with no retries, no timeout, no cache and no resources. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.retries = retries;
    b.timeout = timeout;
    b.cache = cache;
    b.interruptible = interruptible;
    b.report = report;
    b.env.putAll(env);
    b.secrets.addAll(secrets);
    b.resources = resources;
    b.image = image;
    b.descriptions.putAll(descriptions);
    return b;
  }

  /** Returns the retry strategy. */
  public RetryStrategy retries() {
    return retries;
  }

  /** Returns the timeout. */
  public Timeout timeout() {
    return timeout;
  }

  /** Returns the cache setting. */
  public Cache cache() {
    return cache;
  }

  /** Returns true if the task may run on interruptible (spot) machines. */
  public boolean interruptible() {
    return interruptible;
  }

  /** Returns true if the task's report is kept. */
  public boolean report() {
    return report;
  }

  /** Returns the environment variables the task runs with, sorted by name. */
  public Map<String, String> env() {
    return env;
  }

  /** Returns the secrets the task needs. */
  public List<Secret> secrets() {
    return secrets;
  }

  /** Returns the resources. */
  public Resources resources() {
    return resources;
  }

  /** Returns the image reference. */
  public String image() {
    return image;
  }

  /** Returns the descriptions of inputs and outputs given, by variable name. */
  public Map<String, String> descriptions() {
    return descriptions;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TaskOptions t
        && t.retries.equals(retries)
        && t.timeout.equals(timeout)
        && t.cache.equals(cache)
        && t.interruptible == interruptible
        && t.report == report
        && t.env.equals(env)
        && t.secrets.equals(secrets)
        && t.resources.equals(resources)
        && t.image.equals(image)
        && t.descriptions.equals(descriptions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(retries, timeout, cache, interruptible, report, env, secrets, resources);
  }

  @Override
  public String toString() {
    return "TaskOptions{retries="
        + retries.count()
        + ", timeout="
        + timeout
        + ", cache="
        + cache
        + ", secrets="
        + secrets
        + ", env="
        + env.keySet()
        + "}";
  }

  /** Builds {@link TaskOptions}. */
  public static final class Builder {
    private RetryStrategy retries = RetryStrategy.NONE;
    private Timeout timeout = Timeout.NONE;
    private Cache cache = Cache.DISABLED;
    private boolean interruptible;
    private boolean report = true;
    private final Map<String, String> env = new TreeMap<>();
    private final List<Secret> secrets = new ArrayList<>();
    private Resources resources = Resources.NONE;
    private String image = TaskEnvironment.DEFAULT_IMAGE;
    private final Map<String, String> descriptions = new LinkedHashMap<>();

    private Builder() {}

    /** Sets the retry strategy. */
    public Builder retries(RetryStrategy retries) {
      this.retries = Objects.requireNonNull(retries, "retries");
      return this;
    }

    /** Sets {@code count} retries without backoff. */
    public Builder retries(int count) {
      return retries(RetryStrategy.of(count));
    }

    /** Sets the timeout. */
    public Builder timeout(Timeout timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Sets the cache. */
    public Builder cache(Cache cache) {
      this.cache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /** Sets whether the task may run on interruptible machines. */
    public Builder interruptible(boolean interruptible) {
      this.interruptible = interruptible;
      return this;
    }

    /** Sets whether the task's report is kept. */
    public Builder report(boolean report) {
      this.report = report;
      return this;
    }

    /** Adds an environment variable. */
    public Builder env(String name, String value) {
      env.put(Quantities.require("env var name", name), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds environment variables. */
    public Builder env(Map<String, String> vars) {
      vars.forEach(this::env);
      return this;
    }

    /** Adds secrets. */
    public Builder secrets(Secret... secrets) {
      for (Secret s : secrets) {
        this.secrets.add(Objects.requireNonNull(s, "secret"));
      }
      return this;
    }

    /** Sets the resources. */
    public Builder resources(Resources resources) {
      this.resources = Objects.requireNonNull(resources, "resources");
      return this;
    }

    /** Sets the image reference. */
    public Builder image(String image) {
      this.image = Quantities.require("image", image);
      return this;
    }

    /** Sets the description of the input or output {@code variable}. */
    public Builder describe(String variable, String description) {
      descriptions.put(
          Quantities.require("variable", variable), Objects.requireNonNull(description));
      return this;
    }

    /** Returns the options. */
    public TaskOptions build() {
      return new TaskOptions(this);
    }
  }
}
