package dev.ferry.transformers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Struct;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.Scalar;
import dev.ferry.transformers.testing.MsgpackLiterals;
import dev.ferry.transformers.testing.Structs;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UntypedMapTransformerTest {
  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs.m");
  private final TypeRef<Map<String, Object>> type = new TypeRef<>() {};

  @Test
  void roundTrip_smallNumbersComeBackAsLongAndDouble() {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("i", 1);
    in.put("s", (short) 2);
    in.put("f", 0.5f);
    in.put("l", List.of(Map.of("n", (byte) 3)));

    Map<String, Object> out = engine.toJava(engine.toLiteral(in, type, ctx), type, ctx);

    assertThat(out)
        .containsExactly(
            Map.entry("i", 1L),
            Map.entry("s", 2L),
            Map.entry("f", 0.5),
            Map.entry("l", List.of(Map.of("n", 3L))));
  }

  @Test
  void toLiteral_unsupportedValueIsADataErrorAtItsKey() {
    Map<String, Object> in = Map.of("outer", Map.of("when", Instant.EPOCH));

    assertThatThrownBy(() -> engine.toLiteral(in, type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected null, a boolean, number, string, byte[], collection or map but was a"
                + " java.time.Instant at inputs.m.outer.when");
  }

  @Test
  void toJava_readsGenericStruct() {
    Struct struct =
        Structs.json(
            "{\"n\": 2, \"x\": 2.5, \"big\": 1e300, \"s\": \"t\", \"l\": [true, null], \"o\": {}}");
    Literal literal =
        Literal.newBuilder().setScalar(Scalar.newBuilder().setGeneric(struct)).build();

    Map<String, Object> out = engine.toJava(literal, type, ctx);

    assertThat(out)
        .containsEntry("n", 2L)
        .containsEntry("x", 2.5)
        .containsEntry("big", 1e300)
        .containsEntry("s", "t")
        .containsEntry("l", Arrays.asList(true, null))
        .containsEntry("o", Map.of());
  }

  @Test
  void toJava_extensionValuesAreADataError() {
    Literal literal =
        MsgpackLiterals.of(
            p ->
                p.packMapHeader(1)
                    .packString("k")
                    .packExtensionTypeHeader((byte) -1, 4)
                    .writePayload(new byte[4]));

    assertThatThrownBy(() -> engine.toJava(literal, type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected a msgpack value without extension types but was an extension value at inputs.m.k");
  }

  @Test
  void toJava_nonStringKeyOfAStringKeyedMapIsADataError() {
    Literal literal = MsgpackLiterals.of(p -> p.packMapHeader(1).packLong(1).packString("v"));

    assertThatThrownBy(() -> engine.toJava(literal, type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a string but was an integer at inputs.m");
  }

  @Test
  void longKeys_roundTripAsMsgpackIntegers() {
    TypeRef<Map<Long, String>> longKeys = new TypeRef<>() {};
    Literal literal = engine.toLiteral(Map.of(-1L, "a"), longKeys, ctx);

    assertThat(literal)
        .isEqualTo(MsgpackLiterals.of(p -> p.packMapHeader(1).packLong(-1).packString("a")));
    assertThat(engine.toJava(literal, longKeys, ctx)).containsExactly(Map.entry(-1L, "a"));
  }
}
