package dev.ferry.transformers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralCollection;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListTransformerTest {
  record Ids(List<Long> ids) {}

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs.l");
  private final TypeRef<List<Long>> type = new TypeRef<>() {};

  @Test
  void toJava_listsAreUnmodifiable() {
    Literal literal = engine.toLiteral(List.of(1L), type, ctx);

    assertThatThrownBy(() -> engine.toJava(literal, type, ctx).add(2L))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> engine.fromBytes(Literals.toBytes(literal), type, ctx).add(2L))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toJava_elementErrorNamesTheIndex() {
    Literal literal =
        Literal.newBuilder()
            .setCollection(
                LiteralCollection.newBuilder()
                    .addLiterals(Literals.ofInteger(1))
                    .addLiterals(Literals.ofString("2")))
            .build();

    assertThatThrownBy(() -> engine.toJava(literal, type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected an integer but was string '2' at inputs.l[1]");
    assertThatThrownBy(() -> engine.fromBytes(Literals.toBytes(literal), type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected an integer but was a string at inputs.l[1]");
  }

  @Test
  void toJava_notACollectionIsADataError() {
    assertThatThrownBy(() -> engine.toJava(Literals.ofInteger(1), type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a collection but was integer 1 at inputs.l");
    assertThatThrownBy(() -> engine.fromBytes(new byte[0], type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a collection but was an empty literal at inputs.l");
  }

  @Test
  void insideRecord_nullElementNamesTheIndex() {
    assertThatThrownBy(
            () -> engine.toLiteral(new Ids(Arrays.asList(1L, null)), TypeRef.of(Ids.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected long but was null at inputs.l.ids[1]");
  }
}
