package dev.ferry.transformers.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.testing.DeepEquals;
import dev.ferry.transformers.EnumValue;
import dev.ferry.transformers.FieldName;
import dev.ferry.transformers.UnionValue;
import dev.ferry.transformers.blob.BlobFormat;
import dev.ferry.transformers.blob.FlyteDirectory;
import dev.ferry.transformers.blob.FlyteFile;
import dev.ferry.transformers.testing.Structs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Today's encoding of a few values, pinned by committed files: a change in how any of them is
 * encoded (a literal or its type) fails here. See {@link GoldenFiles} for how to regenerate.
 */
class GoldenLiteralsTest {
  enum Color {
    @EnumValue("red")
    RED,
    @EnumValue("green")
    GREEN
  }

  record Item(String sku, @FieldName("unit_price") double unitPrice, int quantity, Color color) {}

  record Order(
      @FieldName("order_id") long orderId,
      List<Item> items,
      Optional<String> note,
      Instant placed,
      Map<String, Long> counts) {}

  /** A dict field in insertion order and a datetime without a fraction, as Python writes them. */
  record Stock(Map<String, Long> counts, Instant at) {}

  /** Files and directories with and without a declared format. */
  record Attachments(
      FlyteFile any,
      @BlobFormat("csv") FlyteFile table,
      FlyteDirectory dir,
      @BlobFormat("parquet") FlyteDirectory parts) {}

  /** {@code Union[int, str, List[str], None]}. */
  sealed interface Scalarish permits Scalarish.I, Scalarish.S, Scalarish.L, Scalarish.N {
    @UnionValue
    record I(long value) implements Scalarish {}

    @UnionValue
    record S(String value) implements Scalarish {}

    @UnionValue
    record L(List<String> value) implements Scalarish {}

    @UnionValue
    record N() implements Scalarish {}
  }

  sealed interface Delivery permits Pickup, Courier {}

  record Pickup(String store) implements Delivery {}

  record Courier(String address, int days) implements Delivery {}

  record Golden<T>(String name, TypeRef<T> type, T value) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final TypeEngine ENGINE = TypeEngine.createDefault();
  private static final TransformContext CTX = TransformContext.at("inputs.golden");

  static Stream<Golden<?>> goldens() {
    Map<String, Object> untyped = new LinkedHashMap<>();
    untyped.put("n", 1L);
    untyped.put("x", 2.5);
    untyped.put("s", "text");
    untyped.put("none", null);
    untyped.put("list", Arrays.asList(true, null, List.of()));
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("zeta", 1L);
    counts.put("alpha", 2L);
    return Stream.of(
        new Golden<>(
            "order-record",
            TypeRef.of(Order.class),
            new Order(
                1042,
                List.of(new Item("A-1", 9.5, 2, Color.RED), new Item("B-7", 120.0, 1, Color.GREEN)),
                Optional.of("leave at the door"),
                Instant.parse("2026-11-21T09:30:00.250Z"),
                Map.of("gift", 1L))),
        new Golden<>(
            "list-of-longs",
            new TypeRef<List<Long>>() {},
            List.of(0L, 1L, -1L, 300L, Long.MIN_VALUE, Long.MAX_VALUE)),
        new Golden<>("optional-none", new TypeRef<Optional<Long>>() {}, Optional.empty()),
        new Golden<>("optional-int", new TypeRef<Optional<Long>>() {}, Optional.of(42L)),
        new Golden<>("sealed-union", TypeRef.of(Delivery.class), new Courier("1 Main St", 2)),
        new Golden<>("enum", TypeRef.of(Color.class), Color.GREEN),
        new Golden<>(
            "map", new TypeRef<Map<String, Long>>() {}, Map.of("b", 2L, "a", 1L, "é", -3L)),
        new Golden<>("untyped-map", new TypeRef<Map<String, Object>>() {}, untyped),
        new Golden<>("union-int", TypeRef.of(Scalarish.class), new Scalarish.I(42)),
        new Golden<>("union-list", TypeRef.of(Scalarish.class), new Scalarish.L(List.of("a", "b"))),
        new Golden<>("union-none", TypeRef.of(Scalarish.class), new Scalarish.N()),
        new Golden<>(
            "ordered-dict-record",
            TypeRef.of(Stock.class),
            new Stock(counts, Instant.parse("2024-05-06T07:08:09Z"))),
        new Golden<>(
            "file-format-record",
            TypeRef.of(Attachments.class),
            new Attachments(
                FlyteFile.of(URI.create("s3://bucket/any.bin")),
                FlyteFile.of(URI.create("s3://bucket/t.csv")).withFormat("csv"),
                FlyteDirectory.of(URI.create("s3://bucket/dir/")),
                FlyteDirectory.of(URI.create("s3://bucket/parts/")).withFormat("parquet"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  <T> void encode_equalsTheCommittedLiteral(Golden<T> g) {
    Literal literal = ENGINE.toLiteral(g.value(), g.type(), CTX);
    byte[] encoded = Literals.toBytes(literal);

    GoldenFiles.writeIfAsked(g.name(), literal, encoded);
    byte[] golden = GoldenFiles.bytes(g.name());

    assertThat(Structs.hex(encoded)).isEqualTo(Structs.hex(golden));
    assertThat(ENGINE.toBytes(g.value(), g.type(), CTX)).isEqualTo(golden);
    assertThat(GoldenFiles.text(g.name())).isEqualTo(GoldenFiles.text(literal));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  <T> void encode_typeEqualsTheCommittedLiteralType(Golden<T> g) throws IOException {
    LiteralType type = ENGINE.literalType(g.type());
    String name = g.name() + ".type";

    GoldenFiles.writeIfAsked(name, type, deterministic(type));
    byte[] golden = GoldenFiles.bytes(name);

    assertThat(Structs.hex(deterministic(type))).isEqualTo(Structs.hex(golden));
    assertThat(GoldenFiles.text(name)).isEqualTo(GoldenFiles.text(type));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  <T> void decode_theCommittedLiteralGivesTheValue(Golden<T> g) throws Exception {
    byte[] golden = GoldenFiles.bytes(g.name());

    T fromTree = ENGINE.toJava(Literal.parseFrom(golden), g.type(), CTX);
    T streamed = ENGINE.fromBytes(golden, g.type(), CTX);

    assertThat(DeepEquals.equal(fromTree, g.value())).as("tree: %s", fromTree).isTrue();
    assertThat(DeepEquals.equal(streamed, g.value())).as("streamed: %s", streamed).isTrue();
  }

  private static byte[] deterministic(LiteralType type) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    cos.useDeterministicSerialization(); // the Struct of the JSON schema is a map
    type.writeTo(cos);
    cos.flush();
    return out.toByteArray();
  }
}
