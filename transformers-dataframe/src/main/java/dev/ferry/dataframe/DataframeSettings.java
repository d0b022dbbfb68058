package dev.ferry.dataframe;

import dev.ferry.dataframe.parquet.ColumnExecution;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.jspecify.annotations.Nullable;

/**
 * Where the dataset readers and writers take their memory and threads from: the Arrow allocator of
 * decoded batches and tables, and the executor that decodes or encodes the columns of a Parquet
 * batch in parallel. Carried by a {@link dev.ferry.engine.TransformContext} ({@code
 * ctx.with(DataframeSettings.class, settings)}): datasets read through that context use it. No
 * state is shared between reads unless the caller passes it in.
 *
 * <p><b>Who closes what.</b> An allocator or executor given here belongs to the caller, who closes
 * it after every reader and table made from it is closed; Ferry only takes child allocators from it
 * (closed when the reader is closed) and submits tasks to it. Without an allocator, each read makes
 * a root allocator of its own limited to {@link #memoryLimit()}: an {@code ArrowReader} closes it
 * when it is closed; a whole {@code VectorSchemaRoot} holds nothing in it once the root is closed.
 * Without an executor, each reader or writer makes at most {@code columnParallelism() - 1} daemon
 * threads of its own, which end one second after its last batch: nothing to close.
 *
 * <pre>{@code
 * try (BufferAllocator allocator = new RootAllocator(64 << 20)) {
 *   ctx = ctx.with(DataframeSettings.class, DataframeSettings.defaults().withAllocator(allocator));
 *   ...
 * }
 * }</pre>
 */
public final class DataframeSettings {
  private static final DataframeSettings DEFAULTS =
      new DataframeSettings(
          null,
          Runtime.getRuntime().maxMemory(),
          null,
          Math.min(2, Runtime.getRuntime().availableProcessors()));

  private final @Nullable BufferAllocator allocator;
  private final long memoryLimit;
  private final @Nullable Executor executor;
  private final int columnParallelism;

  private DataframeSettings(
      @Nullable BufferAllocator allocator,
      long memoryLimit,
      @Nullable Executor executor,
      int columnParallelism) {
    this.allocator = allocator;
    this.memoryLimit = memoryLimit;
    this.executor = executor;
    this.columnParallelism = columnParallelism;
  }

  /**
   * Returns the defaults: an allocator of its own per read, limited to the JVM's maximum heap size
   * (the JVM's default limit of direct memory), and columns spread over at most {@code min(2,
   * availableProcessors)} threads per reader or writer, the caller's one included.
   */
  public static DataframeSettings defaults() {
    return DEFAULTS;
  }

  /** Returns the settings of {@code ctx}, or the defaults if it carries none. */
  static DataframeSettings of(dev.ferry.engine.TransformContext ctx) {
    DataframeSettings s = ctx.get(DataframeSettings.class);
    return s == null ? DEFAULTS : s;
  }

  /** Returns the caller's allocator, or null when each read makes its own. */
  public @Nullable BufferAllocator allocator() {
    return allocator;
  }

  /** Returns the limit of the allocator a read makes when no allocator is given. */
  public long memoryLimit() {
    return memoryLimit;
  }

  /** Returns the caller's executor of column tasks, or null when readers make their own threads. */
  public @Nullable Executor columnExecutor() {
    return executor;
  }

  /** Returns how many columns one reader or writer works on at once, its own thread included. */
  public int columnParallelism() {
    return columnParallelism;
  }

  /** Returns a copy whose reads allocate from children of {@code allocator} (the caller's). */
  public DataframeSettings withAllocator(BufferAllocator allocator) {
    return new DataframeSettings(
        Objects.requireNonNull(allocator, "allocator"), memoryLimit, executor, columnParallelism);
  }

  /** Returns a copy whose reads, when no allocator is given, make one limited to {@code bytes}. */
  public DataframeSettings withMemoryLimit(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("memory limit must be positive");
    }
    return new DataframeSettings(allocator, bytes, executor, columnParallelism);
  }

  /**
   * Returns a copy whose column tasks run on {@code executor} (the caller's), at most {@code
   * parallelism} columns at once counting the calling thread, which always takes part.
   */
  public DataframeSettings withColumnExecutor(Executor executor, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("column parallelism must be at least 1");
    }
    return new DataframeSettings(
        allocator, memoryLimit, Objects.requireNonNull(executor, "executor"), parallelism);
  }

  /**
   * Returns a copy working on at most {@code parallelism} columns at once (1: only the calling
   * thread).
   */
  public DataframeSettings withColumnParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("column parallelism must be at least 1");
    }
    return new DataframeSettings(allocator, memoryLimit, executor, parallelism);
  }

  /** Returns the column execution of these settings. */
  public ColumnExecution columns() {
    return ColumnExecution.of(executor, columnParallelism);
  }

  /**
   * Returns an allocator for one read named {@code name}: a child of the caller's allocator, or a
   * root of its own; the reader closes it.
   */
  BufferAllocator newAllocator(String name) {
    return allocator != null
        ? allocator.newChildAllocator(name, 0, Long.MAX_VALUE)
        : new RootAllocator(memoryLimit);
  }

  @Override
  public String toString() {
    return "DataframeSettings{allocator="
        + (allocator == null ? "per read, limit " + memoryLimit : allocator.getName())
        + ", columnExecutor="
        + (executor == null ? "per reader" : executor)
        + ", columnParallelism="
        + columnParallelism
        + "}";
  }
}
