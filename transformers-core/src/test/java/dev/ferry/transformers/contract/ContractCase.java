package dev.ferry.transformers.contract;

import dev.ferry.engine.TypeRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One type the contract suite checks, with sample values and what {@code toLiteral(null)} must do.
 *
 * @param name the display name of the case
 * @param type the Java type
 * @param samples values to convert, edge cases included
 * @param nulls what converting null does
 * @param nullMessage the exact message of the error for null, when {@code nulls} is {@code
 *     REJECTED} (the value is converted at path {@code inputs.value})
 */
record ContractCase<T>(
    String name, TypeRef<T> type, List<T> samples, Nulls nulls, String nullMessage) {

  /** What converting null does. */
  enum Nulls {
    /** A {@link dev.ferry.engine.LiteralConversionException}. */
    REJECTED,
    /** The same literal as {@code Optional.empty()}. */
    EMPTY_OPTIONAL,
    /** The none literal, read back as null. */
    NONE
  }

  /** Returns a case whose type rejects null with {@code nullMessage}. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read
  static <T> ContractCase<T> of(String name, TypeRef<T> type, String nullMessage, T... samples) {
    return new ContractCase<>(name, type, copy(samples), Nulls.REJECTED, nullMessage);
  }

  /** Returns a case whose samples are given as a list (large or generated values). */
  static <T> ContractCase<T> ofList(
      String name, TypeRef<T> type, String nullMessage, List<T> samples) {
    return new ContractCase<>(name, type, List.copyOf(samples), Nulls.REJECTED, nullMessage);
  }

  /** Returns a case of an {@code Optional} type: null converts as empty. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read
  static <T> ContractCase<T> optional(String name, TypeRef<T> type, T... samples) {
    return new ContractCase<>(name, type, copy(samples), Nulls.EMPTY_OPTIONAL, "");
  }

  /** Returns a case of {@code Void}: null is its only value. */
  static ContractCase<Void> none(String name, TypeRef<Void> type) {
    return new ContractCase<>(name, type, Arrays.asList((Void) null), Nulls.NONE, "");
  }

  private static <T> List<T> copy(T[] samples) {
    List<T> out = new ArrayList<>(samples.length);
    for (T sample : samples) {
      out.add(sample);
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return name;
  }
}
