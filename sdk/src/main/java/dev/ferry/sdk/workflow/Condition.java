package dev.ferry.sdk.workflow;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A condition of a branch ({@link WorkflowBuilder#when}): a comparison of a promise with a constant
 * or another promise, or two conditions joined by {@link #and} or {@link #or}. Operands are
 * primitives (integers, floats, strings, booleans, instants, durations); both sides of a comparison
 * must have the same literal type, which {@link WorkflowBuilder#when} checks. It compiles to a
 * Flyte {@code BooleanExpression}.
 *
 * <pre>{@code
 * Condition big = Condition.gt(rows, 1_000_000L).and(Condition.eq(mode, "fast"));
 * }</pre>
 */
public sealed interface Condition permits Condition.Comparison, Condition.Conjunction {
  /** A comparison operator, as Flyte's {@code ComparisonExpression.Operator}. */
  enum Op {
    /** Equal. */
    EQ("=="),
    /** Not equal. */
    NE("!="),
    /** Greater than. */
    GT(">"),
    /** Greater than or equal. */
    GTE(">="),
    /** Less than. */
    LT("<"),
    /** Less than or equal. */
    LTE("<=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /** Returns the operator as written in Java: {@code ==}, {@code >=}, ... */
    public String symbol() {
      return symbol;
    }
  }

  /** A logical operator, as Flyte's {@code ConjunctionExpression.LogicalOperator}. */
  enum Logic {
    /** Both hold. */
    AND,
    /** Either holds. */
    OR
  }

  /**
   * A comparison; {@code right} is a {@link Promise} or a constant.
   *
   * @param op the operator
   * @param left the left operand
   * @param right the right operand: a promise or a constant
   */
  record Comparison(Op op, Promise<?> left, @Nullable Object right) implements Condition {
    /** Checks the fields. */
    public Comparison {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(left, "left");
    }

    @Override
    public String toString() {
      return left + " " + op.symbol() + " " + right;
    }
  }

  /**
   * Two conditions joined by a logical operator.
   *
   * @param logic and or or
   * @param left the left condition
   * @param right the right condition
   */
  record Conjunction(Logic logic, Condition left, Condition right) implements Condition {
    /** Checks the fields. */
    public Conjunction {
      Objects.requireNonNull(logic, "logic");
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }
  }

  /** Returns {@code left == right}; {@code right} is a promise or a constant. */
  static Condition eq(Promise<?> left, @Nullable Object right) {
    return new Comparison(Op.EQ, left, right);
  }

  /** Returns {@code left != right}. */
  static Condition ne(Promise<?> left, @Nullable Object right) {
    return new Comparison(Op.NE, left, right);
  }

  /** Returns {@code left > right}. */
  static Condition gt(Promise<?> left, @Nullable Object right) {
    return new Comparison(Op.GT, left, right);
  }

  /** Returns {@code left >= right}. */
  static Condition gte(Promise<?> left, @Nullable Object right) {
    return new Comparison(Op.GTE, left, right);
  }

  /** Returns {@code left < right}. */
  static Condition lt(Promise<?> left, @Nullable Object right) {
    return new Comparison(Op.LT, left, right);
  }

  /** Returns {@code left <= right}. */
  static Condition lte(Promise<?> left, @Nullable Object right) {
    return new Comparison(Op.LTE, left, right);
  }

  /** Returns this condition and {@code other}. */
  default Condition and(Condition other) {
    return new Conjunction(Logic.AND, this, other);
  }

  /** Returns this condition or {@code other}. */
  default Condition or(Condition other) {
    return new Conjunction(Logic.OR, this, other);
  }
}
