package dev.ferry.executor.internal;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Bounds how many task bodies run at once. A body that waits for its children gives its permit back
 * while it waits ({@link #suspend}/{@link #resume}), so a parent blocked on a child never holds the
 * slot the child needs.
 */
public final class Permits {
  private final Semaphore semaphore;
  private final int max;
  private final ThreadLocal<int[]> held = ThreadLocal.withInitial(() -> new int[1]);

  /** Returns permits for {@code max} concurrent bodies. */
  public Permits(int max) {
    if (max < 1) {
      throw new IllegalArgumentException(
          "max concurrency must be at least 1 but was '" + max + "'");
    }
    this.semaphore = new Semaphore(max, true);
    this.max = max;
  }

  /** Returns the most bodies that run at once. */
  public int max() {
    return max;
  }

  /**
   * Takes a permit for this thread, waiting at most {@code maxWait} (forever when null); returns
   * false if none came in time.
   */
  public boolean acquire(@Nullable Duration maxWait) throws InterruptedException {
    if (maxWait == null) {
      semaphore.acquire();
    } else if (!semaphore.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
      return false;
    }
    held.get()[0]++;
    return true;
  }

  /** Gives back the permit this thread holds. */
  public void release() {
    int[] h = held.get();
    if (h[0] > 0) {
      h[0]--;
      semaphore.release();
    }
  }

  /** Gives back this thread's permit while it waits; returns true if it held one. */
  public boolean suspend() {
    int[] h = held.get();
    if (h[0] == 0) {
      return false;
    }
    h[0]--;
    semaphore.release();
    return true;
  }

  /** Takes the permit back after {@link #suspend} returned true. */
  public void resume(boolean suspended) {
    if (suspended) {
      semaphore.acquireUninterruptibly();
      held.get()[0]++;
    }
  }

  /** Returns the permits free now. */
  public int available() {
    return semaphore.availablePermits();
  }
}
