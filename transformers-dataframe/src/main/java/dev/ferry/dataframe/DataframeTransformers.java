package dev.ferry.dataframe;

import dev.ferry.engine.TypeTransformer;
import dev.ferry.engine.TypeTransformerRegistrar;
import java.util.List;

/**
 * Registers the dataframe transformers ({@link StructuredDataset}) with every engine that discovers
 * registrars, as Ferry built-ins.
 */
public final class DataframeTransformers implements TypeTransformerRegistrar {
  @Override
  public List<TypeTransformer.Factory> factories() {
    return List.of(StructuredDatasetTransformer.FACTORY);
  }

  @Override
  public Precedence precedence() {
    return Precedence.BUILT_IN;
  }
}
