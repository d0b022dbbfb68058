package dev.ferry.transformers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.transformers.testing.MsgpackLiterals;
import dev.ferry.transformers.testing.Structs;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapTransformerTest {
  record Scores(Map<String, Long> scores) {}

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs.m");
  private final TypeRef<Map<String, Long>> type = new TypeRef<>() {};

  @Test
  void toLiteral_entriesSortedWhateverTheMapOrder() {
    Map<String, Long> forward = new LinkedHashMap<>();
    forward.put("a", 1L);
    forward.put("b", 2L);
    forward.put("\uD83D\uDE80", 3L); // sorts by UTF-16 unit, as protobuf does
    forward.put("\uFFFD", 4L);
    Map<String, Long> backward = new LinkedHashMap<>();
    backward.put("\uFFFD", 4L);
    backward.put("\uD83D\uDE80", 3L);
    backward.put("b", 2L);
    backward.put("a", 1L);

    byte[] bytes = engine.toBytes(forward, type, ctx);

    assertThat(engine.toBytes(backward, type, ctx)).isEqualTo(bytes);
    assertThat(Literals.toBytes(engine.toLiteral(backward, type, ctx))).isEqualTo(bytes);
    assertThat(engine.fromBytes(bytes, type, ctx).keySet())
        .containsExactly("a", "b", "\uD83D\uDE80", "\uFFFD");
  }

  @Test
  void toLiteral_nullKeyIsADataError() {
    Map<String, Long> map = new HashMap<>();
    map.put(null, 1L);

    assertThatThrownBy(() -> engine.toLiteral(map, type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a string key but was null at inputs.m");
  }

  @Test
  void toJava_entryWithoutValueIsADataError() {
    // Literal { map { literals { key: "k" } } }: the value is the empty Literal
    byte[] bytes = Structs.hex("1a 05 0a 03 0a 01 6b");

    assertThatThrownBy(() -> engine.fromBytes(bytes, type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected an integer but was an empty literal at inputs.m.k");
    assertThatThrownBy(() -> engine.toJava(Literal.parseFrom(bytes), type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected an integer but was an empty literal at inputs.m.k");
  }

  @Test
  void toJava_mapsAreUnmodifiable() {
    Literal literal = engine.toLiteral(Map.of("a", 1L), type, ctx);

    assertThatThrownBy(() -> engine.toJava(literal, type, ctx).put("b", 2L))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void insideRecord_msgpackMapWithoutOrderSortedByKey() {
    Map<String, Long> scores = new java.util.HashMap<>();
    scores.put("z", 1L);
    scores.put("a", 2L);

    assertThat(engine.toLiteral(new Scores(scores), TypeRef.of(Scores.class), ctx))
        .isEqualTo(
            MsgpackLiterals.of(
                p ->
                    p.packMapHeader(1)
                        .packString("scores")
                        .packMapHeader(2)
                        .packString("a")
                        .packLong(2)
                        .packString("z")
                        .packLong(1)));
  }

  @Test
  void insideRecord_insertionOrderedMapKeepsItsOrder() {
    Map<String, Long> scores = new LinkedHashMap<>();
    scores.put("z", 1L);
    scores.put("a", 2L);

    assertThat(engine.toLiteral(new Scores(scores), TypeRef.of(Scores.class), ctx))
        .isEqualTo(
            MsgpackLiterals.of(
                p ->
                    p.packMapHeader(1)
                        .packString("scores")
                        .packMapHeader(2)
                        .packString("z")
                        .packLong(1)
                        .packString("a")
                        .packLong(2)));
  }
}
