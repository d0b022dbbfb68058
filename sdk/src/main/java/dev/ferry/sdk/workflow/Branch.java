package dev.ferry.sdk.workflow;

import dev.ferry.engine.TypeRef;
import dev.ferry.sdk.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A branch node being defined: its cases so far, from {@link WorkflowBuilder#when}. End it with
 * {@link #otherwise} or {@link #otherwiseFail}; until then nothing is recorded. Every case's task
 * must have the first case's output type.
 *
 * <pre>{@code
 * Promise<String> label =
 *     b.when(Condition.gte(score, 0.9), GOLD, score)
 *         .orWhen(Condition.gte(score, 0.5).and(Condition.eq(region, "eu")), SILVER, score)
 *         .otherwiseFail("score below 0.5 outside the EU");
 * }</pre>
 *
 * @param <O> the output of the branch: of whichever case runs
 */
public final class Branch<O> {
  /** A case not yet checked: its condition (null for otherwise), task and input. */
  record Pending(@Nullable Condition condition, Task<?, ?> task, Promise<?> input) {}

  private final WorkflowBuilder builder;
  private final TypeRef<O> outputType;
  private final List<Pending> cases = new ArrayList<>();
  private boolean ended;

  Branch(WorkflowBuilder builder, TypeRef<O> outputType) {
    this.builder = builder;
    this.outputType = outputType;
  }

  /** Adds a case: when {@code condition} holds and no earlier one did, {@code task} runs. */
  public <I> Branch<O> orWhen(
      Condition condition, Task<I, ? extends O> task, Promise<? extends I> input) {
    open();
    cases.add(
        new Pending(
            Objects.requireNonNull(condition, "condition"),
            Objects.requireNonNull(task, "task"),
            Objects.requireNonNull(input, "input")));
    return this;
  }

  /**
   * Ends the branch: when no case holds, {@code task} runs on {@code input}. Returns the promise of
   * the output of whichever case ran.
   */
  public <I> Promise<O> otherwise(Task<I, ? extends O> task, Promise<? extends I> input) {
    open();
    ended = true;
    return builder.branch(
        outputType, cases, new Pending(null, Objects.requireNonNull(task, "task"), input), null);
  }

  /**
   * Ends the branch: when no case holds, the workflow fails with {@code message}. Returns the
   * promise of the output of whichever case ran.
   */
  public Promise<O> otherwiseFail(String message) {
    open();
    ended = true;
    return builder.branch(outputType, cases, null, Objects.requireNonNull(message, "message"));
  }

  private void open() {
    if (ended) {
      throw new IllegalStateException("this branch has ended: start another with b.when(...)");
    }
  }
}
