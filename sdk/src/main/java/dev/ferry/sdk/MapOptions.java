package dev.ferry.sdk;

/**
 * How {@link Task#map} fans out: at most {@code concurrency} elements at once (0: the executor's
 * bound), and the share of elements that must succeed for the map to succeed.
 *
 * @param concurrency the most elements running at once; 0 for no limit of its own
 * @param minSuccessRatio the share of successful elements needed, from 0 to 1
 */
public record MapOptions(int concurrency, double minSuccessRatio) {
  /** No concurrency limit of its own; every element must succeed. */
  public static final MapOptions DEFAULT = new MapOptions(0, 1.0);

  public MapOptions {
    if (concurrency < 0) {
      throw new IllegalArgumentException(
          "map concurrency must be at least 0 but was '" + concurrency + "'");
    }
    if (!(minSuccessRatio >= 0.0 && minSuccessRatio <= 1.0)) {
      throw new IllegalArgumentException(
          "min success ratio must be between 0 and 1 but was '" + minSuccessRatio + "'");
    }
  }

  /** Returns these options with at most {@code concurrency} elements at once. */
  public MapOptions withConcurrency(int concurrency) {
    return new MapOptions(concurrency, minSuccessRatio);
  }

  /** Returns these options needing {@code ratio} of the elements to succeed. */
  public MapOptions withMinSuccessRatio(double ratio) {
    return new MapOptions(concurrency, ratio);
  }
}
