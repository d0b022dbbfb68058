package com.acme.money;

import dev.ferry.engine.TypeTransformer;
import dev.ferry.engine.TypeTransformerRegistrar;
import java.util.List;

// snippet:begin readme-money-registrar
// snippet:begin javadoc-money-registrar
public final class MoneyRegistrar implements TypeTransformerRegistrar {
  public List<TypeTransformer.Factory> factories() {
    return List.of(MoneyTransformer.FACTORY);
  }
}
// snippet:end javadoc-money-registrar
// META-INF/services/dev.ferry.engine.TypeTransformerRegistrar holds the line
// com.acme.money.MoneyRegistrar
// snippet:end readme-money-registrar
