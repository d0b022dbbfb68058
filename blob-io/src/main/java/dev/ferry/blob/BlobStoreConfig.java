package dev.ferry.blob;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of blob stores, by name ({@code s3.endpoint}, {@code s3.region}, {@code s3.path-style},
 * {@code gs.host}, ...), with the environment as the fallback: Flyte's own names ({@code
 * FLYTE_AWS_ENDPOINT}, {@code FLYTE_AWS_ACCESS_KEY_ID}, {@code FLYTE_AWS_SECRET_ACCESS_KEY}) are
 * honoured by the stores that use them. Immutable.
 */
public final class BlobStoreConfig {
  private final Map<String, String> settings;
  private final Map<String, String> environment;

  private BlobStoreConfig(Map<String, String> settings, Map<String, String> environment) {
    this.settings = Map.copyOf(settings);
    this.environment = Map.copyOf(environment);
  }

  /** Returns a config with no settings over the process environment. */
  public static BlobStoreConfig fromEnvironment() {
    return new BlobStoreConfig(Map.of(), System.getenv());
  }

  /** Returns a config with exactly these settings and environment (for tests and embedding). */
  public static BlobStoreConfig of(Map<String, String> settings, Map<String, String> environment) {
    return new BlobStoreConfig(settings, environment);
  }

  /** Returns this config with a setting added or replaced. */
  public BlobStoreConfig with(String name, String value) {
    Map<String, String> copy = new HashMap<>(settings);
    copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new BlobStoreConfig(copy, environment);
  }

  /** Returns a setting. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(settings.get(name));
  }

  /** Returns an environment variable. */
  public Optional<String> env(String name) {
    String v = environment.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  /** Returns the setting, else the first environment variable of {@code envNames} that is set. */
  public Optional<String> get(String name, String... envNames) {
    Optional<String> v = get(name);
    if (v.isPresent()) {
      return v;
    }
    for (String env : envNames) {
      Optional<String> e = env(env);
      if (e.isPresent()) {
        return e;
      }
    }
    return Optional.empty();
  }
}
