package dev.ferry.schema;

import java.util.Locale;
import javax.lang.model.SourceVersion;

/** Java identifiers for the names other SDKs use: fields, classes and enum constants. */
final class JavaNames {
  private JavaNames() {}

  /** Returns {@code order_id} as {@code orderId}, escaping Java keywords with a trailing _. */
  static String camel(String wire) {
    StringBuilder sb = new StringBuilder();
    boolean upper = false;
    for (char c : wire.toCharArray()) {
      if (c == '_' || c == '-' || c == ' ' || c == '.') {
        upper = sb.length() > 0;
      } else if (Character.isJavaIdentifierPart(c)) {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    String s = sb.length() == 0 ? "field" : sb.toString();
    if (!Character.isJavaIdentifierStart(s.charAt(0))) {
      s = "_" + s;
    }
    return SourceVersion.isKeyword(s) ? s + "_" : s;
  }

  /** Returns {@code line_item} as {@code LineItem}. */
  static String pascal(String wire) {
    String c = camel(wire);
    return c.startsWith("_") ? "T" + c : Character.toUpperCase(c.charAt(0)) + c.substring(1);
  }

  /** Returns {@code dark-red} as {@code DARK_RED}. */
  static String constant(String value) {
    StringBuilder sb = new StringBuilder();
    for (char c : value.toCharArray()) {
      sb.append(Character.isJavaIdentifierPart(c) ? Character.toUpperCase(c) : '_');
    }
    String s = sb.length() == 0 ? "EMPTY" : sb.toString();
    if (!Character.isJavaIdentifierStart(s.charAt(0))) {
      s = "_" + s;
    }
    return SourceVersion.isKeyword(s.toLowerCase(Locale.ROOT))
            && s.equals(s.toLowerCase(Locale.ROOT))
        ? s + "_"
        : s;
  }
}
