package dev.ferry.transformers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.transformers.testing.Structs;
import org.junit.jupiter.api.Test;

class BooleanTransformerTest {
  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs.b");

  @Test
  void toLiteral_falseIsWrittenNotOmitted() {
    // oneof members are written even when they hold the default: primitive { boolean: false }
    assertThat(Structs.hex(engine.toBytes(false, TypeRef.of(boolean.class), ctx)))
        .isEqualTo(Structs.spaced("0a 04 0a 02 20 00"));
  }

  @Test
  void toJava_otherLiteralIsADataError() {
    assertThatThrownBy(
            () -> engine.toJava(Literals.ofString("true"), TypeRef.of(Boolean.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a boolean but was string 'true' at inputs.b");
    assertThatThrownBy(
            () ->
                engine.fromBytes(
                    Literals.toBytes(Literals.ofInteger(1)), TypeRef.of(Boolean.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a boolean but was an integer at inputs.b");
  }
}
