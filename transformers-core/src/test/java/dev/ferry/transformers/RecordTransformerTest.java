package dev.ferry.transformers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.transformers.testing.MsgpackLiterals;
import dev.ferry.transformers.testing.Structs;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordTransformerTest {
  /** An annotation that is only called Nullable, as several libraries have one. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.TYPE_USE, ElementType.RECORD_COMPONENT})
  @interface Nullable {}

  record Positive(long value) {
    Positive {
      if (value < 0) {
        throw new IllegalArgumentException("negative");
      }
    }
  }

  record Page<T>(List<T> items, @FieldName("next_token") String nextToken) {}

  record Optionalish(String id, @Nullable String comment) {}

  record Touchy(String ok, String bad) {
    @Override
    public String bad() {
      throw new IllegalStateException("boom");
    }
  }

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs.r");

  @Test
  void toJava_valuesTheConstructorRejectsAreADataError() {
    Literal literal = MsgpackLiterals.of(p -> p.packMapHeader(1).packString("value").packLong(-1));

    assertThatThrownBy(() -> engine.toJava(literal, TypeRef.of(Positive.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected values Positive accepts but was values its constructor rejected"
                + " (java.lang.IllegalArgumentException: negative) at inputs.r");
  }

  @Test
  void toLiteral_anAccessorThatThrowsIsADataErrorAtItsComponent() {
    assertThatThrownBy(() -> engine.toLiteral(new Touchy("a", "b"), TypeRef.of(Touchy.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected a readable component but was an accessor that threw"
                + " java.lang.IllegalStateException: boom at inputs.r.bad");
  }

  @Test
  void genericRecord_componentTypesResolvedFromTheTypeArguments() {
    TypeRef<Page<Long>> type = new TypeRef<>() {};
    Page<Long> page = new Page<>(List.of(1L, 2L), "t");

    assertThat(engine.toJava(engine.toLiteral(page, type, ctx), type, ctx)).isEqualTo(page);
    assertThat(engine.literalType(type).getMetadata())
        .isEqualTo(
            Structs.json(
                """
                {"title": "Page", "type": "object", "additionalProperties": false,
                 "required": ["items", "next_token"],
                 "properties": {"items": {"type": "array", "items": {"type": "integer"}},
                                "next_token": {"type": "string"}}}
                """));
  }

  @Test
  void nullable_anyAnnotationCalledNullable() {
    Literal missing = MsgpackLiterals.of(p -> p.packMapHeader(1).packString("id").packString("x"));

    assertThat(engine.toJava(missing, TypeRef.of(Optionalish.class), ctx))
        .isEqualTo(new Optionalish("x", null));
    assertThat(
            engine
                .literalType(Optionalish.class)
                .getStructure()
                .getDataclassTypeOrThrow("comment")
                .hasUnionType())
        .isTrue();
  }

  @Test
  void publicApi_namesTitleAndMsgpackForm() {
    @SuppressWarnings("unchecked")
    RecordTransformer<Page<String>> t =
        (RecordTransformer<Page<String>>) engine.transformer(new TypeRef<Page<String>>() {});
    Page<String> page = new Page<>(List.of("a"), "");

    assertThat(t.componentNames()).containsExactly("items", "next_token");
    assertThat(t.title()).isEqualTo("Page");
    assertThat(t.fromMsgpack(t.toMsgpack(page, ctx), ctx)).isEqualTo(page);
    assertThat(t.unionTag()).isEqualTo("Object-Dataclass-Transformer");
  }

  @Test
  void fromMsgpack_emptyPayloadIsADataError() {
    @SuppressWarnings("unchecked")
    RecordTransformer<Positive> t =
        (RecordTransformer<Positive>) engine.transformer(Positive.class);

    assertThatThrownBy(() -> t.fromMsgpack(new byte[0], ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a msgpack value but was the end of the payload at <root>");
  }

  @Test
  void toJava_binaryWithAnotherTagIsADataError() {
    Literal literal = engine.toLiteral(new byte[] {(byte) 0x80}, TypeRef.of(byte[].class), ctx);

    assertThatThrownBy(() -> engine.toJava(literal, TypeRef.of(Positive.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected msgpack binary or a generic struct for record Positive but was binary (tag '',"
                + " 1 bytes) at inputs.r");
    assertThatThrownBy(
            () -> engine.fromBytes(literal.toByteArray(), TypeRef.of(Positive.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected msgpack binary for record Positive but was binary with tag '' at inputs.r");
  }
}
