package dev.ferry.sdk;

/** Fewer elements of a {@link Task#map} succeeded than its minimum success ratio asks. */
public class MapFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient MapResult<?> result;

  /** Returns an exception for {@code result}. */
  public MapFailedException(String task, MapResult<?> result, double minSuccessRatio) {
    super(
        "map of "
            + task
            + ": "
            + result.failures().size()
            + " of "
            + result.elements().size()
            + " elements failed, success ratio "
            + String.format(java.util.Locale.ROOT, "%.2f", result.successRatio())
            + " is below the minimum "
            + String.format(java.util.Locale.ROOT, "%.2f", minSuccessRatio)
            + (result.failures().isEmpty()
                ? ""
                : "; first failure: " + result.failures().get(0).getMessage()));
    this.result = result;
  }

  /** Returns the per-element results. */
  public MapResult<?> result() {
    return result;
  }
}
