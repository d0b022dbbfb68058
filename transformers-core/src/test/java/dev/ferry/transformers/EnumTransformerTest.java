package dev.ferry.transformers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.EnumType;
import dev.ferry.idl.core.LiteralType;
import org.junit.jupiter.api.Test;

class EnumTransformerTest {
  enum Priority {
    @EnumValue("low")
    LOW,
    MEDIUM,
    @EnumValue("high")
    HIGH {
      @Override
      public String toString() {
        return "HIGH!";
      }
    }
  }

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs.p");
  private final TypeRef<Priority> type = TypeRef.of(Priority.class);

  @Test
  void literalType_valuesInDeclarationOrderWithAnnotatedNames() {
    assertThat(engine.literalType(type))
        .isEqualTo(
            LiteralType.newBuilder()
                .setEnumType(
                    EnumType.newBuilder().addValues("low").addValues("MEDIUM").addValues("high"))
                .build());
  }

  @Test
  void roundTrip_constantWithABodyUsesItsValue() {
    assertThat(engine.toLiteral(Priority.HIGH, type, ctx)).isEqualTo(Literals.ofString("high"));
    assertThat(engine.toJava(Literals.ofString("high"), type, ctx)).isSameAs(Priority.HIGH);
  }

  @Test
  void toJava_constantNameIsNotTheValue() {
    assertThatThrownBy(() -> engine.toJava(Literals.ofString("LOW"), type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected one of [low, MEDIUM, high] but was 'LOW' at inputs.p");
  }

  @Test
  void toJava_otherLiteralIsADataError() {
    assertThatThrownBy(() -> engine.toJava(Literals.ofInteger(1), type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected one of [low, MEDIUM, high] but was integer 1 at inputs.p");
    assertThatThrownBy(() -> engine.fromBytes(Literals.toBytes(Literals.ofInteger(1)), type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected one of [low, MEDIUM, high] but was an integer at inputs.p");
  }
}
