package dev.ferry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.palantir.javapoet.JavaFile;
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

  record Result(String summary, List<Params> tried) {}

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

  @Test
  void addRecord_unionsOtherThanOptional_areNotSupportedYet() {
    LiteralType union =
        LiteralType.newBuilder()
            .setUnionType(
                UnionType.newBuilder()
                    .addVariants(Literals.simple(SimpleType.INTEGER))
                    .addVariants(Literals.simple(SimpleType.STRING)))
            .build();
    LiteralType type =
        LiteralType.newBuilder()
            .setSimple(SimpleType.STRUCT)
            .setStructure(TypeStructure.newBuilder().putDataclassType("v", union))
            .build();

    assertThatThrownBy(() -> new JavaSourceGenerator("p").addRecord("R", type))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot generate Java for a union of [integer, string] at R.v: not supported yet");
  }

  @Test
  void names_snakeCaseToJava() {
    assertThat(JavaSourceGenerator.camel("order_id")).isEqualTo("orderId");
    assertThat(JavaSourceGenerator.camel("class")).isEqualTo("class_");
    assertThat(JavaSourceGenerator.camel("2d")).isEqualTo("_2d");
    assertThat(JavaSourceGenerator.pascal("line_item")).isEqualTo("LineItem");
    assertThat(JavaSourceGenerator.constant("dark-red")).isEqualTo("DARK_RED");
  }
}
