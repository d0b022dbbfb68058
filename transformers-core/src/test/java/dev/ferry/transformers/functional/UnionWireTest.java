package dev.ferry.transformers.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Scalar;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.idl.core.TypeStructure;
import dev.ferry.idl.core.Union;
import dev.ferry.transformers.EnumValue;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Unions on the wire: {@code Optional<T>} as {@code union[T, none]} with the variant tags the
 * Python SDK uses, and sealed interfaces of records chosen by class and read back by schema title.
 */
class UnionWireTest {
  enum Color {
    @EnumValue("red")
    RED
  }

  record Point(long x, long y) {}

  sealed interface Shape permits Circle, Rect {}

  record Circle(double radius) implements Shape {}

  record Rect(double width, double height) implements Shape {}

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs.shape");

  static Stream<Arguments> optionalTags() {
    return Stream.of(
        Arguments.of(new TypeRef<Optional<Long>>() {}, "int"),
        Arguments.of(new TypeRef<Optional<Integer>>() {}, "int"),
        Arguments.of(new TypeRef<Optional<Double>>() {}, "float"),
        Arguments.of(new TypeRef<Optional<String>>() {}, "str"),
        Arguments.of(new TypeRef<Optional<Boolean>>() {}, "bool"),
        Arguments.of(new TypeRef<Optional<Instant>>() {}, "datetime"),
        Arguments.of(new TypeRef<Optional<LocalDate>>() {}, "date"),
        Arguments.of(new TypeRef<Optional<Duration>>() {}, "timedelta"),
        Arguments.of(new TypeRef<Optional<List<Long>>>() {}, "Typed List"),
        Arguments.of(new TypeRef<Optional<Map<String, Long>>>() {}, "Typed Dict"),
        Arguments.of(new TypeRef<Optional<Map<String, Object>>>() {}, "Typed Dict"),
        Arguments.of(new TypeRef<Optional<Point>>() {}, "Object-Dataclass-Transformer"),
        Arguments.of(new TypeRef<Optional<Color>>() {}, "DefaultEnumTransformer"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("optionalTags")
  void literalType_optionalIsUnionOfTaggedValueAndNone(TypeRef<?> type, String tag) {
    LiteralType union = engine.literalType(type);
    LiteralType valueType = engine.literalType(type.typeArgument(0));

    assertThat(union.getUnionType().getVariantsList())
        .containsExactly(
            valueType.toBuilder().setStructure(TypeStructure.newBuilder().setTag(tag)).build(),
            Literals.simple(SimpleType.NONE).toBuilder()
                .setStructure(TypeStructure.newBuilder().setTag("none"))
                .build());
  }

  @Test
  void literalType_tagReplacesTheDataclassStructure() {
    LiteralType point = engine.literalType(Point.class);
    LiteralType variant =
        engine.literalType(new TypeRef<Optional<Point>>() {}).getUnionType().getVariants(0);

    assertThat(point.getStructure().getDataclassTypeMap()).isNotEmpty();
    assertThat(variant.getStructure())
        .isEqualTo(TypeStructure.newBuilder().setTag("Object-Dataclass-Transformer").build());
    assertThat(variant.getStructure().getDataclassTypeMap()).isEmpty();
    assertThat(variant.getSimple()).isEqualTo(SimpleType.STRUCT);
    assertThat(variant.getMetadata()).isEqualTo(point.getMetadata());
    assertThat(variant.getAnnotation()).isEqualTo(point.getAnnotation());
  }

  @Test
  void toLiteral_optionalValueIsUnionStoringTheChosenVariantType() {
    TypeRef<Optional<Long>> type = new TypeRef<>() {};
    LiteralType union = engine.literalType(type);

    Literal present = engine.toLiteral(Optional.of(5L), type, ctx);
    Literal empty = engine.toLiteral(Optional.empty(), type, ctx);

    assertThat(present)
        .isEqualTo(unionLiteral(Literals.ofInteger(5), union.getUnionType().getVariants(0)));
    assertThat(empty).isEqualTo(unionLiteral(Literals.none(), union.getUnionType().getVariants(1)));
  }

  @Test
  void toJava_optionalAlsoReadsBareValueAndBareNone() {
    TypeRef<Optional<Long>> type = new TypeRef<>() {};

    assertThat(engine.toJava(Literals.ofInteger(3), type, ctx)).contains(3L);
    assertThat(engine.toJava(Literals.none(), type, ctx)).isEmpty();
  }

  @Test
  void toJava_optionalRejectsAForeignVariantTag() {
    Literal foreign =
        unionLiteral(
            Literals.ofString("x"),
            Literals.simple(SimpleType.STRING).toBuilder()
                .setStructure(TypeStructure.newBuilder().setTag("str"))
                .build());

    assertThatThrownBy(() -> engine.toJava(foreign, new TypeRef<Optional<Long>>() {}, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected a union variant tagged one of [int, none] but was 'str' at inputs.shape");
  }

  @Test
  void toLiteral_sealedVariantChosenByClass() {
    LiteralType union = engine.literalType(Shape.class);

    Literal circle = engine.toLiteral(new Circle(2), TypeRef.of(Shape.class), ctx);
    Literal rect = engine.toLiteral(new Rect(1, 2), TypeRef.of(Shape.class), ctx);

    assertThat(union.getUnionType().getVariantsList())
        .extracting(v -> v.getMetadata().getFieldsOrThrow("title").getStringValue())
        .containsExactly("Circle", "Rect");
    assertThat(circle.getScalar().getUnion().getType())
        .isEqualTo(union.getUnionType().getVariants(0));
    assertThat(rect.getScalar().getUnion().getType())
        .isEqualTo(union.getUnionType().getVariants(1));
    assertThat(rect.getScalar().getUnion().getValue())
        .isEqualTo(engine.toLiteral(new Rect(1, 2), TypeRef.of(Rect.class), ctx));
  }

  @Test
  void toJava_sealedVariantReadBackByTitle() {
    // a variant type as another SDK writes it: only the title and the tag identify it
    LiteralType rectVariant =
        LiteralType.newBuilder()
            .setSimple(SimpleType.STRUCT)
            .setMetadata(dev.ferry.transformers.testing.Structs.json("{\"title\": \"Rect\"}"))
            .setStructure(TypeStructure.newBuilder().setTag("Object-Dataclass-Transformer"))
            .build();
    Literal value = engine.toLiteral(new Rect(3, 4), TypeRef.of(Rect.class), ctx);

    Shape back = engine.toJava(unionLiteral(value, rectVariant), TypeRef.of(Shape.class), ctx);

    assertThat(back).isEqualTo(new Rect(3, 4));
  }

  @Test
  void toJava_sealedUnknownVariantIsAnError() {
    LiteralType triangle =
        LiteralType.newBuilder()
            .setSimple(SimpleType.STRUCT)
            .setMetadata(dev.ferry.transformers.testing.Structs.json("{\"title\": \"Triangle\"}"))
            .build();
    Literal literal = unionLiteral(Literals.none(), triangle);

    assertThatThrownBy(() -> engine.toJava(literal, TypeRef.of(Shape.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected a union variant of [Circle, Rect] but was variant 'Triangle' at inputs.shape");
  }

  private static Literal unionLiteral(Literal value, LiteralType type) {
    return Literal.newBuilder()
        .setScalar(Scalar.newBuilder().setUnion(Union.newBuilder().setValue(value).setType(type)))
        .build();
  }
}
