package dev.ferry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.BlobType;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.idl.core.StructuredDatasetType;
import dev.ferry.idl.core.TypeStructure;
import dev.ferry.idl.core.UnionType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonLiteralsTest {
  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.defaults();

  private <T> void roundTrip(T value, TypeRef<T> type, String json) {
    LiteralType lt = engine.literalType(type);
    Literal literal = engine.toLiteral(value, type, ctx);
    assertThat(JsonLiterals.toJsonString(literal, lt)).isEqualTo(json);
    Literal back = JsonLiterals.toLiteral(json, lt);
    assertThat(Literals.toBytes(back)).isEqualTo(Literals.toBytes(literal));
    assertThat(engine.toJava(back, type, ctx)).isEqualTo(value);
  }

  @Test
  void primitives_roundTrip() {
    roundTrip(42L, TypeRef.of(Long.class), "42");
    roundTrip(1.5, TypeRef.of(Double.class), "1.5");
    roundTrip(2.0, TypeRef.of(Double.class), "2.0");
    roundTrip("héllo \"q\"", TypeRef.of(String.class), "\"héllo \\\"q\\\"\"");
    roundTrip(true, TypeRef.of(Boolean.class), "true");
  }

  @Test
  void temporal_isoStringsInUtc() {
    roundTrip(
        Instant.parse("2024-01-31T12:00:00.123456Z"),
        TypeRef.of(Instant.class),
        "\"2024-01-31T12:00:00.123456Z\"");
    roundTrip(Duration.ofMillis(1500), TypeRef.of(Duration.class), "\"PT1.5S\"");
    LiteralType datetime = Literals.simple(SimpleType.DATETIME);
    assertThat(
            JsonLiterals.toJsonString(
                JsonLiterals.toLiteral("\"2024-01-31T14:00:00+02:00\"", datetime), datetime))
        .isEqualTo("\"2024-01-31T12:00:00Z\"");
    assertThat(
            JsonLiterals.toJsonString(JsonLiterals.toLiteral("\"2024-01-31\"", datetime), datetime))
        .isEqualTo("\"2024-01-31T00:00:00Z\"");
  }

  @Test
  void collectionsMapsAndOptionals_roundTrip() {
    roundTrip(List.of(1L, 2L), new TypeRef<List<Long>>() {}, "[1,2]");
    roundTrip(
        Map.of("b", 2.5, "a", 1.0), new TypeRef<Map<String, Double>>() {}, "{\"a\":1.0,\"b\":2.5}");
    roundTrip(Optional.of("x"), new TypeRef<Optional<String>>() {}, "\"x\"");
    roundTrip(Optional.<String>empty(), new TypeRef<Optional<String>>() {}, "null");
  }

  @Test
  void toLiteral_integerMismatchNamesTheJsonPath() {
    LiteralType ints =
        LiteralType.newBuilder().setCollectionType(Literals.simple(SimpleType.INTEGER)).build();

    assertThatThrownBy(() -> JsonLiterals.toLiteral("[1, 2, \"abc\"]", ints))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected an integer but was \"abc\" at $[2]");
    assertThatThrownBy(() -> JsonLiterals.toLiteral("[1.5]", ints))
        .hasMessage("expected an integer but was 1.5 at $[0]");
  }

  @Test
  void toLiteral_malformedJson() {
    assertThatThrownBy(() -> JsonLiterals.toLiteral("[1,", Literals.simple(SimpleType.INTEGER)))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith("expected JSON text but was malformed JSON");
  }

  @Test
  void toLiteral_durationGrammar() {
    assertThatThrownBy(
            () -> JsonLiterals.toLiteral("\"1.5s\"", Literals.simple(SimpleType.DURATION)))
        .hasMessage("expected an ISO-8601 duration such as \"PT1.5S\" but was \"1.5s\" at $");
  }

  private static LiteralType variant(SimpleType simple, String tag) {
    return LiteralType.newBuilder()
        .setSimple(simple)
        .setStructure(TypeStructure.newBuilder().setTag(tag))
        .build();
  }

  private static LiteralType union(LiteralType... variants) {
    return LiteralType.newBuilder()
        .setUnionType(UnionType.newBuilder().addAllVariants(List.of(variants)))
        .build();
  }

  @Test
  void union_choosesTheVariantByShape() {
    LiteralType u =
        union(
            variant(SimpleType.INTEGER, "int"),
            variant(SimpleType.FLOAT, "float"),
            variant(SimpleType.STRING, "str"),
            variant(SimpleType.NONE, "none"));

    assertThat(JsonLiterals.toLiteral("3", u).getScalar().getUnion().getType().getSimple())
        .isEqualTo(SimpleType.INTEGER);
    assertThat(JsonLiterals.toLiteral("3.5", u).getScalar().getUnion().getType().getSimple())
        .isEqualTo(SimpleType.FLOAT);
    assertThat(JsonLiterals.toLiteral("\"a\"", u).getScalar().getUnion().getType().getSimple())
        .isEqualTo(SimpleType.STRING);
    assertThat(JsonLiterals.toLiteral("null", u).getScalar().getUnion().getType().getSimple())
        .isEqualTo(SimpleType.NONE);
    assertThat(JsonLiterals.toJsonString(JsonLiterals.toLiteral("3.5", u), u)).isEqualTo("3.5");
    assertThatThrownBy(() -> JsonLiterals.toLiteral("true", u))
        .hasMessage("expected one of the variants [int, float, str, none] but was true at $");
  }

  @Test
  void union_ambiguousIsAnError() {
    LiteralType u =
        union(variant(SimpleType.STRING, "str"), variant(SimpleType.DATETIME, "datetime"));

    assertThatThrownBy(() -> JsonLiterals.toLiteral("\"2024-01-31T00:00:00Z\"", u))
        .hasMessage(
            "expected a value that fits one variant of [str, datetime] but was"
                + " \"2024-01-31T00:00:00Z\", which fits each of [str, datetime] at $");
  }

  @Test
  void enums_checkTheValue() {
    LiteralType e =
        LiteralType.newBuilder()
            .setEnumType(
                dev.ferry.idl.core.EnumType.newBuilder().addValues("red").addValues("green"))
            .build();

    assertThat(JsonLiterals.toLiteral("\"green\"", e)).isEqualTo(Literals.ofString("green"));
    assertThatThrownBy(() -> JsonLiterals.toLiteral("\"blue\"", e))
        .hasMessage("expected one of [red, green] but was \"blue\" at $");
  }

  @Test
  void blobsAndDatasets_areTheirUris() {
    LiteralType file =
        LiteralType.newBuilder().setBlob(BlobType.newBuilder().setFormat("csv")).build();
    Literal literal = JsonLiterals.toLiteral("\"s3://b/k.csv\"", file);

    assertThat(literal.getScalar().getBlob().getUri()).isEqualTo("s3://b/k.csv");
    assertThat(literal.getScalar().getBlob().getMetadata().getType().getFormat()).isEqualTo("csv");
    assertThat(JsonLiterals.toJsonString(literal, file)).isEqualTo("\"s3://b/k.csv\"");

    LiteralType sd =
        LiteralType.newBuilder()
            .setStructuredDatasetType(StructuredDatasetType.getDefaultInstance())
            .build();
    Literal ds = JsonLiterals.toLiteral("\"s3://b/df\"", sd);
    assertThat(ds.getScalar().getStructuredDataset().getUri()).isEqualTo("s3://b/df");
    assertThat(JsonLiterals.toJsonString(ds, sd)).isEqualTo("\"s3://b/df\"");
  }

  @Test
  void toJson_offloadedLiteralIsAnError() {
    Literal offloaded =
        Literal.newBuilder()
            .setOffloadedMetadata(
                dev.ferry.idl.core.LiteralOffloadedMetadata.newBuilder().setUri("s3://b/o"))
            .build();

    assertThatThrownBy(() -> JsonLiterals.toJson(offloaded, Literals.simple(SimpleType.INTEGER)))
        .hasMessage("expected an inline literal but was an offloaded literal at 's3://b/o' at $");
  }
}
