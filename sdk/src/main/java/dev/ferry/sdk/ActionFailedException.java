package dev.ferry.sdk;

/**
 * A child action failed: thrown from {@link Task#call} (and from the future of {@link Task#submit})
 * in the parent task. Names the child action, its task and the error its last attempt recorded.
 */
public class ActionFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String action;
  private final String task;
  private final String code;
  private final String phase;

  /** Returns an exception for {@code action} of {@code task} that ended in {@code phase}. */
  public ActionFailedException(
      String action, String task, String phase, String code, String message) {
    super("action " + action + " (" + task + ") " + phase + ": " + code + ": " + message);
    this.action = action;
    this.task = task;
    this.code = code;
    this.phase = phase;
  }

  /** Returns the child action's name. */
  public String action() {
    return action;
  }

  /** Returns the child's task name. */
  public String task() {
    return task;
  }

  /** Returns the error code of its last attempt. */
  public String code() {
    return code;
  }

  /** Returns its final phase ({@code FAILED}, {@code TIMED_OUT}, {@code ABORTED}). */
  public String phase() {
    return phase;
  }
}
