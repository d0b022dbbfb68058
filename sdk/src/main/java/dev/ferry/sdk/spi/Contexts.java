package dev.ferry.sdk.spi;

import dev.ferry.sdk.TaskContext;
import org.jspecify.annotations.Nullable;

/**
 * The task running on the current thread, as its executor installed it. An executor calls {@link
 * #enter} on the thread that runs a task body and closes the scope when the body returns; nothing
 * else is kept.
 */
public final class Contexts {
  /** The running task of a thread: its context and its executor's controller. */
  public record Frame(TaskContext context, ActionController controller) {}

  /** A scope that restores the previous frame when closed. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  private static final ThreadLocal<@Nullable Frame> CURRENT = new ThreadLocal<>();

  private Contexts() {}

  /** Returns the frame of the task running on this thread, or null outside a task. */
  public static @Nullable Frame current() {
    return CURRENT.get();
  }

  /** Makes {@code frame} current on this thread until the scope is closed. */
  public static Scope enter(Frame frame) {
    Frame previous = CURRENT.get();
    CURRENT.set(frame);
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }
}
