package dev.ferry.engine;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A plugin registrar discovered through the test class path's META-INF/services. */
public final class APluginRegistrar implements TypeTransformerRegistrar {
  @Override
  public List<TypeTransformer.Factory> factories() {
    return List.of(TestTransformers.strings("plugin", new AtomicInteger()));
  }
}
