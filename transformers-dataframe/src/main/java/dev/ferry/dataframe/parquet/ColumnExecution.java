package dev.ferry.dataframe.parquet;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * How the columns of a Parquet batch are decoded or encoded: on the caller's thread only ({@link
 * #sequential()}), on an executor the caller owns ({@link #of}), or on threads of the reader or
 * writer's own (at most {@code parallelism - 1}, ending one second after their last task, so there
 * is nothing to close). The calling thread always works on columns too, so a busy or saturated
 * executor slows a read down but never stalls it. Immutable and shareable.
 */
public final class ColumnExecution {
  private static final ColumnExecution SEQUENTIAL = new ColumnExecution(null, 1);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final @Nullable Executor executor;
  private final int parallelism;

  private ColumnExecution(@Nullable Executor executor, int parallelism) {
    this.executor = executor;
    this.parallelism = parallelism;
  }

  /**
   * Returns the default: at most {@code min(2, availableProcessors)} columns at once, on threads of
   * each reader or writer's own.
   */
  public static ColumnExecution defaults() {
    return of(null, Math.min(2, Runtime.getRuntime().availableProcessors()));
  }

  /** Returns execution on the calling thread only. */
  public static ColumnExecution sequential() {
    return SEQUENTIAL;
  }

  /**
   * Returns execution on {@code executor} (null: threads of the reader's own), at most {@code
   * parallelism} columns at once counting the calling thread.
   */
  public static ColumnExecution of(@Nullable Executor executor, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("column parallelism must be at least 1");
    }
    return parallelism == 1 ? SEQUENTIAL : new ColumnExecution(executor, parallelism);
  }

  /** Returns the number of columns worked on at once, the calling thread included. */
  public int parallelism() {
    return parallelism;
  }

  /** Returns the tasks runner of one reader or writer. */
  ColumnTasks tasks() {
    if (parallelism < 2) {
      return new ColumnTasks(null, 1);
    }
    Executor e = executor;
    if (e == null) {
      ThreadPoolExecutor own =
          new ThreadPoolExecutor(
              0,
              parallelism - 1,
              1,
              TimeUnit.SECONDS,
              new SynchronousQueue<>(),
              r -> {
                Thread t = new Thread(r, "ferry-parquet-column-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      e = own;
    }
    return new ColumnTasks(Objects.requireNonNull(e), parallelism);
  }

  @Override
  public String toString() {
    return parallelism == 1
        ? "ColumnExecution{sequential}"
        : "ColumnExecution{"
            + (executor == null ? "own threads" : executor)
            + ", "
            + parallelism
            + "}";
  }
}
