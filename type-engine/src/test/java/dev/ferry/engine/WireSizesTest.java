package dev.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WireSizesTest {
  @Test
  void slotsAndPayloadsComeBackInTraversalOrder() {
    WireSizes sizes = new WireSizes();
    int outer = sizes.reserve();
    for (int i = 0; i < 100; i++) {
      sizes.set(sizes.reserve(), i);
      sizes.pushPayload("p" + i);
    }
    sizes.set(outer, 4242);
    assertThat(sizes.drained()).isFalse();
    assertThat(sizes.nextSize()).isEqualTo(4242);
    for (int i = 0; i < 100; i++) {
      assertThat(sizes.nextSize()).isEqualTo(i);
      assertThat(sizes.nextPayload()).isEqualTo("p" + i);
    }
    assertThat(sizes.drained()).isTrue();
  }

  @Test
  void readingPastWhatWasRecordedFails() {
    WireSizes sizes = new WireSizes();
    assertThatThrownBy(sizes::nextSize)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("write pass read more sizes than the size pass recorded");
    assertThatThrownBy(sizes::nextPayload).isInstanceOf(IllegalStateException.class);
  }
}
