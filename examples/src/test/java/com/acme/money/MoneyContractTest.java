package com.acme.money;

import dev.ferry.engine.TypeRef;
import dev.ferry.testing.TransformerContractTest;
import java.util.List;

// snippet:begin contract-base-class
class MoneyContractTest extends TransformerContractTest<Money> {
  MoneyContractTest() {
    super(TypeRef.of(Money.class));
  }

  protected List<Money> samples() {
    return List.of(Money.parse("12.50 EUR"), Money.parse("-0.01 USD"));
  }
}
// snippet:end contract-base-class
