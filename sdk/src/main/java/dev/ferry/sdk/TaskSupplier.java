package dev.ferry.sdk;

import java.io.Serializable;

/**
 * The body of a task without inputs ({@code Generate::rows}). See {@link TaskFunction}.
 *
 * @param <O> the output
 */
@FunctionalInterface
public interface TaskSupplier<O> extends Serializable {
  /** Runs the task. */
  O run() throws Exception;
}
