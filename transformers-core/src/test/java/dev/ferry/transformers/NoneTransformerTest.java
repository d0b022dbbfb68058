package dev.ferry.transformers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.transformers.testing.MsgpackLiterals;
import dev.ferry.transformers.testing.Structs;
import org.junit.jupiter.api.Test;

class NoneTransformerTest {
  record Nothing(Void nothing) {}

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs.v");

  @Test
  void literalType_isSimpleNone() {
    assertThat(engine.literalType(Void.class)).isEqualTo(Literals.simple(SimpleType.NONE));
    assertThat(engine.literalType(void.class)).isEqualTo(Literals.simple(SimpleType.NONE));
  }

  @Test
  void toLiteral_noneTypeIsWrittenEvenThoughEmpty() {
    // scalar { none_type {} }: the empty message is on the wire as 2a 00
    assertThat(Structs.hex(engine.toBytes(null, TypeRef.of(Void.class), ctx)))
        .isEqualTo(Structs.spaced("0a 02 2a 00"));
  }

  @Test
  void toJava_somethingElseIsADataError() {
    assertThatThrownBy(() -> engine.toJava(Literals.ofInteger(1), TypeRef.of(Void.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected none but was integer 1 at inputs.v");
  }

  @Test
  void insideRecord_nilOnly() {
    assertThat(engine.toLiteral(new Nothing(null), TypeRef.of(Nothing.class), ctx))
        .isEqualTo(MsgpackLiterals.of(p -> p.packMapHeader(1).packString("nothing").packNil()));
    assertThatThrownBy(
            () ->
                engine.toJava(
                    MsgpackLiterals.of(p -> p.packMapHeader(1).packString("nothing").packLong(0)),
                    TypeRef.of(Nothing.class),
                    ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected nil but was an integer at inputs.v.nothing");
    // a missing key of a component that accepts nil reads as nil
    assertThat(
            engine.toJava(
                MsgpackLiterals.of(p -> p.packMapHeader(0)), TypeRef.of(Nothing.class), ctx))
        .isEqualTo(new Nothing(null));
  }
}
