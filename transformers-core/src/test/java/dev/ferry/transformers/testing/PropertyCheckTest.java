package dev.ferry.transformers.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

@ResourceLock(Resources.SYSTEM_PROPERTIES)
class PropertyCheckTest {
  private String saved;

  @BeforeEach
  void save() {
    saved = System.getProperty(PropertyCheck.SEED_PROPERTY);
  }

  @AfterEach
  void restore() {
    if (saved == null) {
      System.clearProperty(PropertyCheck.SEED_PROPERTY);
    } else {
      System.setProperty(PropertyCheck.SEED_PROPERTY, saved);
    }
  }

  @Test
  void seed_fixedProperty_isUsed() {
    System.setProperty(PropertyCheck.SEED_PROPERTY, " 42 ");
    assertThat(PropertyCheck.seed()).isEqualTo(42L);
  }

  @Test
  void forAll_sameSeed_drawsTheSameValues() {
    System.setProperty(PropertyCheck.SEED_PROPERTY, "7");
    assertThat(drawn()).isEqualTo(drawn());
  }

  @Test
  void seed_random_drawsAFreshSeed() {
    System.setProperty(PropertyCheck.SEED_PROPERTY, "random");
    long first = PropertyCheck.seed();
    long second = PropertyCheck.seed();
    long third = PropertyCheck.seed();
    assertThat(first != second || second != third).isTrue();
  }

  @Test
  void seed_notANumber_rejectedNamingTheValue() {
    System.setProperty(PropertyCheck.SEED_PROPERTY, "soon");
    assertThatThrownBy(PropertyCheck::seed)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("-Dferry.seed must be a long or 'random' but was 'soon'");
  }

  @Test
  void forAll_failure_namesTheSeed() {
    System.setProperty(PropertyCheck.SEED_PROPERTY, "99");
    assertThatThrownBy(
            () ->
                PropertyCheck.forAll(
                    5,
                    3,
                    Gen.longs(),
                    v -> {
                      throw new IllegalStateException("no");
                    }))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("property failed at try 1 of 5 (replay with -Dferry.seed=99)");
  }

  private static List<Long> drawn() {
    List<Long> values = new ArrayList<>();
    PropertyCheck.forAll(20, 10, Gen.longs(), values::add);
    return values;
  }
}
