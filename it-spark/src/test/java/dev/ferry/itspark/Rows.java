package dev.ferry.itspark;

import dev.ferry.dataframe.parquet.DecimalColumn;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/** The row types the interop tests write: every column type Ferry writes, nulls at every level. */
final class Rows {
  private Rows() {}

  /** A nested record with a nullable component. */
  record Point(double x, double y, @Nullable String label) {}

  /** The element of a list of records. */
  record Tag(String name, Optional<Long> weight) {}

  /** One row of every column type. */
  record Everything(
      long id,
      byte b,
      short s,
      int i,
      float f,
      double d,
      boolean flag,
      String text,
      byte[] bytes,
      BigDecimal wide,
      @DecimalColumn(precision = 12, scale = 2) BigDecimal amount,
      @DecimalColumn(precision = 5, scale = 1) BigDecimal small,
      LocalDate day,
      Instant at,
      List<Long> ids,
      List<Optional<String>> labels,
      List<Tag> tags,
      List<List<Integer>> matrix,
      Point point,
      Optional<Point> anchor,
      Optional<Long> maybeLong,
      Optional<Integer> maybeInt,
      Optional<Boolean> maybeFlag,
      @Nullable String note,
      Optional<LocalDate> maybeDay,
      Optional<Instant> maybeAt,
      Optional<BigDecimal> maybeWide,
      Optional<List<Long>> maybeIds) {

    // byte[] compares by identity in a record: compare by content so rows read back are equal
    @Override
    public boolean equals(Object o) {
      return o instanceof Everything e && Arrays.equals(bytes, e.bytes) && key().equals(e.key());
    }

    @Override
    public int hashCode() {
      return key().hashCode() * 31 + Arrays.hashCode(bytes);
    }

    private List<Object> key() {
      List<Object> k = new ArrayList<>();
      k.addAll(List.of(id, b, s, i, f, d, flag, text, wide, amount, small, day, at));
      k.addAll(List.of(ids, labels, tags, matrix, point, anchor, maybeLong, maybeInt, maybeFlag));
      k.add(note);
      k.addAll(List.of(maybeDay, maybeAt, maybeWide, maybeIds));
      return k;
    }
  }

  /** The long above 2^53 that a float64 column cannot hold. */
  static final long BIG = (1L << 53) + 1;

  /** Returns {@code n} rows; every third has its nullable values null (or empty). */
  static List<Everything> everything(int n) {
    return IntStream.range(0, n).mapToObj(Rows::row).toList();
  }

  static Everything row(int k) {
    boolean nulls = k % 3 == 1;
    return new Everything(
        k,
        (byte) (k % 256 - 128),
        (short) (k * 7 - 20_000),
        k * 1_000_003,
        k / 8.0f,
        k / 3.0,
        k % 2 == 0,
        "text-" + k + (k % 5 == 0 ? " \u00e9\u4e2d" : ""),
        new byte[] {(byte) k, (byte) (k >> 8), 0, -1},
        new BigDecimal("12345678901234567890." + String.format("%018d", k)),
        new BigDecimal(k * 101L).movePointLeft(2),
        new BigDecimal(k % 9999).movePointLeft(1),
        LocalDate.of(2024, 2, 28).plusDays(k),
        Instant.ofEpochSecond(1_700_000_000L + k * 3_600L, (k % 1000) * 1_000L),
        List.of((long) k, BIG + k),
        nulls ? List.of(Optional.empty(), Optional.of("b")) : List.of(Optional.of("a" + k)),
        k % 4 == 0
            ? List.of()
            : List.of(new Tag("t" + k, Optional.of((long) k)), new Tag("u", Optional.empty())),
        List.of(List.of(k, k + 1), List.of(), List.of(-k)),
        new Point(k, -k, nulls ? null : "p" + k),
        nulls ? Optional.empty() : Optional.of(new Point(0.5, k, null)),
        nulls ? Optional.empty() : Optional.of(BIG + k),
        nulls ? Optional.empty() : Optional.of(-k),
        nulls ? Optional.empty() : Optional.of(k % 2 == 1),
        nulls ? null : "note " + k,
        nulls ? Optional.empty() : Optional.of(LocalDate.of(1969, 12, 31).plusDays(k)),
        nulls ? Optional.empty() : Optional.of(Instant.ofEpochMilli(-1000L * k)),
        nulls
            ? Optional.empty()
            : Optional.of(new BigDecimal("-1.5").scaleByPowerOfTen(-(k % 10)).setScale(18)),
        nulls ? Optional.empty() : Optional.of(List.of(BIG, (long) -k)));
  }
}
