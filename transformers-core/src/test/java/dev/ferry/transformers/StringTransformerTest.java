package dev.ferry.transformers;

import static dev.ferry.transformers.testing.Structs.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.transformers.testing.MsgpackLiterals;
import org.junit.jupiter.api.Test;

class StringTransformerTest {
  record Name(String name) {}

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs.s");

  private Object readName(String utf8Hex) {
    // {"name": <str8 of the bytes>}
    byte[] bytes = hex(utf8Hex);
    Literal literal =
        MsgpackLiterals.of(
            p -> {
              p.packMapHeader(1).packString("name").packRawStringHeader(bytes.length);
              p.writePayload(bytes);
            });
    return engine.toJava(literal, TypeRef.of(Name.class), ctx);
  }

  @Test
  void insideRecord_decodesAsciiAndMultiByteUtf8() {
    assertThat(readName("61 62 63")).isEqualTo(new Name("abc"));
    assertThat(readName("c3 a9 e4 b8 ad f0 9f 9a 80")).isEqualTo(new Name("é中🚀"));
    assertThat(readName("")).isEqualTo(new Name(""));
  }

  @Test
  void insideRecord_invalidUtf8IsADataError() {
    for (String bad : new String[] {"ff", "c0 80", "ed a0 80", "e4 b8", "61 80"}) {
      assertThatThrownBy(() -> readName(bad))
          .as(bad)
          .isInstanceOf(LiteralConversionException.class)
          .hasMessage("expected a UTF-8 string but was invalid UTF-8 bytes at inputs.s.name");
    }
  }

  @Test
  void toJava_otherLiteralIsADataError() {
    assertThatThrownBy(() -> engine.toJava(Literals.ofInteger(1), TypeRef.of(String.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a string but was integer 1 at inputs.s");
    assertThatThrownBy(
            () ->
                engine.fromBytes(Literals.toBytes(Literals.none()), TypeRef.of(String.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a string but was none at inputs.s");
  }

  @Test
  void fromBytes_invalidUtf8InTheLiteralIsADataError() {
    // Literal{scalar{primitive{string_value: 0xff}}}
    byte[] bytes = hex("0a 05 0a 03 1a 01 ff");

    assertThatThrownBy(() -> engine.fromBytes(bytes, TypeRef.of(String.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith(
            "expected a serialized flyteidl.core.Literal but was malformed bytes (");
  }
}
