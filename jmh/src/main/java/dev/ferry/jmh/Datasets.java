package dev.ferry.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The benchmark inputs: fixed-seed, so every run and every implementation sees the same data. */
public final class Datasets {
  /** The seed of every dataset. */
  public static final long SEED = 0x5EED_F377L;

  private static final String LETTERS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String[] NON_ASCII = {"café", "größe", "日本", "ñandú", "€", "naïve"};

  private Datasets() {}

  /**
   * Returns {@code n} longs mixing magnitudes: a quarter in [0, 128) (one varint byte), a quarter
   * in [-10^6, 10^6) (negatives take ten varint bytes), a quarter in [0, 2^40) and a quarter over
   * the whole range.
   */
  public static List<Long> longs(int n) {
    SplittableRandom random = new SplittableRandom(SEED);
    List<Long> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long v;
      switch (random.nextInt(4)) {
        case 0:
          v = random.nextLong(128);
          break;
        case 1:
          v = random.nextLong(-1_000_000, 1_000_000);
          break;
        case 2:
          v = random.nextLong(1L << 40);
          break;
        default:
          v = random.nextLong();
          break;
      }
      out.add(v);
    }
    return out;
  }

  /**
   * Returns {@code n} rows: ids up to 2^40, names of 4 to 24 characters (one in ten with non-ASCII
   * characters), prices in cents up to 10,000, quantities in [0, 1000).
   */
  public static List<Row> rows(int n) {
    SplittableRandom random = new SplittableRandom(SEED);
    List<Row> out = new ArrayList<>(n);
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < n; i++) {
      name.setLength(0);
      name.append("item-");
      int length = random.nextInt(4, 25);
      for (int c = 0; c < length; c++) {
        name.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
      }
      if (random.nextInt(10) == 0) {
        name.append('-').append(NON_ASCII[random.nextInt(NON_ASCII.length)]);
      }
      out.add(
          new Row(
              random.nextLong(1L << 40),
              name.toString(),
              random.nextLong(1_000_000) / 100.0,
              random.nextBoolean(),
              random.nextInt(1000)));
    }
    return out;
  }
}
