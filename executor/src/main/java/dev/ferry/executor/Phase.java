package dev.ferry.executor;

/** The phase of a run, an action or an attempt. */
public enum Phase {
  /** Waiting to start. */
  QUEUED,
  /** Running. */
  RUNNING,
  /** Finished with outputs. */
  SUCCEEDED,
  /** Finished with an error. */
  FAILED,
  /** Stopped after its max runtime (or its max queued time). */
  TIMED_OUT,
  /** Cancelled by {@link Run#abort()}. */
  ABORTED;

  /** Returns true for the phases that do not change any more. */
  public boolean isTerminal() {
    return this != QUEUED && this != RUNNING;
  }
}
