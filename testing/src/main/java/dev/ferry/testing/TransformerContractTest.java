package dev.ferry.testing;

import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link TransformerContract} as a JUnit 5 base class: extend it, say the type and the samples,
 * and the test runs.
 *
 * <pre>{@code
 * class MoneyContractTest extends TransformerContractTest<Money> {
 *   MoneyContractTest() {
 *     super(TypeRef.of(Money.class));
 *   }
 *
 *   protected List<Money> samples() {
 *     return List.of(Money.parse("12.50 EUR"), Money.parse("-0.01 USD"));
 *   }
 * }
 * }</pre>
 *
 * @param <T> the Java type
 */
public abstract class TransformerContractTest<T> {
  private final TypeRef<T> type;

  /** Checks {@code type}. */
  protected TransformerContractTest(TypeRef<T> type) {
    this.type = type;
  }

  /**
   * Returns the engine to check (default {@link TypeEngine#createDefault()}: what discovery finds).
   */
  protected TypeEngine engine() {
    return TypeEngine.createDefault();
  }

  /** Returns the sample values, edge cases included. */
  protected abstract List<T> samples();

  /** Returns the contract to check; override to set {@link TransformerContract#nulls} and such. */
  protected TransformerContract<T> contract() {
    return TransformerContract.of(engine(), type);
  }

  /** Runs the contract over the samples. */
  @Test
  public void transformerKeepsTheContract() {
    contract().check(samples());
  }
}
