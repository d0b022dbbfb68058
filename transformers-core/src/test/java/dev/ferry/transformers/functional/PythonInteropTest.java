package dev.ferry.transformers.functional;

import static dev.ferry.transformers.testing.Structs.hex;
import static dev.ferry.transformers.testing.Structs.spaced;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Binary;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.Scalar;
import dev.ferry.transformers.EnumValue;
import dev.ferry.transformers.FieldName;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Payloads as the Python SDK 1.16 writes them for this dataclass, built by hand and read by Ferry;
 * Ferry writes the same bytes for the same values.
 *
 * <pre>{@code
 * class Color(Enum):
 *     RED = "red"
 *     GREEN = "green"
 *
 * @dataclass
 * class Item:
 *     sku: str
 *     unit_price: float
 *     quantity: int
 *     color: Color
 *     placed: datetime          # timezone-aware, UTC
 *     tags: List[str]
 *     note: Optional[str] = None
 * }</pre>
 */
class PythonInteropTest {
  enum Color {
    @EnumValue("red")
    RED,
    @EnumValue("green")
    GREEN
  }

  record Item(
      String sku,
      @FieldName("unit_price") double unitPrice,
      int quantity,
      Color color,
      Instant placed,
      List<String> tags,
      Optional<String> note) {}

  record Small(String sku, @FieldName("unit_price") double unitPrice, int quantity) {}

  private static final Item ITEM =
      new Item(
          "A-1",
          9.5,
          2,
          Color.GREEN,
          Instant.parse("2024-05-01T12:30:00.123456Z"),
          List.of("gift", "fragile"),
          Optional.empty());

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs.item");

  /** The msgpack Python's {@code msgpack.packb(asdict(item))} writes (mashumaro's encoder). */
  private static byte[] pythonPayload(double unitPrice, boolean unitPriceAsInt) throws IOException {
    try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
      p.packMapHeader(7);
      p.packString("sku").packString("A-1");
      p.packString("unit_price");
      if (unitPriceAsInt) {
        p.packLong((long) unitPrice); // a Python int passed for a float field stays an int
      } else {
        p.packDouble(unitPrice);
      }
      p.packString("quantity").packLong(2);
      p.packString("color").packString("green");
      p.packString("placed").packString("2024-05-01T12:30:00.123456+00:00"); // isoformat()
      p.packString("tags").packArrayHeader(2).packString("gift").packString("fragile");
      p.packString("note").packNil();
      return p.toByteArray();
    }
  }

  private static Literal binary(byte[] msgpack) {
    return Literal.newBuilder()
        .setScalar(
            Scalar.newBuilder()
                .setBinary(
                    Binary.newBuilder().setValue(ByteString.copyFrom(msgpack)).setTag("msgpack")))
        .build();
  }

  @Test
  void toJava_readsThePythonPayload() throws IOException {
    Item item = engine.toJava(binary(pythonPayload(9.5, false)), TypeRef.of(Item.class), ctx);

    assertThat(item).isEqualTo(ITEM);
  }

  @Test
  void toLiteral_writesThePythonPayloadByteForByte() throws IOException {
    Literal literal = engine.toLiteral(ITEM, TypeRef.of(Item.class), ctx);

    assertThat(hex(literal.getScalar().getBinary().getValue().toByteArray()))
        .isEqualTo(hex(pythonPayload(9.5, false)));
    assertThat(literal).isEqualTo(binary(pythonPayload(9.5, false)));
  }

  @Test
  void toLiteral_smallDataclassMatchesTheMsgpackSpecification() {
    // {"sku": "A-1", "unit_price": 9.5, "quantity": 2}, encoded by hand from the msgpack spec
    String expected =
        "83 a3 73 6b 75 a3 41 2d 31"
            + " aa 75 6e 69 74 5f 70 72 69 63 65 cb 40 23 00 00 00 00 00 00"
            + " a8 71 75 61 6e 74 69 74 79 02";

    Literal literal = engine.toLiteral(new Small("A-1", 9.5, 2), TypeRef.of(Small.class), ctx);

    assertThat(hex(literal.getScalar().getBinary().getValue().toByteArray()))
        .isEqualTo(spaced(expected));
    assertThat(engine.toJava(binary(hex(expected)), TypeRef.of(Small.class), ctx))
        .isEqualTo(new Small("A-1", 9.5, 2));
  }

  @Test
  void toJava_acceptsAnIntegerWherePythonPassedAnIntForAFloat() throws IOException {
    Item item = engine.toJava(binary(pythonPayload(120, true)), TypeRef.of(Item.class), ctx);

    assertThat(item.unitPrice()).isEqualTo(120.0);
  }

  @Test
  void toJava_readsTheGenericStructOlderSdksWrite() {
    // JSON numbers: every number is a double in a Struct, whole ones included
    Struct struct =
        Struct.newBuilder()
            .putFields("sku", Value.newBuilder().setStringValue("A-1").build())
            .putFields("unit_price", Value.newBuilder().setNumberValue(9.5).build())
            .putFields("quantity", Value.newBuilder().setNumberValue(2.0).build())
            .putFields("color", Value.newBuilder().setStringValue("green").build())
            .putFields(
                "placed",
                Value.newBuilder().setStringValue("2024-05-01T12:30:00.123456+00:00").build())
            .putFields(
                "tags",
                Value.newBuilder()
                    .setListValue(
                        ListValue.newBuilder()
                            .addValues(Value.newBuilder().setStringValue("gift"))
                            .addValues(Value.newBuilder().setStringValue("fragile")))
                    .build())
            .putFields("note", Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build())
            .build();
    Literal literal =
        Literal.newBuilder().setScalar(Scalar.newBuilder().setGeneric(struct)).build();

    assertThat(engine.toJava(literal, TypeRef.of(Item.class), ctx)).isEqualTo(ITEM);
    assertThat(engine.fromBytes(literal.toByteArray(), TypeRef.of(Item.class), ctx))
        .isEqualTo(ITEM);
  }

  @Test
  void toJava_readsNaiveAndOffsetDatetimesPythonMayWrite() throws IOException {
    record When(Instant at) {}
    for (String text :
        List.of(
            "2024-05-01T12:30:00+00:00", // isoformat() of a whole second
            "2024-05-01T12:30:00", // a naive datetime: taken as UTC
            "2024-05-01T14:30:00+02:00")) {
      try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
        p.packMapHeader(1).packString("at").packString(text);
        assertThat(engine.toJava(binary(p.toByteArray()), TypeRef.of(When.class), ctx))
            .as(text)
            .isEqualTo(new When(Instant.parse("2024-05-01T12:30:00Z")));
      }
    }
  }
}
