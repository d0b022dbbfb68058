package dev.ferry.sdk;

import dev.ferry.sdk.spi.Contexts;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * What a running task knows about itself: its run, action and attempt, where its raw data goes, its
 * checkpoints, its report and its secrets.
 *
 * <pre>{@code
 * TaskContext ctx = TaskContext.current();
 * byte[] state = ctx.previousCheckpoint().orElse(new byte[0]);   // what the last attempt saved
 * ctx.writeCheckpoint(progress);
 * ctx.appendReport("<p>trained on " + rows + " rows</p>");
 * String token = ctx.secret("github/token");
 * }</pre>
 */
public interface TaskContext {
  /** Where the task runs. */
  enum Mode {
    /** In the embedded executor. */
    LOCAL,
    /** In a Flyte cluster's pod. */
    CLUSTER
  }

  /** Returns the context of the task running on this thread, or throws outside a task. */
  static TaskContext current() {
    Contexts.Frame frame = Contexts.current();
    if (frame == null) {
      throw new IllegalStateException(
          "no task is running on this thread: TaskContext.current() works inside a task body");
    }
    return frame.context();
  }

  /** Returns the run's name. */
  String runName();

  /** Returns this action's name. */
  String actionName();

  /** Returns the task's fully qualified name. */
  String taskName();

  /** Returns the attempt number, from 0. */
  int attempt();

  /** Returns the prefix this attempt's files, directories and datasets go under. */
  URI rawDataPrefix();

  /** Returns the mode. */
  Mode mode();

  /** Returns where this attempt writes its checkpoint. */
  URI checkpointPrefix();

  /** Returns where the previous attempt wrote its checkpoint, if there was one. */
  Optional<URI> previousCheckpointPrefix();

  /** Returns the checkpoint the previous attempt wrote, if any. */
  Optional<byte[]> previousCheckpoint() throws IOException;

  /** Writes this attempt's checkpoint (replacing one written before in this attempt). */
  void writeCheckpoint(byte[] bytes) throws IOException;

  /** Appends HTML to this task's section of the run's report. */
  void appendReport(String html);

  /**
   * Returns the value of a secret the task declared, by {@link Secret#name()} ({@code group/key} or
   * {@code key}).
   */
  String secret(String name);
}
