package dev.ferry.blob.s3;

import dev.ferry.blob.BlobStoreException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The part memory of one store ({@link S3Settings#partMemory()}), shared by all its streaming
 * writes: a write reserves a part's full size before it buffers the part and gives it back once the
 * part is uploaded (or dropped), so the part buffers of all writes together never hold more. A
 * write reserves only while it holds no other unsent part, so writes waiting for each other always
 * make progress; the wait is bounded all the same. Thread-safe.
 */
final class PartMemory {
  private final long budget;
  private long reserved; // guarded by this
  private long peakReserved; // guarded by this

  PartMemory(long budget) {
    this.budget = budget;
  }

  /** Returns the budget in bytes. */
  long budget() {
    return budget;
  }

  /**
   * Reserves {@code bytes}, waiting at most {@code wait} for other parts to give memory back.
   *
   * @throws BlobStoreException when one part is larger than the whole budget, or the wait ran out
   */
  void reserve(long bytes, Duration wait, String operation, URI uri, long written)
      throws BlobStoreException {
    if (bytes > budget) {
      throw new BlobStoreException(
          operation,
          uri,
          "after "
              + mib(written)
              + " written, the next part needs "
              + mib(bytes)
              + ", more than the store's whole part memory of "
              + mib(budget)
              + ": raise "
              + S3Settings.PART_MEMORY_MIB
              + " (S3Settings.withPartMemory), or start with smaller parts",
          null);
    }
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (this) {
      while (reserved + bytes > budget) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new BlobStoreException(
              operation,
              uri,
              "no part memory within "
                  + wait.toSeconds()
                  + " s: "
                  + mib(reserved)
                  + " of the store's "
                  + mib(budget)
                  + " ("
                  + S3Settings.PART_MEMORY_MIB
                  + ") stayed in use by other parts",
              null);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          InterruptedIOException interrupted = new InterruptedIOException("interrupted");
          interrupted.initCause(e);
          throw new BlobStoreException(operation, uri, "interrupted", interrupted);
        }
      }
      reserved += bytes;
      peakReserved = Math.max(peakReserved, reserved);
    }
  }

  /** Gives back {@code bytes} reserved before. */
  synchronized void release(long bytes) {
    reserved -= bytes;
    notifyAll();
  }

  /** Returns the bytes reserved now. */
  synchronized long reserved() {
    return reserved;
  }

  /** Returns the most bytes reserved at once. */
  synchronized long peakReserved() {
    return peakReserved;
  }

  static String mib(long bytes) {
    return bytes % (1024 * 1024) == 0
        ? (bytes >> 20) + " MiB"
        : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
