package dev.ferry.transformers.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralCollection;
import dev.ferry.transformers.AllowUnknownKeys;
import dev.ferry.transformers.EnumValue;
import dev.ferry.transformers.testing.MsgpackLiterals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Data errors: {@code expected X but was Y at path}, with the path running through records, lists
 * and maps, on reading and on writing, through the tree and the streaming path alike.
 */
class DataErrorsTest {
  enum Color {
    @EnumValue("red")
    RED,
    @EnumValue("green")
    GREEN
  }

  record Item(String sku, Color color) {}

  record Order(long id, List<Item> items) {}

  record Counter(int count) {}

  @AllowUnknownKeys
  record Lenient(String sku) {}

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext order = TransformContext.at("inputs.order");

  @Test
  void toJava_intOutOfRange() {
    Literal big = Literals.ofInteger(3_000_000_000L);
    String message =
        "expected an integer that fits int [-2147483648, 2147483647] but was '3000000000' at"
            + " inputs.count";

    assertThatThrownBy(() -> engine.toJava(big, TypeRef.of(int.class), at("inputs.count")))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(message);
    assertThatThrownBy(
            () ->
                engine.fromBytes(Literals.toBytes(big), TypeRef.of(int.class), at("inputs.count")))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(message);
  }

  @Test
  void toJava_intOutOfRangeInsideRecord() {
    Literal literal =
        msgpack(packer -> packer.packMapHeader(1).packString("count").packLong(1L << 40));

    assertThatThrownBy(() -> engine.toJava(literal, TypeRef.of(Counter.class), at("inputs.c")))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected an integer that fits int [-2147483648, 2147483647] but was '1099511627776'"
                + " at inputs.c.count");
  }

  @Test
  void toJava_unknownEnumValue() {
    Literal purple = Literals.ofString("purple");
    String message = "expected one of [red, green] but was 'purple' at inputs.color";

    assertThatThrownBy(() -> engine.toJava(purple, TypeRef.of(Color.class), at("inputs.color")))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(message)
        .satisfies(
            e -> {
              LiteralConversionException lce = (LiteralConversionException) e;
              assertThat(lce.expected()).isEqualTo("one of [red, green]");
              assertThat(lce.actual()).isEqualTo("'purple'");
              assertThat(lce.path()).isEqualTo("inputs.color");
              assertThat(lce.javaType()).isEqualTo(Color.class);
              assertThat(lce.literalType()).isEqualTo(engine.literalType(Color.class));
            });
    assertThatThrownBy(
            () ->
                engine.fromBytes(
                    Literals.toBytes(purple), TypeRef.of(Color.class), at("inputs.color")))
        .hasMessage(message);
  }

  @Test
  void toJava_errorPathThroughRecordListAndRecord() {
    Literal literal =
        msgpack(
            p -> {
              p.packMapHeader(2).packString("id").packLong(1).packString("items");
              p.packArrayHeader(2);
              p.packMapHeader(2).packString("sku").packString("a").packString("color");
              p.packString("red");
              p.packMapHeader(2).packString("sku").packString("b").packString("color");
              p.packString("BLUE");
            });

    assertThatThrownBy(() -> engine.toJava(literal, TypeRef.of(Order.class), order))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected one of [red, green] but was 'BLUE' at inputs.order.items[1].color");
    assertThatThrownBy(
            () -> engine.fromBytes(Literals.toBytes(literal), TypeRef.of(Order.class), order))
        .hasMessage("expected one of [red, green] but was 'BLUE' at inputs.order.items[1].color");
  }

  @Test
  void toLiteral_errorPathThroughCollectionRecordListAndRecord() {
    Order bad = new Order(2, Arrays.asList(new Item("a", Color.RED), new Item("b", null)));
    TypeRef<List<Order>> type = new TypeRef<>() {};
    List<Order> orders = List.of(new Order(1, List.of()), bad);
    String message = "expected one of [red, green] but was null at inputs.orders[1].items[1].color";

    assertThatThrownBy(() -> engine.toLiteral(orders, type, at("inputs.orders")))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> engine.toBytes(orders, type, at("inputs.orders")))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(message);
  }

  @Test
  void toJava_errorPathThroughMapKeys() {
    Map<String, Literal> entries = new LinkedHashMap<>();
    entries.put("ok", Literals.ofString("red"));
    entries.put("a b", Literals.ofString("mauve"));
    Literal literal =
        Literal.newBuilder()
            .setMap(dev.ferry.idl.core.LiteralMap.newBuilder().putAllLiterals(entries))
            .build();

    assertThatThrownBy(
            () -> engine.toJava(literal, new TypeRef<Map<String, Color>>() {}, at("inputs.m")))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected one of [red, green] but was 'mauve' at inputs.m[\"a b\"]");
  }

  @Test
  void toJava_nullElementOfListIsReportedByIndex() {
    List<Long> withNull = new ArrayList<>(Arrays.asList(1L, null));

    assertThatThrownBy(
            () -> engine.toLiteral(withNull, new TypeRef<List<Long>>() {}, at("inputs.ids")))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected long but was null at inputs.ids[1]");
  }

  @Test
  void toJava_wrongLiteralKind() {
    Literal collection =
        Literal.newBuilder().setCollection(LiteralCollection.getDefaultInstance()).build();

    assertThatThrownBy(() -> engine.toJava(collection, TypeRef.of(Order.class), order))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected msgpack binary or a generic struct for record Order but was a collection"
                + " of 0 at inputs.order");
    assertThatThrownBy(() -> engine.toJava(Literals.ofString("x"), TypeRef.of(long.class), order))
        .hasMessage("expected an integer but was string 'x' at inputs.order");
  }

  @Test
  void toJava_unknownKeyIsAnError() {
    Literal literal =
        msgpack(
            p ->
                p.packMapHeader(2)
                    .packString("sku")
                    .packString("a")
                    .packString("extra")
                    .packLong(1));

    assertThatThrownBy(() -> engine.toJava(literal, TypeRef.of(Item.class), at("inputs.item")))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected one of [color, sku] as a key of Item but was 'extra' at inputs.item");
  }

  @Test
  void toJava_unknownKeySkippedWithAllowUnknownKeys() {
    Literal literal =
        msgpack(
            p -> {
              p.packMapHeader(2).packString("extra");
              p.packArrayHeader(2).packMapHeader(1).packString("k").packNil().packDouble(1.5);
              p.packString("sku").packString("a");
            });

    assertThat(engine.toJava(literal, TypeRef.of(Lenient.class), at("inputs.item")))
        .isEqualTo(new Lenient("a"));
  }

  @Test
  void toJava_missingKeyIsAnError() {
    Literal literal = msgpack(p -> p.packMapHeader(1).packString("sku").packString("a"));

    assertThatThrownBy(() -> engine.toJava(literal, TypeRef.of(Item.class), at("inputs.item")))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected key 'color' of Item but was missing at inputs.item");
  }

  @Test
  void toJava_duplicateKeyIsAnError() {
    Literal literal =
        msgpack(
            p ->
                p.packMapHeader(3)
                    .packString("sku")
                    .packString("a")
                    .packString("sku")
                    .packString("b")
                    .packString("color")
                    .packString("red"));

    assertThatThrownBy(() -> engine.toJava(literal, TypeRef.of(Item.class), at("inputs.item")))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected each key of Item once but was a second 'sku' at inputs.item");
  }

  @Test
  void toJava_trailingBytesAfterTheMapAreAnError() {
    Literal literal = msgpack(p -> p.packMapHeader(1).packString("sku").packString("a").packNil());

    assertThatThrownBy(() -> engine.toJava(literal, TypeRef.of(Lenient.class), at("inputs.item")))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected one msgpack map but was trailing bytes after it at inputs.item");
  }

  private static TransformContext at(String path) {
    return TransformContext.at(path);
  }

  private static Literal msgpack(MsgpackLiterals.Packing packing) {
    return MsgpackLiterals.of(packing);
  }
}
