package dev.ferry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VariantKeysTest {
  private static final VariantKeys PICKUP =
      new VariantKeys("Pickup", Set.of("store"), Set.of("store"));
  private static final VariantKeys COURIER =
      new VariantKeys("Courier", Set.of("address", "days", "note"), Set.of("address", "days"));

  @Test
  void admits_requiresEveryRequiredKeyAndNoUnknownOne() {
    assertThat(COURIER.admits(Set.of("address", "days"))).isTrue();
    assertThat(COURIER.admits(Set.of("address", "days", "note"))).isTrue();
    assertThat(COURIER.admits(Set.of("address"))).isFalse();
    assertThat(COURIER.admits(Set.of("address", "days", "store"))).isFalse();
  }

  @Test
  void overlap_distinctKeys_isNull() {
    assertThat(VariantKeys.overlap(List.of(PICKUP, COURIER))).isNull();
  }

  @Test
  void overlap_aVariantWhoseKeysAreOptionalInAnother_isNamed() {
    VariantKeys loose = new VariantKeys("Loose", Set.of("store", "address"), Set.of("address"));
    VariantKeys strict = new VariantKeys("Strict", Set.of("address"), Set.of("address"));

    assertThat(VariantKeys.overlap(List.of(PICKUP, loose, strict)))
        .isEqualTo(
            "inside a record Ferry tells variants apart by their keys, and the keys of Loose"
                + " [address, store] and of Strict [address] overlap");
  }
}
