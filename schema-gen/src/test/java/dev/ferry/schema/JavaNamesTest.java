package dev.ferry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JavaNamesTest {
  @Test
  void camel_snakeCaseToJava_escapingKeywordsAndDigits() {
    assertThat(JavaNames.camel("order_id")).isEqualTo("orderId");
    assertThat(JavaNames.camel("class")).isEqualTo("class_");
    assertThat(JavaNames.camel("2d")).isEqualTo("_2d");
  }

  @Test
  void pascal_andConstant() {
    assertThat(JavaNames.pascal("line_item")).isEqualTo("LineItem");
    assertThat(JavaNames.pascal("Courier")).isEqualTo("Courier");
    assertThat(JavaNames.constant("dark-red")).isEqualTo("DARK_RED");
  }
}
