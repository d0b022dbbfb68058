package dev.ferry.transformers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.transformers.testing.MsgpackLiterals;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OptionalTransformerTest {
  sealed interface Shape permits Circle, Rect {}

  record Circle(double radius) implements Shape {}

  record Rect(double width, double height) implements Shape {}

  record Box(Optional<List<Long>> ids, Optional<Circle> circle) {}

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs.o");

  @Test
  void optionalSealedUnion_flattensIntoOneUnion() {
    LiteralType shape = engine.literalType(Shape.class);
    LiteralType optional = engine.literalType(new TypeRef<Optional<Shape>>() {});

    assertThat(optional.getUnionType().getVariantsList())
        .hasSize(3)
        .startsWith(shape.getUnionType().getVariants(0), shape.getUnionType().getVariants(1));
    assertThat(optional.getUnionType().getVariants(2).getStructure().getTag()).isEqualTo("none");
  }

  @Test
  void optionalSealedUnion_presentValueIsTheUnionLiteralItself() {
    TypeRef<Optional<Shape>> type = new TypeRef<>() {};
    Literal circle = engine.toLiteral(new Circle(1), TypeRef.of(Shape.class), ctx);

    assertThat(engine.toLiteral(Optional.of(new Circle(1)), type, ctx)).isEqualTo(circle);
    assertThat(engine.toJava(circle, type, ctx)).contains(new Circle(1));
  }

  @Test
  void toJava_bareRecordLiteral() {
    Literal bare = engine.toLiteral(new Circle(2), TypeRef.of(Circle.class), ctx);

    assertThat(engine.toJava(bare, new TypeRef<Optional<Circle>>() {}, ctx))
        .contains(new Circle(2));
  }

  @Test
  void insideRecord_nilOrTheValue() {
    Box box = new Box(Optional.of(List.of(7L)), Optional.empty());
    Literal literal = engine.toLiteral(box, TypeRef.of(Box.class), ctx);

    assertThat(literal)
        .isEqualTo(
            MsgpackLiterals.of(
                p ->
                    p.packMapHeader(2)
                        .packString("ids")
                        .packArrayHeader(1)
                        .packLong(7)
                        .packString("circle")
                        .packNil()));
    assertThat(engine.toJava(literal, TypeRef.of(Box.class), ctx)).isEqualTo(box);
    // missing keys of optional components read as empty
    assertThat(
            engine.toJava(MsgpackLiterals.of(p -> p.packMapHeader(0)), TypeRef.of(Box.class), ctx))
        .isEqualTo(new Box(Optional.empty(), Optional.empty()));
  }
}
