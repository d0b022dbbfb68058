package dev.ferry.dataframe.parquet;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Runs one task per column, in parallel on a pool of daemon threads (one per core) shared by every
 * reader and writer, or on the caller's thread when there is one column, few rows or one core.
 * Columns of Parquet are encoded, compressed, decompressed and decoded independently, so the
 * vectorized reader and the writer spread a batch's columns over the cores. The caller waits for
 * all tasks; the first failure is thrown as it was thrown.
 */
final class ColumnTasks {
  /** Fewer rows than this are handled on the caller's thread. */
  static final int PARALLEL_ROWS = 8192;

  private static final ForkJoinPool POOL =
      new ForkJoinPool(
          Runtime.getRuntime().availableProcessors(),
          pool -> {
            ForkJoinWorkerThread t =
                ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("ferry-parquet-column-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
          },
          null,
          false);

  private ColumnTasks() {}

  /** The work on one column. */
  interface Task {
    /** Does the work on column {@code j}. */
    void run(int j) throws IOException;
  }

  /** Runs {@code task} for columns {@code 0} to {@code columns - 1} over {@code rows} rows. */
  static void run(int columns, int rows, Task task) throws IOException {
    if (columns < 2 || rows < PARALLEL_ROWS || POOL.getParallelism() < 2) {
      for (int j = 0; j < columns; j++) {
        task.run(j);
      }
      return;
    }
    // a task returns what it threw: the pool would rethrow a copy with another message
    List<Callable<@Nullable Exception>> tasks = new ArrayList<>(columns);
    for (int j = 0; j < columns; j++) {
      int column = j;
      tasks.add(
          () -> {
            try {
              task.run(column);
              return null;
            } catch (IOException | RuntimeException e) {
              return e;
            }
          });
    }
    Exception first = null;
    for (Future<@Nullable Exception> f : POOL.invokeAll(tasks)) {
      Exception e = join(f);
      if (first == null) {
        first = e;
      }
    }
    if (first instanceof IOException e) {
      throw e;
    }
    if (first instanceof RuntimeException e) {
      throw e;
    }
  }

  private static @Nullable Exception join(Future<@Nullable Exception> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for column tasks");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IOException("a column task failed", e.getCause());
    }
  }
}
