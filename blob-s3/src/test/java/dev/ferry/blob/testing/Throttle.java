package dev.ferry.blob.testing;

/**
 * Paces the writes of one direction of one connection of the {@link FaultProxy}: a token bucket
 * with a 64 KiB burst, so an idle connection cannot save up for a long burst.
 */
final class Throttle {
  private static final long BURST = 64 * 1024;
  private double tokens = BURST;
  private long last = System.nanoTime();

  /** Waits until {@code bytes} may go at {@code perSecond} bytes a second. */
  synchronized void acquire(int bytes, long perSecond) {
    long now = System.nanoTime();
    tokens = Math.min(BURST, tokens + (now - last) * perSecond / 1e9);
    last = now;
    if (tokens >= bytes) {
      tokens -= bytes;
      return;
    }
    double missing = bytes - tokens;
    sleepNanos((long) (missing * 1e9 / perSecond));
    tokens = 0;
    last = System.nanoTime();
  }

  /** Sleeps, keeping the interrupt flag if interrupted. */
  static void sleepNanos(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
