package dev.ferry.transformers;

import dev.ferry.engine.TypeTransformer;
import dev.ferry.engine.TypeTransformerRegistrar;
import dev.ferry.transformers.blob.FlyteDirectoryTransformer;
import dev.ferry.transformers.blob.FlyteFileTransformer;
import java.util.List;

/**
 * Registers Ferry's built-in transformers with every engine that discovers registrars (listed in
 * {@code META-INF/services}). Their order does not matter: each accepts types no other accepts.
 */
public final class CoreTransformers implements TypeTransformerRegistrar {
  private static final List<TypeTransformer.Factory> FACTORIES =
      List.of(
          IntegerTransformer.FACTORY,
          FloatTransformer.FACTORY,
          BooleanTransformer.FACTORY,
          StringTransformer.FACTORY,
          DatetimeTransformer.FACTORY,
          DurationTransformer.FACTORY,
          NoneTransformer.FACTORY,
          BinaryTransformer.FACTORY,
          BigDecimalTransformer.FACTORY,
          EnumTransformer.FACTORY,
          RecordTransformer.FACTORY,
          SealedUnionTransformer.FACTORY,
          OptionalTransformer.FACTORY,
          ListTransformer.FACTORY,
          MapTransformer.FACTORY,
          UntypedMapTransformer.FACTORY,
          FlyteFileTransformer.FACTORY,
          FlyteDirectoryTransformer.FACTORY);

  @Override
  public List<TypeTransformer.Factory> factories() {
    return FACTORIES;
  }

  @Override
  public Precedence precedence() {
    return Precedence.BUILT_IN;
  }
}
