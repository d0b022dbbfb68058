package dev.ferry.engine;

import java.util.Map;

/**
 * When a literal is too large to travel inline: above {@code minBytes} serialized it is written to
 * the blob store and replaced by {@code offloaded_metadata}; above {@code maxBytes} it is refused.
 * The Flyte backend passes both to a task as {@code _F_L_MIN_SIZE_MB} and {@code _F_L_MAX_SIZE_MB}
 * (MiB); the defaults are 10 MiB and 1000 MiB.
 *
 * @param minBytes literals larger than this are offloaded
 * @param maxBytes literals larger than this are an error
 */
public record OffloadPolicy(long minBytes, long maxBytes) {
  private static final long MIB = 1024 * 1024;

  /** The defaults: offload above 10 MiB, fail above 1000 MiB. */
  public static final OffloadPolicy DEFAULT = new OffloadPolicy(10 * MIB, 1000 * MIB);

  public OffloadPolicy {
    if (minBytes < 0 || maxBytes < minBytes) {
      throw new IllegalArgumentException("offload sizes must satisfy 0 <= min <= max");
    }
  }

  /**
   * Returns the policy the environment sets ({@code _F_L_MIN_SIZE_MB}, {@code _F_L_MAX_SIZE_MB}).
   */
  public static OffloadPolicy fromEnvironment(Map<String, String> env) {
    return new OffloadPolicy(
        mib(env, "_F_L_MIN_SIZE_MB", DEFAULT.minBytes),
        mib(env, "_F_L_MAX_SIZE_MB", DEFAULT.maxBytes));
  }

  private static long mib(Map<String, String> env, String name, long fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(v.trim()) * MIB;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a whole number of MiB, was '" + v + "'", e);
    }
  }

  /** Returns true if a literal of {@code size} bytes is offloaded. */
  public boolean offloads(long size) {
    return size > minBytes;
  }
}
