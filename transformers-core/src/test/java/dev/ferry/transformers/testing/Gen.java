package dev.ferry.transformers.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A generator of random values for property-based tests: given a source of randomness and a size
 * (which grows over the tries of a property, so early failures are small), returns a value.
 *
 * <p>Generators bias towards edge cases (zero, the limits of each integer width, empty strings and
 * collections) because that is where encodings break.
 *
 * @param <T> the type of the values
 */
@FunctionalInterface
public interface Gen<T> {
  /** The first second of year 1 (UTC), the earliest datetime Flyte and Python can hold. */
  long MIN_EPOCH_SECOND = -62_135_596_800L;

  /** The last second of year 9999 (UTC). */
  long MAX_EPOCH_SECOND = 253_402_300_799L;

  /** Returns a value; {@code size} is 0 or more and bounds the size of collections and strings. */
  T next(SplittableRandom random, int size);

  /** Returns a generator of {@code f} applied to this generator's values. */
  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    return (random, size) -> f.apply(next(random, size));
  }

  /** Returns a generator of one value. */
  static <T> Gen<T> constant(T value) {
    return (random, size) -> value;
  }

  /** Returns a generator that picks one of the generators, uniformly. */
  @SafeVarargs
  static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    return (random, size) -> gens[random.nextInt(gens.length)].next(random, size);
  }

  /** Returns a generator of one of the values, uniformly. */
  @SafeVarargs
  static <T> Gen<T> elements(T... values) {
    return (random, size) -> values[random.nextInt(values.length)];
  }

  /** Returns a generator of longs over the whole range, often an edge of some integer width. */
  static Gen<Long> longs() {
    long[] edges = {
      0,
      1,
      -1,
      127,
      128,
      -32,
      -33,
      255,
      256,
      32767,
      32768,
      -32768,
      -32769,
      65535,
      65536,
      Integer.MAX_VALUE,
      Integer.MIN_VALUE,
      1L << 32,
      Long.MAX_VALUE,
      Long.MIN_VALUE
    };
    return (random, size) -> {
      if (random.nextInt(4) == 0) {
        return edges[random.nextInt(edges.length)];
      }
      int bits = 1 + random.nextInt(64); // every magnitude equally likely
      long v = bits == 64 ? random.nextLong() : random.nextLong(1L << (bits - 1));
      return random.nextBoolean() ? v : -v;
    };
  }

  /** Returns a generator of ints in {@code [min, max]}. */
  static Gen<Integer> ints(int min, int max) {
    return (random, size) -> (int) random.nextLong(min, (long) max + 1);
  }

  /** Returns a generator of doubles: finite values of every magnitude, and the special values. */
  static Gen<Double> doubles() {
    double[] edges = {
      0.0,
      -0.0,
      1.0,
      -1.5,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.MIN_VALUE,
      Double.MAX_VALUE,
      -Double.MAX_VALUE,
      1e-300,
      0.1
    };
    return (random, size) -> {
      if (random.nextInt(5) == 0) {
        return edges[random.nextInt(edges.length)];
      }
      double d = Double.longBitsToDouble(random.nextLong());
      return Double.isNaN(d) ? random.nextDouble() * 1e6 : d;
    };
  }

  /** Returns a generator of booleans. */
  static Gen<Boolean> booleans() {
    return (random, size) -> random.nextBoolean();
  }

  /**
   * Returns a generator of strings of valid code points from every plane: ASCII, Latin, CJK, emoji
   * (surrogate pairs), controls and NUL. Lone surrogates are excluded: they are not text and have
   * no UTF-8 form.
   */
  static Gen<String> strings() {
    return (random, size) -> {
      int length = random.nextInt(size + 1);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < length; i++) {
        int cp;
        switch (random.nextInt(6)) {
          case 0 -> cp = random.nextInt(0x20); // controls, NUL
          case 1, 2 -> cp = 0x20 + random.nextInt(0x5f);
          case 3 -> cp = 0x80 + random.nextInt(0x780);
          case 4 -> cp = random.nextInt(0x800, 0x10000);
          default -> cp = random.nextInt(0x10000, 0x110000);
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
          cp = 0xFFFD;
        }
        sb.appendCodePoint(cp);
      }
      return sb.toString();
    };
  }

  /** Returns a generator of short identifiers: {@code [a-z_][a-z0-9_]*}. */
  static Gen<String> identifiers() {
    return (random, size) -> {
      int length = 1 + random.nextInt(Math.max(1, Math.min(size, 12)));
      StringBuilder sb = new StringBuilder();
      sb.append((char) ('a' + random.nextInt(26)));
      for (int i = 1; i < length; i++) {
        sb.append("abcdefghijklmnopqrstuvwxyz0123456789_".charAt(random.nextInt(37)));
      }
      return sb.toString();
    };
  }

  /** Returns a generator of byte arrays. */
  static Gen<byte[]> bytes() {
    return (random, size) -> {
      byte[] b = new byte[random.nextInt(size * 4 + 1)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) random.nextInt(256);
      }
      return b;
    };
  }

  /** Returns a generator of instants between years 1 and 9999, with nanoseconds. */
  static Gen<Instant> instants() {
    return (random, size) -> {
      long seconds = random.nextLong(MIN_EPOCH_SECOND, MAX_EPOCH_SECOND + 1);
      int nanos =
          switch (random.nextInt(3)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000_000) * 1000; // microseconds, as Python has
            default -> random.nextInt(1_000_000_000);
          };
      return Instant.ofEpochSecond(seconds, nanos);
    };
  }

  /** Returns a generator of durations within {@code +-maxSeconds}, with nanoseconds. */
  static Gen<Duration> durations(long maxSeconds) {
    return (random, size) ->
        Duration.ofSeconds(
            random.nextLong(-maxSeconds, maxSeconds + 1), random.nextInt(1_000_000_000));
  }

  /** Returns a generator of constants of an enum. */
  static <E extends Enum<E>> Gen<E> enums(Class<E> type) {
    return elements(type.getEnumConstants());
  }

  /** Returns a generator of lists of up to {@code size} elements. */
  static <T> Gen<List<T>> listsOf(Gen<T> element) {
    return (random, size) -> {
      int n = random.nextInt(size + 1);
      List<T> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(element.next(random, size / 2));
      }
      return out;
    };
  }

  /** Returns a generator of maps of up to {@code size} entries, in insertion order. */
  static <K, V> Gen<Map<K, V>> mapsOf(Gen<K> keys, Gen<V> values) {
    return (random, size) -> {
      int n = random.nextInt(size + 1);
      Map<K, V> out = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        out.put(keys.next(random, size / 2), values.next(random, size / 2));
      }
      return out;
    };
  }

  /** Returns a generator of optionals, empty a quarter of the time. */
  static <T> Gen<Optional<T>> optionalsOf(Gen<T> value) {
    return (random, size) ->
        random.nextInt(4) == 0 ? Optional.empty() : Optional.of(value.next(random, size));
  }

  /** Returns a generator of this generator's values or null, null a quarter of the time. */
  default Gen<T> orNull() {
    return (random, size) -> random.nextInt(4) == 0 ? null : next(random, size);
  }
}
