package dev.ferry.transformers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Scalar;
import dev.ferry.idl.core.TypeStructure;
import dev.ferry.transformers.testing.MsgpackLiterals;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SealedUnionTransformerTest {
  sealed interface Animal permits Dog, Bird {}

  record Dog(String name) implements Animal {}

  sealed interface Bird extends Animal permits Parrot, Penguin {}

  record Parrot(String phrase) implements Bird {}

  record Penguin(int height) implements Bird {}

  sealed interface Shape permits Circle, Label {}

  record Circle(double radius) implements Shape {}

  record Label(String text, Optional<String> font) implements Shape {}

  record Drawing(Shape shape) {}

  sealed interface Result<T> permits Ok, Err, Pending {}

  record Ok<T>(T value) implements Result<T> {}

  record Err<T>(String message) implements Result<T> {}

  sealed interface Pending<T> extends Result<T> permits Queued {}

  record Queued<T>(T eta, int position) implements Pending<T> {}

  sealed interface Outcome<T> permits Wrapped {}

  record Wrapped<T>(java.util.List<T> values) implements Outcome<java.util.List<T>> {}

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs.d");

  @Test
  void literalType_nestedSealedInterfacesFlatten() {
    LiteralType union = engine.literalType(Animal.class);

    assertThat(union.getUnionType().getVariantsList())
        .extracting(v -> v.getMetadata().getFieldsOrThrow("title").getStringValue())
        .containsExactly("Dog", "Parrot", "Penguin");
    assertThat(
            engine.toJava(
                engine.toLiteral(new Penguin(3), TypeRef.of(Animal.class), ctx),
                TypeRef.of(Animal.class),
                ctx))
        .isEqualTo(new Penguin(3));
  }

  @Test
  void insideRecord_variantChosenByItsKeys() {
    Literal label =
        MsgpackLiterals.of(
            p ->
                p.packMapHeader(1)
                    .packString("shape")
                    .packMapHeader(1)
                    .packString("text")
                    .packString("hi"));
    Literal circle =
        MsgpackLiterals.of(
            p ->
                p.packMapHeader(1)
                    .packString("shape")
                    .packMapHeader(1)
                    .packString("radius")
                    .packDouble(2));

    assertThat(engine.toJava(label, TypeRef.of(Drawing.class), ctx))
        .isEqualTo(new Drawing(new Label("hi", Optional.empty())));
    assertThat(engine.toJava(circle, TypeRef.of(Drawing.class), ctx))
        .isEqualTo(new Drawing(new Circle(2)));
  }

  @Test
  void insideRecord_keysOfNoVariantAreADataError() {
    Literal literal =
        MsgpackLiterals.of(
            p ->
                p.packMapHeader(1)
                    .packString("shape")
                    .packMapHeader(1)
                    .packString("depth")
                    .packLong(1));

    assertThatThrownBy(() -> engine.toJava(literal, TypeRef.of(Drawing.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected the keys of exactly one of [Circle, Label] but was keys [depth] matching 0 at"
                + " inputs.d.shape");
  }

  @Test
  void toJava_bareRecordLiteralChosenByKeys() {
    Literal bare =
        engine.toLiteral(new Label("x", Optional.of("mono")), TypeRef.of(Label.class), ctx);

    assertThat(engine.toJava(bare, TypeRef.of(Shape.class), ctx))
        .isEqualTo(new Label("x", Optional.of("mono")));
  }

  @Test
  void toJava_variantTitledRightButTaggedWrongIsADataError() {
    Literal union = engine.toLiteral(new Circle(1), TypeRef.of(Shape.class), ctx);
    LiteralType retagged =
        union.getScalar().getUnion().getType().toBuilder()
            .setStructure(TypeStructure.newBuilder().setTag("int"))
            .build();
    Literal literal =
        Literal.newBuilder()
            .setScalar(
                Scalar.newBuilder()
                    .setUnion(union.getScalar().getUnion().toBuilder().setType(retagged)))
            .build();

    assertThatThrownBy(() -> engine.toJava(literal, TypeRef.of(Shape.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected a union variant of [Circle, Label] but was variant 'Circle' at inputs.d");
  }

  @Test
  void roundTrip_genericSealedUnionResolvesItsVariantsTypeArguments() {
    TypeRef<Result<Long>> type = new TypeRef<>() {};

    for (Result<Long> value :
        java.util.List.<Result<Long>>of(new Ok<>(42L), new Err<>("no"), new Queued<>(7L, 2))) {
      assertThat(engine.toJava(engine.toLiteral(value, type, ctx), type, ctx)).isEqualTo(value);
    }
    assertThat(engine.literalType(type).getUnionType().getVariantsList())
        .extracting(v -> v.getMetadata().getFieldsOrThrow("title").getStringValue())
        .containsExactly("Ok", "Err", "Queued");
    Result<Long> back = engine.toJava(engine.toLiteral(new Ok<>(5L), type, ctx), type, ctx);
    assertThat(((Ok<Long>) back).value()).isInstanceOf(Long.class).isEqualTo(5L);
  }

  @Test
  void lookup_variantThatDoesNotPassItsParameterStraightThroughIsADefinitionError() {
    assertThatThrownBy(() -> engine.transformer(new TypeRef<Outcome<java.util.List<Long>>>() {}))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessage(
            "variant dev.ferry.transformers.SealedUnionTransformerTest$Wrapped of sealed"
                + " dev.ferry.transformers.SealedUnionTransformerTest$Outcome<java.util.List<java.lang.Long>>"
                + " has type parameter T that Outcome's type arguments do not determine: a generic"
                + " variant must pass its type parameters straight to the sealed interface (record"
                + " Ok<T>(T value) implements Result<T>); declare the variant with concrete types or"
                + " with exactly the interface's parameters");
  }
}
