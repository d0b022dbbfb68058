package dev.ferry.executor;

import dev.ferry.sdk.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds secret values: first the secret's environment variable ({@link Secret#envVar()}), then the
 * file {@code <dir>/<group>/<key>} ({@code <dir>/<key>} without a group). A trailing newline of a
 * file is dropped.
 */
public final class SecretResolver {
  private final Map<String, String> env;
  private final @Nullable Path dir;

  /** Returns a resolver over {@code env} and the secrets directory {@code dir} (may be null). */
  public SecretResolver(Map<String, String> env, @Nullable Path dir) {
    this.env = Map.copyOf(env);
    this.dir = dir;
  }

  /** Returns the value of {@code secret}, if found. */
  public Optional<String> find(Secret secret) throws IOException {
    String v = env.get(secret.envVar());
    if (v != null) {
      return Optional.of(v);
    }
    Path file = file(secret);
    if (file != null && Files.isRegularFile(file)) {
      String s = Files.readString(file, StandardCharsets.UTF_8);
      return Optional.of(s.endsWith("\n") ? s.substring(0, s.length() - 1) : s);
    }
    return Optional.empty();
  }

  /**
   * Returns the values of {@code secrets} by {@link Secret#name()}.
   *
   * @throws MissingSecretException naming the first secret not found and where it was looked for
   */
  public Map<String, String> resolve(String task, List<Secret> secrets) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (Secret s : secrets) {
      Optional<String> v = find(s);
      if (v.isEmpty()) {
        Path file = file(s);
        throw new MissingSecretException(
            "secret '"
                + s.name()
                + "' of task "
                + task
                + " was not found: set the environment variable "
                + s.envVar()
                + (file == null
                    ? " (no secrets directory is configured)"
                    : " or write the file " + file));
      }
      values.put(s.name(), v.get());
    }
    return values;
  }

  private @Nullable Path file(Secret s) {
    if (dir == null) {
      return null;
    }
    return s.group().map(g -> dir.resolve(g).resolve(s.key())).orElse(dir.resolve(s.key()));
  }

  /** A secret a task declared was not found. */
  public static final class MissingSecretException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingSecretException(String message) {
      super(message);
    }
  }
}
