package dev.ferry.transformers.contract;

import dev.ferry.engine.TypeEngine;
import dev.ferry.testing.DeepEquals;
import dev.ferry.testing.TransformerContract;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ferry's built-in transformers pass the contract suite published for plugins ({@code
 * ferry-testing}), over the same cases as {@link TransformerContractTest}.
 */
class PublishedContractTest {
  private static final TypeEngine ENGINE = TypeEngine.createDefault();

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ferry.transformers.contract.ContractCases#all")
  <T> void builtIn_passesThePublishedContract(ContractCase<T> c) {
    TransformerContract.of(ENGINE, c.type())
        .nulls(
            switch (c.nulls()) {
              case REJECTED -> TransformerContract.Nulls.REJECTED;
              case EMPTY_OPTIONAL -> TransformerContract.Nulls.EMPTY_OPTIONAL;
              case NONE -> TransformerContract.Nulls.NONE;
            })
        .equivalence(DeepEquals::equal)
        .threads(4)
        .check(c.samples());
  }
}
