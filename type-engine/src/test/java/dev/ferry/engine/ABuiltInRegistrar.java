package dev.ferry.engine;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A built-in registrar: sorted first by name, yet asked after every plugin. */
public final class ABuiltInRegistrar implements TypeTransformerRegistrar {
  @Override
  public List<TypeTransformer.Factory> factories() {
    return List.of(TestTransformers.strings("builtin", new AtomicInteger()));
  }

  @Override
  public Precedence precedence() {
    return Precedence.BUILT_IN;
  }
}
