package dev.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiteralConversionExceptionTest {
  private static LiteralConversionException error() {
    return new LiteralConversionException("one of [RED, GREEN]", "'BLUE'", null, null);
  }

  @Test
  void message_followsTheGrammar() {
    LiteralConversionException e = error().atField("color").atIndex(3).atField("items");
    e.withRoot("inputs.order");
    assertThat(e)
        .hasMessage("expected one of [RED, GREEN] but was 'BLUE' at inputs.order.items[3].color");
    assertThat(e.expected()).isEqualTo("one of [RED, GREEN]");
    assertThat(e.actual()).isEqualTo("'BLUE'");
  }

  @Test
  void path_withoutRootDropsTheLeadingDot() {
    assertThat(error().atField("a").path()).isEqualTo("a");
    assertThat(error().path()).isEqualTo("<root>");
  }

  @Test
  void atKey_quotesKeysThatAreNotIdentifiers() {
    assertThat(error().atKey("my key").atKey("ok").path()).isEqualTo("ok[\"my key\"]");
  }

  @Test
  void withRoot_firstRootWins() {
    LiteralConversionException e = error().withRoot("inner").withRoot("outer");
    assertThat(e.path()).isEqualTo("inner");
  }
}
