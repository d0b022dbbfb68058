package dev.ferry.transformers.functional;

import static dev.ferry.transformers.testing.Structs.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.Literals;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.EnumType;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.idl.core.TypeAnnotation;
import dev.ferry.idl.core.TypeStructure;
import dev.ferry.idl.core.UnionType;
import dev.ferry.transformers.EnumValue;
import dev.ferry.transformers.FieldName;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The LiteralType of a record, as the Python SDK 1.16 writes it for a dataclass (WIRE.md). */
class RecordTypeWireTest {
  enum Color {
    @EnumValue("red")
    RED,
    @EnumValue("green")
    GREEN
  }

  record Point(long x, long y) {}

  record Everything(
      long i,
      double f,
      String s,
      boolean b,
      Instant t,
      LocalDate d,
      Duration dur,
      Color color,
      List<Long> list,
      Map<String, Long> map,
      Optional<String> opt,
      @Nullable Integer nul,
      Point nested,
      Map<String, Object> untyped,
      @FieldName("unit_price") double unitPrice) {}

  private final TypeEngine engine = TypeEngine.createDefault();

  private static final TypeAnnotation MSGPACK =
      TypeAnnotation.newBuilder()
          .setAnnotations(json("{\"cache-key-metadata\": {\"serialization-format\": \"msgpack\"}}"))
          .build();

  @Test
  void literalType_simpleStructWithMsgpackAnnotation() {
    LiteralType type = engine.literalType(Point.class);

    assertThat(type.getTypeCase()).isEqualTo(LiteralType.TypeCase.SIMPLE);
    assertThat(type.getSimple()).isEqualTo(SimpleType.STRUCT);
    assertThat(type.getAnnotation()).isEqualTo(MSGPACK);
    assertThat(type.getStructure().getTag()).isEmpty();
  }

  @Test
  void literalType_metadataIsInlinedJsonSchema() {
    LiteralType type = engine.literalType(Everything.class);

    assertThat(type.getMetadata())
        .isEqualTo(
            json(
                """
                {"title": "Everything", "type": "object", "additionalProperties": false,
                 "required": ["i", "f", "s", "b", "t", "d", "dur", "color", "list", "map", "opt",
                              "nul", "nested", "untyped", "unit_price"],
                 "properties": {
                   "i": {"type": "integer"},
                   "f": {"type": "number"},
                   "s": {"type": "string"},
                   "b": {"type": "boolean"},
                   "t": {"type": "string", "format": "date-time"},
                   "d": {"type": "string", "format": "date"},
                   "dur": {"type": "number", "format": "time-delta"},
                   "color": {"enum": ["red", "green"]},
                   "list": {"type": "array", "items": {"type": "integer"}},
                   "map": {"type": "object", "additionalProperties": {"type": "integer"},
                           "propertyNames": {"type": "string"}},
                   "opt": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                   "nul": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
                   "nested": {"title": "Point", "type": "object", "additionalProperties": false,
                              "required": ["x", "y"],
                              "properties": {"x": {"type": "integer"}, "y": {"type": "integer"}}},
                   "untyped": {"type": "object"},
                   "unit_price": {"type": "number"}
                 }}
                """));
    // no $ref, no $schema, no $defs anywhere: nested records are inlined
    assertThat(type.getMetadata().toString()).doesNotContain("$ref", "$schema", "$defs");
  }

  sealed interface Shape permits Circle, Square {}

  record Circle(double r) implements Shape {}

  record Square(double side) implements Shape {}

  record Drawing(Optional<Shape> shape, @Nullable Shape other) {}

  @Test
  void literalType_optionalUnionSchemaIsFlattenedAsPythonTypingDoes() {
    LiteralType type = engine.literalType(Drawing.class);
    String flat =
        """
        {"anyOf": [
          {"title": "Circle", "type": "object", "additionalProperties": false,
           "required": ["r"], "properties": {"r": {"type": "number"}}},
          {"title": "Square", "type": "object", "additionalProperties": false,
           "required": ["side"], "properties": {"side": {"type": "number"}}},
          {"type": "null"}]}
        """;
    var properties = type.getMetadata().getFieldsOrThrow("properties").getStructValue();
    assertThat(properties.getFieldsOrThrow("shape").getStructValue()).isEqualTo(json(flat));
    assertThat(properties.getFieldsOrThrow("other").getStructValue()).isEqualTo(json(flat));
  }

  @Test
  void literalType_dataclassTypeMapsEveryComponentRecursively() {
    LiteralType type = engine.literalType(Everything.class);
    Map<String, LiteralType> fields = type.getStructure().getDataclassTypeMap();

    assertThat(fields.keySet())
        .containsExactlyInAnyOrder(
            "i",
            "f",
            "s",
            "b",
            "t",
            "d",
            "dur",
            "color",
            "list",
            "map",
            "opt",
            "nul",
            "nested",
            "untyped",
            "unit_price");
    assertThat(fields.get("i")).isEqualTo(Literals.simple(SimpleType.INTEGER));
    assertThat(fields.get("f")).isEqualTo(Literals.simple(SimpleType.FLOAT));
    assertThat(fields.get("s")).isEqualTo(Literals.simple(SimpleType.STRING));
    assertThat(fields.get("b")).isEqualTo(Literals.simple(SimpleType.BOOLEAN));
    assertThat(fields.get("t")).isEqualTo(Literals.simple(SimpleType.DATETIME));
    assertThat(fields.get("d")).isEqualTo(Literals.simple(SimpleType.DATETIME));
    assertThat(fields.get("dur")).isEqualTo(Literals.simple(SimpleType.DURATION));
    assertThat(fields.get("color"))
        .isEqualTo(
            LiteralType.newBuilder()
                .setEnumType(EnumType.newBuilder().addValues("red").addValues("green"))
                .build());
    assertThat(fields.get("list"))
        .isEqualTo(
            LiteralType.newBuilder()
                .setCollectionType(Literals.simple(SimpleType.INTEGER))
                .build());
    assertThat(fields.get("map"))
        .isEqualTo(
            LiteralType.newBuilder().setMapValueType(Literals.simple(SimpleType.INTEGER)).build());
    assertThat(fields.get("opt")).isEqualTo(optionalOf(SimpleType.STRING, "str"));
    assertThat(fields.get("nul")).isEqualTo(optionalOf(SimpleType.INTEGER, "int"));
    // a nested record carries its own metadata, structure and annotation
    assertThat(fields.get("nested")).isEqualTo(engine.literalType(Point.class));
    assertThat(fields.get("nested").getMetadata().getFieldsOrThrow("title").getStringValue())
        .isEqualTo("Point");
    // an untyped dict: STRUCT and the annotation, without metadata and structure
    assertThat(fields.get("untyped"))
        .isEqualTo(
            LiteralType.newBuilder().setSimple(SimpleType.STRUCT).setAnnotation(MSGPACK).build());
    assertThat(fields.get("unit_price")).isEqualTo(Literals.simple(SimpleType.FLOAT));
  }

  @Test
  void literalType_fieldNameRenamesPropertyRequiredAndDataclassType() {
    LiteralType type = engine.literalType(Everything.class);

    assertThat(type.getMetadata().getFieldsOrThrow("properties").getStructValue().getFieldsMap())
        .containsKey("unit_price")
        .doesNotContainKey("unitPrice");
    assertThat(type.getMetadata().getFieldsOrThrow("required").toString())
        .contains("unit_price")
        .doesNotContain("unitPrice");
    assertThat(type.getStructure().getDataclassTypeMap()).doesNotContainKey("unitPrice");
  }

  @Test
  void literalType_untypedMapIsStructWithAnnotationOnly() {
    LiteralType type = engine.literalType(new TypeRef<Map<String, Object>>() {});

    assertThat(type)
        .isEqualTo(
            LiteralType.newBuilder().setSimple(SimpleType.STRUCT).setAnnotation(MSGPACK).build());
    assertThat(engine.literalType(new TypeRef<Map<Long, String>>() {})).isEqualTo(type);
  }

  private static LiteralType optionalOf(SimpleType simple, String tag) {
    return LiteralType.newBuilder()
        .setUnionType(
            UnionType.newBuilder()
                .addVariants(
                    Literals.simple(simple).toBuilder()
                        .setStructure(TypeStructure.newBuilder().setTag(tag)))
                .addVariants(
                    Literals.simple(SimpleType.NONE).toBuilder()
                        .setStructure(TypeStructure.newBuilder().setTag("none"))))
        .build();
  }
}
