package dev.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TransformContextTest {
  record Store(String name) {}

  @Test
  void child_appendsToThePath() {
    assertThat(TransformContext.at("inputs").child("order").path()).isEqualTo("inputs.order");
    assertThat(TransformContext.defaults().child("x").path()).isEqualTo("x");
  }

  @Test
  void with_addsTypedAttributesWithoutChangingTheOriginal() {
    TransformContext base = TransformContext.at("inputs");
    TransformContext withStore = base.with(Store.class, new Store("s3"));
    assertThat(withStore.get(Store.class)).isEqualTo(new Store("s3"));
    assertThat(base.get(Store.class)).isNull();
    assertThat(withStore.withPath("outputs").require(Store.class)).isEqualTo(new Store("s3"));
  }

  @Test
  void require_missingAttributeSaysHowToAddIt() {
    assertThatThrownBy(() -> TransformContext.defaults().require(Store.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the transform context has no Store: add it with ctx.with(...)");
  }
}
