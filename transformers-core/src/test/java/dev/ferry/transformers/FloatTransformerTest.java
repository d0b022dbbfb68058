package dev.ferry.transformers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.Primitive;
import dev.ferry.transformers.testing.MsgpackLiterals;
import org.junit.jupiter.api.Test;

class FloatTransformerTest {
  record Price(double amount, float ratio) {}

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs.f");

  private static Literal floating(double v) {
    return Literals.of(Primitive.newBuilder().setFloatValue(v).build());
  }

  @Test
  void toJava_acceptsAnIntegerAsPythonDoes() {
    assertThat(engine.toJava(Literals.ofInteger(3), TypeRef.of(double.class), ctx)).isEqualTo(3.0);
    assertThat(
            engine.fromBytes(
                Literals.toBytes(Literals.ofInteger(-2)), TypeRef.of(Float.class), ctx))
        .isEqualTo(-2.0f);
  }

  @Test
  void toLiteral_wholeFloatStaysAFloat() {
    assertThat(engine.toLiteral(2.0, TypeRef.of(double.class), ctx)).isEqualTo(floating(2.0));
  }

  @Test
  void toJava_floatOutOfFloatRangeIsADataError() {
    assertThatThrownBy(() -> engine.toJava(floating(1e300), TypeRef.of(float.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a float within +-3.4028235E38 but was '1.0E300' at inputs.f");
    assertThat(engine.toJava(floating(Double.NEGATIVE_INFINITY), TypeRef.of(float.class), ctx))
        .isEqualTo(Float.NEGATIVE_INFINITY);
  }

  @Test
  void toJava_otherPrimitiveIsADataError() {
    assertThatThrownBy(() -> engine.toJava(Literals.ofString("1.5"), TypeRef.of(double.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a float but was string '1.5' at inputs.f");
  }

  @Test
  void insideRecord_readsIntegersAndFloat32() {
    Literal literal =
        MsgpackLiterals.of(
            p ->
                p.packMapHeader(2)
                    .packString("amount")
                    .packLong(120)
                    .packString("ratio")
                    .packFloat(0.5f));

    assertThat(engine.toJava(literal, TypeRef.of(Price.class), ctx))
        .isEqualTo(new Price(120, 0.5f));
  }
}
