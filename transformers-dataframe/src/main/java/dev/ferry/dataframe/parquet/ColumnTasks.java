package dev.ferry.dataframe.parquet;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs one task per column of a batch: on the caller's thread when there is one column, few rows or
 * a parallelism of 1; otherwise the caller and up to {@code parallelism - 1} helpers submitted to
 * the executor take columns one by one until none is left ({@link ColumnExecution} says which
 * executor). Columns of Parquet are encoded, compressed, decompressed and decoded independently.
 * The caller waits only for the columns a helper took, so a helper that never starts delays
 * nothing. The first failure, in column order, is thrown as it was thrown.
 */
final class ColumnTasks {
  /** Fewer rows than this are handled on the caller's thread. */
  static final int PARALLEL_ROWS = 8192;

  private final @Nullable Executor executor;
  private final int parallelism;

  ColumnTasks(@Nullable Executor executor, int parallelism) {
    this.executor = executor;
    this.parallelism = parallelism;
  }

  /** The work on one column. */
  interface Task {
    /** Does the work on column {@code j}. */
    void run(int j) throws IOException;
  }

  /** Runs {@code task} for columns {@code 0} to {@code columns - 1} over {@code rows} rows. */
  void run(int columns, int rows, Task task) throws IOException {
    Executor e = executor;
    if (columns < 2 || rows < PARALLEL_ROWS || parallelism < 2 || e == null) {
      for (int j = 0; j < columns; j++) {
        task.run(j);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    Throwable[] failures = new Throwable[columns];
    CountDownLatch done = new CountDownLatch(columns);
    Runnable worker =
        () -> {
          for (int j = next.getAndIncrement(); j < columns; j = next.getAndIncrement()) {
            try {
              task.run(j);
            } catch (IOException | RuntimeException | Error t) {
              failures[j] = t;
            } finally {
              done.countDown();
            }
          }
        };
    int helpers = Math.min(parallelism - 1, columns - 1);
    for (int i = 0; i < helpers; i++) {
      try {
        e.execute(worker);
      } catch (RejectedExecutionException busy) {
        break; // the caller takes the columns no helper took
      }
    }
    worker.run();
    try {
      done.await();
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for column tasks");
    }
    for (Throwable t : failures) {
      if (t instanceof IOException io) {
        throw io;
      }
      if (t instanceof RuntimeException re) {
        throw re;
      }
      if (t instanceof Error err) {
        throw err;
      }
    }
  }
}
