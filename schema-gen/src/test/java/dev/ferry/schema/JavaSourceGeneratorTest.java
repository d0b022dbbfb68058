package dev.ferry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import dev.ferry.dataframe.StructuredDataset;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.idl.core.TypeStructure;
import dev.ferry.idl.core.TypedInterface;
import dev.ferry.idl.core.UnionType;
import dev.ferry.schema.testing.InMemoryCompiler;
import dev.ferry.schema.testing.PythonTypes;
import dev.ferry.testdata.TestData;
import dev.ferry.transformers.FieldName;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaSourceGeneratorTest {
  @TempDir Path tmp;

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.defaults();

  private static Map<String, String> sources(JavaSourceGenerator gen) {
    return gen.files().stream()
        .collect(Collectors.toMap(f -> f.typeSpec().name(), JavaFile::toString));
  }

  @Test
  void addRecord_pythonDataclass_generatesRecordsAndEnums() throws Exception {
    LiteralType type = LiteralType.parseFrom(TestData.bytes("golden/order-record.type.pb"));
    JavaSourceGenerator gen = new JavaSourceGenerator("com.example.orders");

    assertThat(gen.addRecord("Fallback", type).simpleName()).isEqualTo("Order");

    Map<String, String> sources = sources(gen);
    assertThat(sources).containsOnlyKeys("Order", "Item", "Color");
    assertThat(sources.get("Order"))
        .contains("package com.example.orders;")
        .contains("public record Order(")
        .contains("@FieldName(\"order_id\") long orderId")
        .contains("List<Item> items")
        .contains("Optional<String> note")
        .contains("Instant placed")
        .contains("Map<String, Long> counts");
    assertThat(sources.get("Item"))
        .contains("@FieldName(\"unit_price\") double unitPrice")
        .contains("long quantity")
        .contains("Color color");
    assertThat(sources.get("Color"))
        .contains("public enum Color {")
        .contains("@EnumValue(\"red\")\n  RED")
        .contains("@EnumValue(\"green\")\n  GREEN");
  }

  @Test
  void generatedRecords_compile_andRoundTripThePythonLiteral() throws Exception {
    LiteralType type = LiteralType.parseFrom(TestData.bytes("golden/order-record.type.pb"));
    Literal python = Literal.parseFrom(TestData.bytes("golden/order-record.pb"));
    JavaSourceGenerator gen = new JavaSourceGenerator("com.example.orders");
    gen.addRecord("Order", type);

    try (URLClassLoader loader = InMemoryCompiler.compile(gen.files(), tmp)) {
      Class<?> order = loader.loadClass("com.example.orders.Order");
      roundTrip(order, python, type);
    }
  }

  @SuppressWarnings("unchecked")
  private <T> void roundTrip(Class<T> cls, Literal literal, LiteralType expectedType) {
    TypeRef<T> ref = TypeRef.of(cls);
    T value = engine.toJava(literal, ref, ctx);
    Literal back = engine.toLiteral(value, ref, ctx);

    assertThat(Literals.toBytes(back)).isEqualTo(Literals.toBytes(literal));
    assertThat(engine.literalType(ref).getStructure().getDataclassTypeMap())
        .isEqualTo(expectedType.getStructure().getDataclassTypeMap());
    assertThat(engine.literalType(ref).getMetadata()).isEqualTo(expectedType.getMetadata());
  }

  enum Mode {
    FAST,
    SLOW
  }

  record Params(
      @FieldName("max_rows") long maxRows,
      Optional<Double> ratio,
      List<Map<String, Mode>> modes,
      java.time.Duration timeout) {}

  record Result(String summary, List<Params> tried) implements NamedOutputs {}

  @Test
  void addInterface_generatesInputsAndOutputs_thatRoundTrip() throws Exception {
    TypedInterface ti = new TypedInterfaces(engine).of(Params.class, Result.class);
    JavaSourceGenerator gen = new JavaSourceGenerator("com.example.tasks");

    assertThat(gen.addInterface("train_model", ti))
        .extracting(c -> c.simpleName())
        .containsExactly("TrainModelInputs", "TrainModelOutputs");
    Map<String, String> sources = sources(gen);
    assertThat(sources)
        .containsOnlyKeys("TrainModelInputs", "TrainModelOutputs", "Params", "Modes");
    assertThat(sources.get("TrainModelInputs"))
        .contains("@FieldName(\"max_rows\") long maxRows")
        .contains("List<Map<String, Modes>> modes")
        .contains("Optional<Double> ratio")
        .contains("Duration timeout");

    Params params =
        new Params(
            5, Optional.of(0.5), List.of(Map.of("a", Mode.FAST)), java.time.Duration.ofSeconds(3));
    Literal literal = engine.toLiteral(params, TypeRef.of(Params.class), ctx);
    try (URLClassLoader loader = InMemoryCompiler.compile(gen.files(), tmp)) {
      Class<?> p = loader.loadClass("com.example.tasks.Params");
      roundTrip(p, literal, engine.literalType(Params.class));
      Class<?> outputs = loader.loadClass("com.example.tasks.TrainModelOutputs");
      assertThat(outputs.getRecordComponents())
          .extracting(c -> c.getName())
          .containsExactly("summary", "tried");
    }
  }

  private static LiteralType dataclass(
      String title, String schemaJson, Map<String, LiteralType> fields) throws Exception {
    Struct.Builder schema = Struct.newBuilder();
    JsonFormat.parser().merge(schemaJson, schema);
    schema.putFields("title", Value.newBuilder().setStringValue(title).build());
    return LiteralType.newBuilder()
        .setSimple(SimpleType.STRUCT)
        .setMetadata(schema)
        .setStructure(TypeStructure.newBuilder().putAllDataclassType(fields))
        .build();
  }

  private static LiteralType variant(LiteralType type, String tag) {
    return type.toBuilder().setStructure(TypeStructure.newBuilder().setTag(tag)).build();
  }

  private static LiteralType union(LiteralType... variants) {
    return LiteralType.newBuilder()
        .setUnionType(UnionType.newBuilder().addAllVariants(List.of(variants)))
        .build();
  }

  private static LiteralType holder(String field, LiteralType type) {
    return LiteralType.newBuilder()
        .setSimple(SimpleType.STRUCT)
        .setStructure(TypeStructure.newBuilder().putDataclassType(field, type))
        .build();
  }

  private static final String STORE =
      "{\"type\":\"object\",\"properties\":{\"store\":{\"type\":\"string\"}},"
          + "\"required\":[\"store\"]}";

  private static LiteralType pickup() throws Exception {
    return variant(
        dataclass("Pickup", STORE, Map.of("store", Literals.simple(SimpleType.STRING))),
        "Object-Dataclass-Transformer");
  }

  @Test
  void addRecord_unionOfDataclasses_generatesASealedInterfaceOfRecords() throws Exception {
    JavaSourceGenerator gen = new JavaSourceGenerator("com.example.ship");

    gen.addRecord("Shipment", PythonTypes.type("shipment"));

    Map<String, String> sources = sources(gen);
    assertThat(sources).containsOnlyKeys("Shipment", "Pickup", "Courier", "Delivery");
    assertThat(sources.get("Delivery"))
        .contains("public sealed interface Delivery permits Pickup, Courier {");
    assertThat(sources.get("Pickup"))
        .contains("public record Pickup(String store) implements Delivery");
    assertThat(sources.get("Courier"))
        .contains("public record Courier(String address, long days) implements Delivery");
    assertThat(sources.get("Shipment"))
        .contains("@FieldName(\"shipment_id\") long shipmentId")
        .contains("Delivery delivery");
  }

  @Test
  void addRecord_optionalUnion_isAnOptionalSealedInterface() throws Exception {
    JavaSourceGenerator gen = new JavaSourceGenerator("com.example.ship");

    gen.addRecord("Parcel", PythonTypes.type("parcel"));

    assertThat(sources(gen).get("Parcel"))
        .contains("public record Parcel(double weight, Optional<Fallback> fallback)");
    assertThat(sources(gen).get("Fallback"))
        .contains("public sealed interface Fallback permits Pickup, Courier {");
  }

  @Test
  void addRecord_unionFieldNamedLikeAVariant_namesTheInterfaceUnion() throws Exception {
    LiteralType other =
        variant(
            dataclass(
                "Courier",
                "{\"type\":\"object\",\"properties\":{\"days\":{\"type\":\"integer\"}},"
                    + "\"required\":[\"days\"]}",
                Map.of("days", Literals.simple(SimpleType.INTEGER))),
            "Object-Dataclass-Transformer");
    JavaSourceGenerator gen = new JavaSourceGenerator("p");

    gen.addRecord("R", holder("courier", union(pickup(), other)));

    assertThat(sources(gen).get("R")).contains("CourierUnion courier");
    assertThat(sources(gen).get("CourierUnion"))
        .contains("public sealed interface CourierUnion permits Pickup, Courier {");
    assertThat(sources(gen).get("Courier")).contains("implements CourierUnion");
  }

  @Test
  void addRecord_variantKnownOnlyBySchema_generatesItsUnionFromAnyOf() throws Exception {
    // a variant's dataclass_type is replaced by its tag, so its own union field is only in anyOf
    String box =
        "{\"type\":\"object\",\"properties\":{\"inner\":{\"anyOf\":["
            + "{\"title\":\"Small\",\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"integer\"}},"
            + "\"required\":[\"s\"]},"
            + "{\"title\":\"Large\",\"type\":\"object\",\"properties\":{\"l\":{\"type\":\"string\"}},"
            + "\"required\":[\"l\"]},{\"type\":\"null\"}]}},\"required\":[\"inner\"]}";
    LiteralType boxVariant =
        variant(dataclass("Box", box, Map.of()), "Object-Dataclass-Transformer");
    JavaSourceGenerator gen = new JavaSourceGenerator("p");

    gen.addRecord("R", holder("packing", union(pickup(), boxVariant)));

    Map<String, String> sources = sources(gen);
    assertThat(sources)
        .containsOnlyKeys("R", "Pickup", "Box", "Packing", "Inner", "Small", "Large");
    assertThat(sources.get("Box"))
        .contains("public record Box(Optional<Inner> inner) implements Packing");
    assertThat(sources.get("Inner"))
        .contains("public sealed interface Inner permits Small, Large {");
  }

  @Test
  void addRecord_unionOfPrimitives_generatesUnionValueRecords() throws Exception {
    LiteralType union =
        union(
            variant(Literals.simple(SimpleType.INTEGER), "int"),
            variant(Literals.simple(SimpleType.STRING), "str"));
    JavaSourceGenerator gen = new JavaSourceGenerator("com.example.u");
    gen.addRecord("R", holder("v", union));

    Map<String, String> sources = sources(gen);
    assertThat(sources).containsOnlyKeys("R", "V");
    assertThat(sources.get("V"))
        .contains("public sealed interface V permits V.IntValue, V.StrValue {")
        .contains("@UnionValue")
        .contains("record IntValue(long value) implements V")
        .contains("record StrValue(String value) implements V");
    assertThat(sources.get("R")).contains("public record R(V v)");
  }

  /**
   * {@code @dataclass class R: v: Optional[Union[int, str, List[str], Pickup]]}: the generated
   * types compile and read and write the Python SDK's literals byte for byte, inside the record and
   * as a union literal.
   */
  @Test
  void addRecord_unionOfAnyTypes_roundTripsThePythonLiterals() throws Exception {
    LiteralType union =
        union(
            variant(Literals.simple(SimpleType.INTEGER), "int"),
            variant(Literals.simple(SimpleType.STRING), "str"),
            variant(
                LiteralType.newBuilder()
                    .setCollectionType(Literals.simple(SimpleType.STRING))
                    .build(),
                "Typed List"),
            pickup(),
            variant(Literals.simple(SimpleType.NONE), "none"));
    JavaSourceGenerator gen = new JavaSourceGenerator("com.example.any");
    gen.addRecord("R", holder("v", union));
    Map<String, String> sources = sources(gen);
    assertThat(sources).containsOnlyKeys("R", "V", "Pickup");
    assertThat(sources.get("V"))
        .contains("public sealed interface V permits V.IntValue, V.StrValue, V.ListValue, Pickup {")
        .contains("record ListValue(List<String> value) implements V");
    assertThat(sources.get("R")).contains("Optional<V> v");

    List<Literal> python =
        List.of(
            PythonTypes.msgpack(p -> p.packMapHeader(1).packString("v").packLong(5)),
            PythonTypes.msgpack(p -> p.packMapHeader(1).packString("v").packString("x")),
            PythonTypes.msgpack(
                p -> p.packMapHeader(1).packString("v").packArrayHeader(1).packString("a")),
            PythonTypes.msgpack(
                p ->
                    p.packMapHeader(1)
                        .packString("v")
                        .packMapHeader(1)
                        .packString("store")
                        .packString("north")),
            PythonTypes.msgpack(p -> p.packMapHeader(1).packString("v").packNil()));
    Literal unionLiteral =
        Literal.newBuilder()
            .setScalar(
                dev.ferry.idl.core.Scalar.newBuilder()
                    .setUnion(
                        dev.ferry.idl.core.Union.newBuilder()
                            .setValue(Literals.ofString("x"))
                            .setType(variant(Literals.simple(SimpleType.STRING), "str"))))
            .build();
    try (URLClassLoader loader = InMemoryCompiler.compile(gen.files(), tmp)) {
      Class<?> r = loader.loadClass("com.example.any.R");
      for (Literal literal : python) {
        Object value = engine.toJava(literal, TypeRef.of(r), ctx);
        assertThat(Literals.toBytes(write(r, value)))
            .as("%s", value)
            .isEqualTo(Literals.toBytes(literal));
      }
      Class<?> v = loader.loadClass("com.example.any.V");
      Object str = engine.toJava(unionLiteral, TypeRef.of(v), ctx);
      assertThat(str.getClass().getSimpleName()).isEqualTo("StrValue");
      assertThat(write(v, str)).isEqualTo(unionLiteral);
      assertThat(engine.literalType(TypeRef.of(v)).getUnionType().getVariantsList())
          .extracting(t -> t.getStructure().getTag())
          .containsExactly("int", "str", "Typed List", "Object-Dataclass-Transformer");
    }
  }

  private <T> Literal write(Class<T> cls, Object value) {
    return engine.toLiteral(cls.cast(value), TypeRef.of(cls), ctx);
  }

  @Test
  void addRecord_anyOfOfStrings_failsNamingTheField() throws Exception {
    LiteralType type =
        dataclass(
            "R",
            "{\"type\":\"object\",\"properties\":{\"v\":{\"anyOf\":[{\"type\":\"string\"},"
                + "{\"type\":\"integer\"}]}},\"required\":[\"v\"]}",
            Map.of());

    assertThatThrownBy(() -> new JavaSourceGenerator("p").addRecord("R", type))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot generate Java for a union of [string, integer] at R.v: Ferry converts unions of"
                + " dataclasses (a sealed interface of records) and Optional[T] only; make each"
                + " variant a dataclass");
  }

  @Test
  void addRecord_variantsWithOverlappingKeys_fail() throws Exception {
    LiteralType shop =
        variant(
            dataclass("Shop", STORE, Map.of("store", Literals.simple(SimpleType.STRING))),
            "Object-Dataclass-Transformer");

    assertThatThrownBy(
            () -> new JavaSourceGenerator("p").addRecord("R", holder("v", union(pickup(), shop))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot generate Java for a union of [Pickup, Shop] at R.v: inside a record Ferry"
                + " tells variants apart by their keys, and the keys of Pickup [store] and of Shop"
                + " [store] overlap");
  }

  @Test
  void addRecord_variantWithoutTitle_fails() throws Exception {
    Struct.Builder schema = Struct.newBuilder();
    JsonFormat.parser().merge(STORE, schema);
    LiteralType untitled =
        LiteralType.newBuilder()
            .setSimple(SimpleType.STRUCT)
            .setMetadata(schema)
            .setStructure(TypeStructure.newBuilder().setTag("Object-Dataclass-Transformer"))
            .build();

    assertThatThrownBy(
            () ->
                new JavaSourceGenerator("p").addRecord("R", holder("v", union(pickup(), untitled))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot generate Java for a union of [Pickup, Object-Dataclass-Transformer] at R.v: a"
                + " variant's JSON Schema has no title, and Ferry reads variants by title");
  }

  @Test
  void addRecord_variantTitledLikeNoJavaClass_fails() throws Exception {
    LiteralType odd =
        variant(
            dataclass(
                "line_item",
                "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}}}",
                Map.of("n", Literals.simple(SimpleType.INTEGER))),
            "Object-Dataclass-Transformer");

    assertThatThrownBy(
            () -> new JavaSourceGenerator("p").addRecord("R", holder("v", union(pickup(), odd))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot generate Java for a union of [Pickup, line_item] at R.v: the variant title"
                + " 'line_item' is not a Java class name, and a variant's record is named by its"
                + " title");
  }

  @Test
  void addRecord_variantNamedLikeAnotherGeneratedType_fails() throws Exception {
    LiteralType otherPickup =
        dataclass(
            "Pickup",
            "{\"type\":\"object\",\"properties\":{\"at\":{\"type\":\"string\"}},"
                + "\"required\":[\"at\"]}",
            Map.of("at", Literals.simple(SimpleType.STRING)));
    LiteralType courier =
        PythonTypes.type("shipment")
            .getStructure()
            .getDataclassTypeOrThrow("delivery")
            .getUnionType()
            .getVariants(1);
    LiteralType type =
        LiteralType.newBuilder()
            .setSimple(SimpleType.STRUCT)
            .setStructure(
                TypeStructure.newBuilder()
                    .putDataclassType("a_first", otherPickup)
                    .putDataclassType("b_union", union(pickup(), courier)))
            .build();

    assertThatThrownBy(() -> new JavaSourceGenerator("p").addRecord("R", type))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot generate Java for a union of [Pickup, Courier] at R.b_union: another generated"
                + " type is already named 'Pickup', and a variant's record is named by its title");
  }

  @Test
  void addRecord_datasetAndFiles_mapToTheirJavaClasses() throws Exception {
    JavaSourceGenerator gen = new JavaSourceGenerator("com.example.reports");

    gen.addRecord("Report", PythonTypes.type("report"));

    assertThat(sources(gen).get("Report"))
        .contains("import dev.ferry.dataframe.StructuredDataset;")
        .contains("import dev.ferry.transformers.blob.FlyteFile;")
        .contains("public record Report(String name, StructuredDataset frame, FlyteFile raw)");
  }

  @Test
  void addRecord_typedFile_declaresItsFormat() throws Exception {
    LiteralType csv =
        LiteralType.newBuilder()
            .setBlob(dev.ferry.idl.core.BlobType.newBuilder().setFormat("csv"))
            .build();
    JavaSourceGenerator gen = new JavaSourceGenerator("com.example.files");
    gen.addRecord("R", holder("table", csv));

    assertThat(sources(gen).get("R")).contains("@BlobFormat(\"csv\") FlyteFile table");
    try (URLClassLoader loader = InMemoryCompiler.compile(gen.files(), tmp)) {
      Class<?> r = loader.loadClass("com.example.files.R");
      assertThat(engine.literalType(TypeRef.of(r)).getStructure().getDataclassTypeOrThrow("table"))
          .isEqualTo(csv);
    }
  }

  @Test
  void structuredDataset_namesTheClassOfTransformersDataframe() {
    assertThat(JavaSourceGenerator.STRUCTURED_DATASET)
        .isEqualTo(ClassName.get(StructuredDataset.class));
  }
}
