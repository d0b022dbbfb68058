package dev.ferry.sdk;

import java.io.Serializable;

/**
 * The body of a task taking one input: a method reference ({@code Train::run}) or a lambda. It is
 * {@link Serializable} only so that the SDK can find the implementing method (its generic input and
 * output types, and its class for the cache's automatic version); it is never serialized.
 *
 * @param <I> the input: a record whose components are the inputs, or one value
 * @param <O> the output
 */
@FunctionalInterface
public interface TaskFunction<I, O> extends Serializable {
  /** Runs the task. */
  O run(I input) throws Exception;
}
