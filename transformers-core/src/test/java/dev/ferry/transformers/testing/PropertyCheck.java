package dev.ferry.transformers.testing;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a property over generated values: a small, seeded harness for property-based tests.
 *
 * <p>The seed comes from the system property {@code ferry.seed}: the build sets a fixed one (the
 * root pom's {@code ferry.seed} property), so CI draws the same values on every run; {@code
 * -Dferry.seed=random} draws a fresh seed per property, to explore new values; {@code
 * -Dferry.seed=<seed>} replays a run. Every property prints its seed, and a failure names it.
 * Without the property (a test run from an IDE) a fresh seed is drawn. Sizes grow from 0 to {@code
 * maxSize} over the tries, so the first failure found tends to be a small one. There is no
 * shrinking.
 *
 * <pre>{@code
 * PropertyCheck.forAll(500, 20, Gen.listsOf(Gen.longs()), list -> assertThat(...));
 * }</pre>
 */
public final class PropertyCheck {
  /** The system property that fixes the seed ({@code random} or absent: a fresh one). */
  public static final String SEED_PROPERTY = "ferry.seed";

  private PropertyCheck() {}

  /** A check of one value; may throw anything, which fails the property. */
  @FunctionalInterface
  public interface Property<T> {
    /** Checks {@code value}. */
    void check(T value) throws Exception;
  }

  /**
   * Checks {@code property} for {@code tries} values of {@code gen}, sizes up to {@code maxSize}.
   */
  public static <T> void forAll(int tries, int maxSize, Gen<T> gen, Property<T> property) {
    long seed = seed();
    System.out.println(
        "PropertyCheck: seed "
            + seed
            + " for "
            + tries
            + " tries (replay with -D"
            + SEED_PROPERTY
            + "="
            + seed
            + ")");
    SplittableRandom master = new SplittableRandom(seed);
    for (int i = 0; i < tries; i++) {
      SplittableRandom random = master.split();
      int size = tries <= 1 ? maxSize : (int) ((long) maxSize * i / (tries - 1));
      T value = gen.next(random, size);
      try {
        property.check(value);
      } catch (Throwable t) {
        throw new AssertionError(
            "property failed at try "
                + (i + 1)
                + " of "
                + tries
                + " (replay with -D"
                + SEED_PROPERTY
                + "="
                + seed
                + ") for value "
                + describe(value)
                + ": "
                + t,
            t);
      }
    }
  }

  /** Returns the seed {@code ferry.seed} names, or a fresh one if it is absent or "random". */
  public static long seed() {
    String fixed = System.getProperty(SEED_PROPERTY, "").trim();
    if (fixed.isEmpty() || fixed.equals("random")) {
      return ThreadLocalRandom.current().nextLong();
    }
    try {
      return Long.parseLong(fixed);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-D" + SEED_PROPERTY + " must be a long or 'random' but was '" + fixed + "'", e);
    }
  }

  /** Returns a short description of a generated value for a failure message. */
  public static String describe(Object value) {
    String s = value instanceof byte[] b ? Arrays.toString(b) : String.valueOf(value);
    return s.length() > 2000 ? s.substring(0, 2000) + "... (" + s.length() + " chars)" : s;
  }
}
