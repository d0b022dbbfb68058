package dev.ferry.sdk;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a failed task is retried and how long to wait between attempts: the {@code n}-th retry
 * (from 0) waits {@code backoff * factor^n}, at most {@code maxBackoff}. Only recoverable user
 * errors (and timeouts) spend these retries; system errors have the executor's own budget.
 *
 * <pre>{@code
 * RetryStrategy.of(3).withBackoff(Duration.ofSeconds(1), 2.0)
 * }</pre>
 *
 * @param count retries after the first attempt
 * @param backoff the wait before the first retry
 * @param factor how much each wait grows
 * @param maxBackoff the longest wait
 */
public record RetryStrategy(int count, Duration backoff, double factor, Duration maxBackoff) {
  /** No retries. */
  public static final RetryStrategy NONE = of(0);

  public RetryStrategy {
    if (count < 0) {
      throw new IllegalArgumentException("retries must be at least 0 but was '" + count + "'");
    }
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (backoff.isNegative()) {
      throw new IllegalArgumentException("backoff must not be negative but was '" + backoff + "'");
    }
    if (!(factor >= 1.0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException(
          "backoff factor must be at least 1.0 but was '" + factor + "'");
    }
  }

  /** Returns {@code count} retries without waiting between them. */
  public static RetryStrategy of(int count) {
    return new RetryStrategy(count, Duration.ZERO, 1.0, Duration.ofMinutes(5));
  }

  /** Returns this strategy waiting {@code backoff}, growing by {@code factor}, between attempts. */
  public RetryStrategy withBackoff(Duration backoff, double factor) {
    return new RetryStrategy(count, backoff, factor, maxBackoff);
  }

  /** Returns this strategy with waits capped at {@code maxBackoff}. */
  public RetryStrategy withMaxBackoff(Duration maxBackoff) {
    return new RetryStrategy(count, backoff, factor, maxBackoff);
  }

  /** Returns the wait before retry {@code n} (0 for the first retry). */
  public Duration delay(int n) {
    double nanos = backoff.toNanos() * Math.pow(factor, n);
    if (nanos >= maxBackoff.toNanos()) {
      return maxBackoff;
    }
    return Duration.ofNanos((long) nanos);
  }
}
