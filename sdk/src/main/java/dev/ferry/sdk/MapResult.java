package dev.ferry.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * The results of a {@link Task#map}, one per input in input order: each a value or the failure of
 * its action.
 *
 * @param <O> the task's output
 */
public final class MapResult<O> {
  /** One element's result. */
  public record Element<O>(int index, @Nullable O value, @Nullable ActionFailedException failure) {
    /** Returns true if the element's action succeeded. */
    public boolean succeeded() {
      return failure == null;
    }
  }

  private final List<Element<O>> elements;

  /** Returns a result of {@code elements}, in input order. */
  public MapResult(List<Element<O>> elements) {
    this.elements = List.copyOf(elements);
  }

  /** Returns every element, in input order. */
  public List<Element<O>> elements() {
    return elements;
  }

  /**
   * Returns the values of the successful elements, in input order (nulls only for a task without
   * outputs, {@code Void}).
   */
  public List<O> values() {
    List<O> out = new ArrayList<>();
    for (Element<O> e : elements) {
      if (e.succeeded()) {
        out.add(succeeded(e.value()));
      }
    }
    return out;
  }

  // A succeeded element's value is null only when O is Void, which no caller dereferences; the
  // declared type says "no null" to callers of tasks with outputs, as the engine guarantees.
  @SuppressWarnings("NullAway")
  private static <O> O succeeded(@Nullable O value) {
    return value;
  }

  /** Returns the value of element {@code index}, empty if it failed or was null. */
  public Optional<O> value(int index) {
    return Optional.ofNullable(elements.get(index).value());
  }

  /** Returns the failures, in input order. */
  public List<ActionFailedException> failures() {
    List<ActionFailedException> out = new ArrayList<>();
    for (Element<O> e : elements) {
      if (e.failure() != null) {
        out.add(e.failure());
      }
    }
    return out;
  }

  /** Returns the share of elements that succeeded (1 for an empty map). */
  public double successRatio() {
    if (elements.isEmpty()) {
      return 1.0;
    }
    return (double) (elements.size() - failures().size()) / elements.size();
  }

  @Override
  public String toString() {
    return "MapResult{" + elements.size() + " elements, " + failures().size() + " failed}";
  }

  /**
   * Waits for every element's future and returns the result, or throws {@link MapFailedException}
   * when fewer than {@code minSuccessRatio} of them succeeded. For executors.
   */
  public static <O> MapResult<O> collect(
      String taskName, List<CompletableFuture<O>> futures, double minSuccessRatio) {
    List<Element<O>> elements = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      try {
        elements.add(new Element<>(i, futures.get(i).join(), null));
      } catch (CompletionException | CancellationException e) {
        Throwable cause = e instanceof CompletionException ? e.getCause() : e;
        ActionFailedException failure =
            cause instanceof ActionFailedException a
                ? a
                : new ActionFailedException(
                    "?", taskName, "FAILED", "SYSTEM", String.valueOf(cause));
        elements.add(new Element<>(i, null, failure));
      }
    }
    MapResult<O> result = new MapResult<>(elements);
    if (result.successRatio() < minSuccessRatio) {
      throw new MapFailedException(taskName, result, minSuccessRatio);
    }
    return result;
  }
}
