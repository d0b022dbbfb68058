package dev.ferry.sdk;

import java.util.regex.Pattern;

/** Checks Kubernetes resource quantities ({@code "500m"}, {@code "4Gi"}, {@code "2"}). */
final class Quantities {
  private static final Pattern QUANTITY =
      Pattern.compile("[0-9]+(\\.[0-9]+)?([eE][0-9]+|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");

  private Quantities() {}

  /** Returns {@code value} if it is a quantity, else throws naming the field and an example. */
  static String check(String field, String example, String value) {
    if (value == null || !QUANTITY.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must be a quantity such as \"" + example + "\" but was '" + value + "'");
    }
    return value;
  }

  static String require(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank but was '" + value + "'");
    }
    return value;
  }
}
