package dev.ferry.executor;

/**
 * Hears of a local run's actions as they start and end, for a progress display; called on the
 * actions' threads, so implementations synchronize what they share.
 *
 * <pre>{@code
 * LocalExecutor ferry = LocalExecutor.builder()
 *     .progress(false)
 *     .listener((run, action, line) -> System.out.println(line))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {
  /** Called when {@code action} of {@code run} is created, before its first attempt. */
  default void started(Run<?> run, Action action) {}

  /**
   * Called when {@code action} of {@code run} reached its final phase (succeeded, failed, timed out
   * or aborted); {@code line} is the progress line the executor logs for it.
   */
  void finished(Run<?> run, Action action, String line);

  /**
   * Called as bytes of a file, directory or offloaded literal that {@code action} reads or writes
   * move: at the start, every few MiB, and once {@link Transfer#done() done}. Called on transfer
   * threads, possibly for several transfers at once; must be fast and must not throw.
   */
  default void transferred(Run<?> run, Action action, Transfer transfer) {}
}
