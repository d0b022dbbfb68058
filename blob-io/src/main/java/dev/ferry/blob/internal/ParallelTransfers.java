package dev.ferry.blob.internal;

import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.spi.Failures;
import dev.ferry.blob.spi.TransferCancelledException;
import dev.ferry.blob.spi.TransferProgress;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs a group of transfers on a fixed pool, at most {@code concurrency} at once. The first failure
 * cancels the group: transfers not started never start, running ones stop at their next {@link
 * TransferProgress#advance}, and once all have stopped the first failure is thrown with the other
 * real failures suppressed (cancellations are not failures). Nothing of the group runs after {@link
 * #run} returns.
 */
public final class ParallelTransfers {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private ParallelTransfers() {}

  /** One transfer of a group. */
  @FunctionalInterface
  public interface Transfer<T> {
    /** Returns the transfer's result once it is done. */
    T run() throws IOException;
  }

  /**
   * Returns the results of {@code transfers}, in their order, running at most {@code concurrency}
   * at once and sharing {@code group} for cancellation.
   *
   * @param operation names the threads and an interruption: {@code uploadDirectory}
   * @param uri the URI an interruption is reported on
   */
  public static <T> List<T> run(
      String operation,
      URI uri,
      int concurrency,
      List<? extends Transfer<T>> transfers,
      TransferProgress group)
      throws IOException {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    if (transfers.isEmpty()) {
      return List.of();
    }
    int threads = Math.min(concurrency, transfers.size());
    ExecutorService pool = Executors.newFixedThreadPool(threads, threadFactory(operation));
    try {
      CompletionService<T> completed = new ExecutorCompletionService<>(pool);
      List<Future<T>> futures = new ArrayList<>(transfers.size());
      List<AtomicBoolean> started = new ArrayList<>(transfers.size());
      for (Transfer<T> transfer : transfers) {
        AtomicBoolean start = new AtomicBoolean();
        started.add(start);
        futures.add(
            completed.submit(
                () -> {
                  start.set(true);
                  group.checkCancelled();
                  try {
                    return transfer.run();
                  } catch (Throwable t) {
                    group.cancel(); // at once, so no other transfer starts
                    throw t;
                  }
                }));
      }
      Throwable first = null;
      Throwable cancellation = null;
      boolean cancelled = false;
      boolean interrupted = false;
      int remaining = futures.size();
      while (remaining > 0) {
        Future<T> future;
        try {
          future = completed.take();
        } catch (InterruptedException e) {
          interrupted = true;
          if (first == null) {
            first = new BlobStoreException(operation, uri, "interrupted", e);
          }
          if (!cancelled) {
            cancelled = cancel(group, futures, started);
          }
          continue;
        }
        remaining--;
        Throwable failure = failureOf(future);
        if (failure == null) {
          continue;
        }
        if (!cancelled) {
          cancelled = cancel(group, futures, started);
        }
        if (failure instanceof TransferCancelledException) {
          // it may arrive before the failure that caused it
          cancellation = cancellation == null ? failure : cancellation;
        } else if (first == null) {
          first = failure;
        } else if (failure != first) {
          first.addSuppressed(failure);
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (first == null) {
        first = cancellation;
      }
      if (first != null) {
        throw rethrow(first, operation, uri);
      }
      List<T> results = new ArrayList<>(futures.size());
      for (Future<T> future : futures) {
        results.add(resultOf(future));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Cancels the group, then drops the transfers not started. A running transfer's future is left
   * alone, or its failure would be lost; it stops at its next progress report. One that starts
   * meanwhile sees the group cancelled (both flags are volatile) and stops at once.
   */
  private static boolean cancel(
      TransferProgress group, List<? extends Future<?>> futures, List<AtomicBoolean> started) {
    group.cancel();
    for (int i = 0; i < futures.size(); i++) {
      if (!started.get(i).get()) {
        futures.get(i).cancel(false);
      }
    }
    return true;
  }

  private static @Nullable Throwable failureOf(Future<?> future) {
    if (future.isCancelled()) {
      return null;
    }
    try {
      future.get();
      return null;
    } catch (ExecutionException e) {
      return e.getCause() == null ? e : e.getCause();
    } catch (CancellationException e) {
      return null;
    } catch (InterruptedException e) {
      throw new IllegalStateException("a completed transfer blocked", e);
    }
  }

  private static <T> T resultOf(Future<T> future) throws IOException {
    try {
      return future.get();
    } catch (ExecutionException | InterruptedException e) {
      throw new IllegalStateException("a completed transfer has no result", e);
    }
  }

  private static IOException rethrow(Throwable first, String operation, URI uri) {
    if (first instanceof IOException) {
      return (IOException) first;
    }
    if (first instanceof RuntimeException) {
      throw (RuntimeException) first;
    }
    if (first instanceof Error) {
      throw (Error) first;
    }
    return new BlobStoreException(operation, uri, Failures.reason(first), first);
  }

  private static ThreadFactory threadFactory(String operation) {
    String prefix = "ferry-" + operation + "-" + POOLS.incrementAndGet() + "-";
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
