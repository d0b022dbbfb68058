package dev.ferry.transformers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeTransformerRegistrar;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CoreTransformersTest {
  @Test
  void serviceLoader_discoversTheBuiltInsWithBuiltInPrecedence() {
    assertThat(
            ServiceLoader.load(TypeTransformerRegistrar.class).stream()
                .map(ServiceLoader.Provider::type))
        .contains(CoreTransformers.class);
    CoreTransformers core = new CoreTransformers();

    assertThat(core.precedence()).isEqualTo(TypeTransformerRegistrar.Precedence.BUILT_IN);
    assertThat(core.factories()).hasSize(18).doesNotContainNull();
    assertThat(TypeEngine.createDefault().factories()).containsAll(core.factories());
  }

  @Test
  void engineWithoutDiscovery_keepsTheBuiltInsUnlessTurnedOff() {
    assertThat(TypeEngine.builder().discover(false).build().transformer(long.class))
        .isInstanceOf(IntegerTransformer.class);
    TypeEngine bare = TypeEngine.builder().discover(false).builtIns(false).build();

    assertThatThrownBy(() -> bare.transformer(long.class))
        .isInstanceOf(TypeDefinitionException.class);
    assertThat(
            TypeEngine.builder()
                .discover(false)
                .builtIns(false)
                .add(IntegerTransformer.FACTORY)
                .build()
                .transformer(long.class))
        .isInstanceOf(IntegerTransformer.class);
  }
}
