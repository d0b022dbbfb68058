package dev.ferry.sdk;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How long one attempt may run, and how long it may wait to start. An attempt over its runtime is
 * interrupted and recorded TIMED_OUT, which counts as a retryable failure.
 *
 * <pre>{@code
 * Timeout.of(Duration.ofMinutes(10)).withMaxQueued(Duration.ofMinutes(1))
 * }</pre>
 *
 * @param maxRuntime the longest an attempt runs, or null for no limit
 * @param maxQueued the longest an attempt waits for a slot, or null for no limit
 */
public record Timeout(@Nullable Duration maxRuntime, @Nullable Duration maxQueued) {
  /** No limits. */
  public static final Timeout NONE = new Timeout(null, null);

  public Timeout {
    check("max runtime", maxRuntime);
    check("max queued", maxQueued);
  }

  private static void check(String field, @Nullable Duration d) {
    if (d != null && (d.isNegative() || d.isZero())) {
      throw new IllegalArgumentException(field + " must be positive but was '" + d + "'");
    }
  }

  /** Returns a limit of {@code maxRuntime} per attempt. */
  public static Timeout of(Duration maxRuntime) {
    return new Timeout(maxRuntime, null);
  }

  /** Returns this timeout with a limit on the wait for a slot. */
  public Timeout withMaxQueued(Duration maxQueued) {
    return new Timeout(maxRuntime, maxQueued);
  }

  /** Returns the runtime limit. */
  public Optional<Duration> runtime() {
    return Optional.ofNullable(maxRuntime);
  }

  /** Returns the queueing limit. */
  public Optional<Duration> queued() {
    return Optional.ofNullable(maxQueued);
  }
}
