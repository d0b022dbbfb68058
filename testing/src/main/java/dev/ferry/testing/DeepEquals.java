package dev.ferry.testing;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Equality that compares arrays by content wherever they sit (inside lists, maps and optionals), as
 * the values of {@code byte[]} and untyped maps need; records and other objects use their {@code
 * equals}. {@link TransformerContract}'s default equivalence.
 */
public final class DeepEquals {
  private DeepEquals() {}

  /** Returns true if {@code a} and {@code b} are equal, arrays compared by content. */
  public static boolean equal(@Nullable Object a, @Nullable Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a.getClass().isArray() && b.getClass().isArray()) {
      return Objects.deepEquals(a, b);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      Iterator<?> i = x.iterator();
      Iterator<?> j = y.iterator();
      while (i.hasNext()) {
        if (!equal(i.next(), j.next())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (!x.keySet().equals(y.keySet())) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        if (!equal(e.getValue(), y.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Optional<?> x && b instanceof Optional<?> y) {
      return x.isPresent() == y.isPresent()
          && (x.isEmpty() || equal(x.orElseThrow(), y.orElseThrow()));
    }
    return a.equals(b);
  }
}
