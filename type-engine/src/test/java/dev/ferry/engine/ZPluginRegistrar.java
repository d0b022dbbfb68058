package dev.ferry.engine;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A second plugin registrar: sorted after {@link APluginRegistrar} by class name. */
public final class ZPluginRegistrar implements TypeTransformerRegistrar {
  @Override
  public List<TypeTransformer.Factory> factories() {
    return List.of(TestTransformers.strings("zplugin", new AtomicInteger()));
  }
}
