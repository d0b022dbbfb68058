package dev.ferry.schema.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.TypedInterface;
import dev.ferry.schema.JsonLiterals;
import dev.ferry.schema.TypedInterfaces;
import dev.ferry.transformers.EnumValue;
import dev.ferry.transformers.FieldName;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Records with nested lists, maps, optionals and enums: JSON to literal to Java and back. */
class JsonRoundTripTest {
  enum Color {
    @EnumValue("red")
    RED,
    @EnumValue("green")
    GREEN
  }

  record Item(String sku, long qty, double price, Optional<Color> color) {}

  record Order(
      @FieldName("order_id") long orderId,
      List<Item> items,
      Map<String, Double> discounts,
      Optional<String> note,
      Instant placed,
      Duration ttl) {}

  sealed interface Shape permits Circle, Square {}

  record Circle(double radius) implements Shape {}

  record Square(double side, Instant drawn) implements Shape {}

  record Inputs(Order order, Duration timeout, Optional<Long> limit, List<Color> palette) {}

  static final String ORDER_JSON =
      "{\"order_id\":7,"
          + "\"items\":[{\"sku\":\"a\",\"qty\":2,\"price\":1.5,\"color\":\"red\"},"
          + "{\"sku\":\"b\",\"qty\":300,\"price\":2.0,\"color\":null}],"
          + "\"discounts\":{\"vip\":0.1},"
          + "\"note\":null,"
          + "\"placed\":\"2024-01-31T12:00:00+00:00\","
          + "\"ttl\":90.5}";

  static Order order() {
    Map<String, Double> discounts = new LinkedHashMap<>();
    discounts.put("vip", 0.1);
    return new Order(
        7,
        List.of(
            new Item("a", 2, 1.5, Optional.of(Color.RED)),
            new Item("b", 300, 2.0, Optional.empty())),
        discounts,
        Optional.empty(),
        Instant.parse("2024-01-31T12:00:00Z"),
        Duration.ofMillis(90_500));
  }

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.defaults();

  @Test
  void record_javaToLiteralToJson_andBack() {
    TypeRef<Order> type = TypeRef.of(Order.class);
    LiteralType lt = engine.literalType(type);
    Literal literal = engine.toLiteral(order(), type, ctx);

    assertThat(JsonLiterals.toJsonString(literal, lt)).isEqualTo(ORDER_JSON);

    Literal back = JsonLiterals.toLiteral(ORDER_JSON, lt);
    assertThat(Literals.toBytes(back)).isEqualTo(Literals.toBytes(literal));
    assertThat(engine.toJava(back, type, ctx)).isEqualTo(order());
  }

  @Test
  void record_jsonAsUsersWriteIt_isNormalised() {
    TypeRef<Order> type = TypeRef.of(Order.class);
    String loose =
        "{\"items\":[{\"sku\":\"a\",\"qty\":2,\"price\":1.5,\"color\":\"red\"},"
            + "{\"sku\":\"b\",\"qty\":300,\"price\":2}],"
            + "\"order_id\":7,\"discounts\":{\"vip\":0.1},"
            + "\"placed\":\"2024-01-31T13:00:00+01:00\",\"ttl\":\"PT1M30.5S\"}";

    Literal literal = JsonLiterals.toLiteral(loose, engine.literalType(type));

    assertThat(engine.toJava(literal, type, ctx)).isEqualTo(order());
    assertThat(Literals.toBytes(literal))
        .isEqualTo(Literals.toBytes(engine.toLiteral(order(), type, ctx)));
  }

  @Test
  void inputs_fromJsonThroughTheTypedInterface() {
    TypedInterface ti = new TypedInterfaces(engine).of(Inputs.class, Void.class);
    String json =
        "{\"order\":" + ORDER_JSON + ",\"timeout\":\"PT30S\",\"palette\":[\"green\",\"red\"]}";

    LiteralMap inputs = JsonLiterals.toLiteralMap(json, ti.getInputs());

    Inputs expected =
        new Inputs(
            order(), Duration.ofSeconds(30), Optional.empty(), List.of(Color.GREEN, Color.RED));
    assertThat(engine.toJava(inputs.getLiteralsOrThrow("order"), TypeRef.of(Order.class), ctx))
        .isEqualTo(expected.order());
    assertThat(engine.toJava(inputs.getLiteralsOrThrow("timeout"), TypeRef.of(Duration.class), ctx))
        .isEqualTo(expected.timeout());
    assertThat(
            engine.toJava(
                inputs.getLiteralsOrThrow("limit"), new TypeRef<Optional<Long>>() {}, ctx))
        .isEmpty();
    assertThat(
            engine.toJava(inputs.getLiteralsOrThrow("palette"), new TypeRef<List<Color>>() {}, ctx))
        .isEqualTo(expected.palette());
    assertThat(JsonLiterals.toJson(inputs, ti.getInputs()).get("timeout").textValue())
        .isEqualTo("PT30S");
  }

  @Test
  void inputs_mismatchNamesTheJsonPath() {
    TypedInterface ti = new TypedInterfaces(engine).of(Inputs.class, Void.class);
    String json =
        "{\"order\":"
            + ORDER_JSON.replace("\"qty\":300", "\"qty\":\"abc\"")
            + ",\"timeout\":\"PT30S\",\"palette\":[]}";

    assertThatThrownBy(() -> JsonLiterals.toLiteralMap(json, ti.getInputs()))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected an integer but was \"abc\" at $.order.items[1].qty")
        .extracting(e -> ((LiteralConversionException) e).path())
        .isEqualTo("$.order.items[1].qty");
  }

  @Test
  void record_unknownAndMissingFields() {
    LiteralType lt = engine.literalType(Item.class);

    assertThatThrownBy(
            () -> JsonLiterals.toLiteral("{\"sku\":\"a\",\"qty\":1,\"price\":1,\"size\":3}", lt))
        .hasMessage("expected one of the fields [sku, qty, price, color] but was 'size' at $.size");
    assertThatThrownBy(() -> JsonLiterals.toLiteral("{\"sku\":\"a\",\"price\":1}", lt))
        .hasMessage("expected field 'qty' but was missing at $");
    assertThatThrownBy(
            () ->
                JsonLiterals.toLiteral(
                    "{\"sku\":\"a\",\"qty\":1,\"price\":1,\"color\":\"blue\"}", lt))
        .hasMessage("expected one of [red, green] but was \"blue\" at $.color");
  }

  @Test
  void sealedUnion_choosesTheRecordVariantByItsFields() {
    TypeRef<List<Shape>> type = new TypeRef<List<Shape>>() {};
    LiteralType lt = engine.literalType(type);
    List<Shape> shapes =
        List.of(new Circle(1.5), new Square(2, Instant.parse("2024-01-31T12:00:00Z")));
    Literal literal = engine.toLiteral(shapes, type, ctx);
    String json = "[{\"radius\":1.5},{\"side\":2.0,\"drawn\":\"2024-01-31T12:00:00+00:00\"}]";

    assertThat(JsonLiterals.toJsonString(literal, lt)).isEqualTo(json);
    Literal back =
        JsonLiterals.toLiteral(
            "[{\"radius\":1.5},{\"side\":2,\"drawn\":\"2024-01-31T13:00:00+01:00\"}]", lt);
    assertThat(Literals.toBytes(back)).isEqualTo(Literals.toBytes(literal));
    assertThat(engine.toJava(back, type, ctx)).isEqualTo(shapes);
    assertThatThrownBy(() -> JsonLiterals.toLiteral("[{\"radius\":1.5,\"side\":2}]", lt))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith("expected one of the variants [Object-Dataclass-Transformer,");
  }
}
