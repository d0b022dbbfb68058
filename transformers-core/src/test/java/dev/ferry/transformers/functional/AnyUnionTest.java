package dev.ferry.transformers.functional;

import static dev.ferry.transformers.testing.Structs.hex;
import static dev.ferry.transformers.testing.Structs.spaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Primitive;
import dev.ferry.idl.core.Scalar;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.idl.core.TypeStructure;
import dev.ferry.idl.core.Union;
import dev.ferry.transformers.EnumValue;
import dev.ferry.transformers.UnionValue;
import dev.ferry.transformers.blob.FlyteDirectory;
import dev.ferry.transformers.blob.FlyteFile;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Unions of any types as sealed interfaces of {@link UnionValue} records: the Python SDK's variant
 * types and tags, the variant chosen by class and read back by the literal's variant type.
 */
class AnyUnionTest {
  enum Color {
    @EnumValue("red")
    RED,
    @EnumValue("green")
    GREEN
  }

  record Point(long x, long y) implements Anything {}

  /** {@code Union[int, str, float, bool, datetime, timedelta, None, List[str], ...]}. */
  sealed interface Anything
      permits Anything.I,
          Anything.S,
          Anything.F,
          Anything.B,
          Anything.T,
          Anything.D,
          Anything.N,
          Anything.L,
          Anything.M,
          Anything.E,
          Anything.File,
          Anything.Dir,
          Point {
    @UnionValue
    record I(long value) implements Anything {}

    @UnionValue
    record S(String value) implements Anything {}

    @UnionValue
    record F(double value) implements Anything {}

    @UnionValue
    record B(boolean value) implements Anything {}

    @UnionValue
    record T(Instant value) implements Anything {}

    @UnionValue
    record D(Duration value) implements Anything {}

    @UnionValue
    record N() implements Anything {}

    @UnionValue
    record L(List<String> value) implements Anything {}

    @UnionValue
    record M(Map<String, Long> value) implements Anything {}

    @UnionValue
    record E(Color value) implements Anything {}

    @UnionValue
    record File(FlyteFile value) implements Anything {}

    @UnionValue
    record Dir(FlyteDirectory value) implements Anything {}
  }

  /** {@code Union[int, str]}. */
  sealed interface IntOrStr permits IntOrStr.I, IntOrStr.S {
    @UnionValue
    record I(long value) implements IntOrStr {}

    @UnionValue
    record S(String value) implements IntOrStr {}
  }

  /** {@code Union[List[int], List[str]]}: one tag, told apart by the whole variant type. */
  sealed interface Lists permits Lists.Ints, Lists.Strs {
    @UnionValue
    record Ints(List<Long> value) implements Lists {}

    @UnionValue
    record Strs(List<String> value) implements Lists {}
  }

  /** {@code int} twice: the Python SDK could not tell them apart. */
  sealed interface TwoInts permits TwoInts.A, TwoInts.B {
    @UnionValue
    record A(long value) implements TwoInts {}

    @UnionValue
    record B(int value) implements TwoInts {}
  }

  sealed interface TooWide permits TooWide.P {
    @UnionValue
    record P(long a, long b) implements TooWide {}
  }

  /** {@code Union[str, datetime]}: both strings inside msgpack. */
  sealed interface StrOrTime permits StrOrTime.S, StrOrTime.T {
    @UnionValue
    record S(String value) implements StrOrTime {}

    @UnionValue
    record T(Instant value) implements StrOrTime {}
  }

  record Spot(long x, long y) implements Mixed {}

  record Area(double w, double h) implements Mixed {}

  /**
   * {@code Union[float, None, List[str], Spot, Area]}: one msgpack kind per variant but records.
   */
  sealed interface Mixed permits Mixed.Num, Mixed.Nothing, Mixed.Words, Spot, Area {
    @UnionValue
    record Num(double value) implements Mixed {}

    @UnionValue
    record Nothing() implements Mixed {}

    @UnionValue
    record Words(List<String> value) implements Mixed {}
  }

  record Holder(IntOrStr v, Mixed m) {}

  record Clash(StrOrTime v) {}

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs.u");

  private static LiteralType tagged(LiteralType t, String tag) {
    return t.toBuilder().setStructure(TypeStructure.newBuilder().setTag(tag)).build();
  }

  private static Literal union(Literal value, LiteralType variant) {
    return Literal.newBuilder()
        .setScalar(
            Scalar.newBuilder().setUnion(Union.newBuilder().setValue(value).setType(variant)))
        .build();
  }

  @Test
  void literalType_variantTagsAsThePythonSdkWritesThem() {
    LiteralType t = engine.literalType(TypeRef.of(Anything.class));

    assertThat(t.getUnionType().getVariantsList())
        .extracting(v -> v.getStructure().getTag())
        .containsExactly(
            "int",
            "str",
            "float",
            "bool",
            "datetime",
            "timedelta",
            "none",
            "Typed List",
            "Typed Dict",
            "DefaultEnumTransformer",
            "FlyteFilePath",
            "FlyteDirectory",
            "Object-Dataclass-Transformer");
    assertThat(t.getUnionType().getVariants(0))
        .isEqualTo(tagged(Literals.simple(SimpleType.INTEGER), "int"));
    assertThat(t.getUnionType().getVariants(7).getCollectionType())
        .isEqualTo(Literals.simple(SimpleType.STRING));
  }

  @Test
  void toLiteral_intVariant_bytesOfPythonsUnionIntStr() {
    Literal literal = engine.toLiteral(new IntOrStr.I(42), TypeRef.of(IntOrStr.class), ctx);

    Literal python =
        union(
            Literal.newBuilder()
                .setScalar(Scalar.newBuilder().setPrimitive(Primitive.newBuilder().setInteger(42)))
                .build(),
            tagged(Literals.simple(SimpleType.INTEGER), "int"));
    assertThat(literal).isEqualTo(python);
    // scalar{union{value{scalar{primitive{integer 42}}}, type{simple INTEGER, structure{tag
    // "int"}}}}
    assertThat(hex(Literals.toBytes(literal)))
        .isEqualTo(spaced("0a 15 4a 13 0a 06 0a 04 0a 02 08 2a 12 09 08 01 5a 05 0a 03 69 6e 74"));
    assertThat(engine.toJava(python, TypeRef.of(IntOrStr.class), ctx))
        .isEqualTo(new IntOrStr.I(42));
  }

  @Test
  void toJava_pythonsStrVariant_isTheStringRecord() {
    Literal python =
        union(Literals.ofString("x"), tagged(Literals.simple(SimpleType.STRING), "str"));

    assertThat(engine.toJava(python, TypeRef.of(IntOrStr.class), ctx))
        .isEqualTo(new IntOrStr.S("x"));
    assertThat(engine.fromBytes(Literals.toBytes(python), TypeRef.of(IntOrStr.class), ctx))
        .isEqualTo(new IntOrStr.S("x"));
  }

  @Test
  void roundTrip_everyVariant() {
    List<Anything> values =
        List.of(
            new Anything.I(-7),
            new Anything.S("text"),
            new Anything.F(2.5),
            new Anything.B(true),
            new Anything.T(Instant.parse("2024-05-06T07:08:09.000001Z")),
            new Anything.D(Duration.ofMillis(1500)),
            new Anything.N(),
            new Anything.L(List.of("a", "b")),
            new Anything.M(Map.of("k", 1L)),
            new Anything.E(Color.GREEN),
            new Anything.File(FlyteFile.of(URI.create("s3://bucket/f.txt"))),
            new Anything.Dir(FlyteDirectory.of(URI.create("s3://bucket/d/"))),
            new Point(1, 2));
    TypeRef<Anything> type = TypeRef.of(Anything.class);
    for (Anything v : values) {
      Literal literal = engine.toLiteral(v, type, ctx);
      assertThat(engine.toJava(literal, type, ctx)).as("tree %s", v).isEqualTo(v);
      assertThat(engine.fromBytes(engine.toBytes(v, type, ctx), type, ctx))
          .as("streamed %s", v)
          .isEqualTo(v);
    }
    assertThat(
            engine
                .toLiteral(new Anything.E(Color.GREEN), type, ctx)
                .getScalar()
                .getUnion()
                .getValue()
                .getScalar()
                .getPrimitive()
                .getStringValue())
        .isEqualTo("green");
    assertThat(
            engine
                .toLiteral(new Anything.N(), type, ctx)
                .getScalar()
                .getUnion()
                .getValue()
                .getScalar()
                .hasNoneType())
        .isTrue();
  }

  @Test
  void sameTagDifferentTypes_readBackByTheWholeVariantType() {
    TypeRef<Lists> type = TypeRef.of(Lists.class);
    Lists ints = new Lists.Ints(List.of(1L, 2L));
    Lists strs = new Lists.Strs(List.of("1"));
    Lists empty = new Lists.Strs(List.of());

    assertThat(engine.toJava(engine.toLiteral(ints, type, ctx), type, ctx)).isEqualTo(ints);
    assertThat(engine.toJava(engine.toLiteral(strs, type, ctx), type, ctx)).isEqualTo(strs);
    assertThat(engine.toJava(engine.toLiteral(empty, type, ctx), type, ctx)).isEqualTo(empty);
  }

  @Test
  void unknownVariant_isADataErrorNamingIt() {
    Literal python =
        union(
            Literals.of(Primitive.newBuilder().setFloatValue(1.5).build()),
            tagged(Literals.simple(SimpleType.FLOAT), "float"));

    assertThatThrownBy(() -> engine.toJava(python, TypeRef.of(IntOrStr.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageContaining("'float'")
        .hasMessageContaining("[I, S]");
  }

  @Test
  void variantsThePythonSdkCannotTellApart_areADefinitionErrorNamingThem() {
    assertThatThrownBy(() -> engine.literalType(TypeRef.of(TwoInts.class)))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessageContaining("variants A (long) and B (int)")
        .hasMessageContaining("tag 'int'");
    assertThatThrownBy(() -> engine.literalType(TypeRef.of(TooWide.class)))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessageContaining("has 2 components");
  }

  @Test
  void insideARecord_theBareValueAsPythonWritesIt_readBackByItsKind() {
    TypeRef<Holder> type = TypeRef.of(Holder.class);
    Holder h = new Holder(new IntOrStr.S("x"), new Mixed.Num(5));
    Literal literal = engine.toLiteral(h, type, ctx);

    // {"v": "x", "m": 5.0}: mashumaro writes a Union field as the value itself
    assertThat(hex(literal.getScalar().getBinary().getValue().toByteArray()))
        .isEqualTo(spaced("82 a1 76 a1 78 a1 6d cb 40 14 00 00 00 00 00 00"));
    assertThat(engine.toJava(literal, type, ctx)).isEqualTo(h);
    for (Holder other :
        List.of(
            new Holder(new IntOrStr.I(3), new Mixed.Nothing()),
            new Holder(new IntOrStr.I(-1), new Mixed.Words(List.of("a"))),
            new Holder(new IntOrStr.S(""), new Spot(1, 2)),
            new Holder(new IntOrStr.S("y"), new Area(1.5, 2)))) {
      assertThat(engine.toJava(engine.toLiteral(other, type, ctx), type, ctx)).isEqualTo(other);
    }
  }

  @Test
  void insideARecord_variantsOfOneMsgpackKind_areAnError() {
    assertThatThrownBy(() -> engine.literalType(TypeRef.of(Clash.class)))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessageContaining("variants S and T")
        .hasMessageContaining("inside a record");
  }
}
