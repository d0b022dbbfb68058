package dev.ferry.cli.run;

import dev.ferry.cli.CliException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts as people write them: {@code 312.0 MiB} out, {@code 16MiB}, {@code 2GB}, {@code 0}
 * in.
 */
final class ByteSizes {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

  private ByteSizes() {}

  /** Returns {@code bytes} with one decimal in the largest binary unit it reaches. */
  static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double v = bytes;
    int unit = 0;
    while (v >= 1024 && unit < UNITS.length - 1) {
      v /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
  }

  /**
   * Parses a size: a number with an optional unit ({@code B}, {@code KiB}/{@code K}/{@code KB},
   * {@code MiB}, {@code GiB}, {@code TiB}; all binary), naming {@code option} when it is none.
   */
  static long parse(String text, String option) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new CliException(
          option + ": expected a size such as 16MiB, 512KiB or 1048576 but was '" + text + "'");
    }
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    int power =
        switch (unit.charAt(0)) {
          case 'k' -> 1;
          case 'm' -> 2;
          case 'g' -> 3;
          case 't' -> 4;
          default -> 0;
        };
    return (long) (n * Math.pow(1024, power));
  }
}
