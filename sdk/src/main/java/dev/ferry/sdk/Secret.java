package dev.ferry.sdk;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A secret a task needs: a key, an optional group, and how it is mounted (an environment variable
 * or a file). Locally the executor resolves it before the task body runs, from the environment
 * variable ({@link #envVar()}) or from {@code <secrets dir>/<group>/<key>}; a missing secret fails
 * the action before the body starts. Values are never logged or written to error documents.
 *
 * <pre>{@code
 * Secret token = Secret.of("github", "token");                 // env var _FSEC_GITHUB_TOKEN
 * Secret key = Secret.of("aws", "key").asFile();
 * Secret db = Secret.of("db", "password").asEnvVar("DB_PASSWORD");
 * }</pre>
 */
public final class Secret {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  /** How the secret reaches the container. */
  public enum Mount {
    /** An environment variable. */
    ENV_VAR,
    /** A file. */
    FILE
  }

  private final @Nullable String group;
  private final String key;
  private final Mount mount;
  private final @Nullable String envVar;

  private Secret(@Nullable String group, String key, Mount mount, @Nullable String envVar) {
    this.group = group == null ? null : checkName("secret group", group);
    this.key = checkName("secret key", key);
    this.mount = mount;
    this.envVar = envVar;
  }

  private static String checkName(String field, @Nullable String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must be letters, digits, '_', '.' or '-' but was '" + value + "'");
    }
    return value;
  }

  /** Returns the secret {@code key} of {@code group}, mounted as an environment variable. */
  public static Secret of(String group, String key) {
    return new Secret(Objects.requireNonNull(group, "group"), key, Mount.ENV_VAR, null);
  }

  /** Returns the secret {@code key} without a group, mounted as an environment variable. */
  public static Secret of(String key) {
    return new Secret(null, key, Mount.ENV_VAR, null);
  }

  /** Returns this secret mounted as the environment variable {@code name}. */
  public Secret asEnvVar(String name) {
    return new Secret(group, key, Mount.ENV_VAR, checkName("secret env var", name));
  }

  /** Returns this secret mounted as a file. */
  public Secret asFile() {
    return new Secret(group, key, Mount.FILE, envVar);
  }

  /** Returns the group, if any. */
  public Optional<String> group() {
    return Optional.ofNullable(group);
  }

  /** Returns the key. */
  public String key() {
    return key;
  }

  /** Returns the mount. */
  public Mount mount() {
    return mount;
  }

  /**
   * Returns the environment variable that holds the secret: the one given, else {@code
   * _FSEC_<GROUP>_<KEY>} in upper case (the Python SDK's convention).
   */
  public String envVar() {
    if (envVar != null) {
      return envVar;
    }
    String name = (group == null ? "" : group + "_") + key;
    return "_FSEC_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** Returns the name a task looks the secret up by: {@code group/key}, or {@code key}. */
  public String name() {
    return group == null ? key : group + "/" + key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s
        && Objects.equals(s.group, group)
        && s.key.equals(key)
        && s.mount == mount
        && Objects.equals(s.envVar, envVar);
  }

  @Override
  public int hashCode() {
    return Objects.hash(group, key, mount, envVar);
  }

  @Override
  public String toString() {
    return "Secret{" + name() + ", " + mount + "}";
  }
}
