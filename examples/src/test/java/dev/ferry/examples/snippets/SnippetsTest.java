package dev.ferry.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.money.Money;
import com.acme.money.MoneyRegistrar;
import com.google.protobuf.Value;
import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStore;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.testing.LiteralConformance;
import dev.ferry.transformers.EnumValue;
import dev.ferry.transformers.FieldName;
import dev.ferry.transformers.blob.DataPlane;
import dev.ferry.transformers.blob.FlyteFile;
import dev.ferry.transformers.msgpack.JsonSchema;
import dev.ferry.transformers.msgpack.MsgpackCodec;
import dev.ferry.transformers.msgpack.PackDepth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessagePacker;

/**
 * The code examples of the javadoc and the README, compiled and run here; {@code DocSnippetsTest}
 * checks that the documentation shows them unchanged.
 */
class SnippetsTest {
  @TempDir Path tmp;

  /** A model that writes itself, for the file examples. */
  record Model(byte[] weights) {
    void writeTo(OutputStream out) throws IOException {
      out.write(weights);
    }
  }

  @Test
  void readme_typeEngine() {
    // snippet:begin readme-type-engine
    record Item(String sku, @FieldName("unit_price") double unitPrice, int quantity) {}
    record Order(@FieldName("order_id") long orderId, List<Item> items, Optional<String> note) {}

    TypeEngine engine = TypeEngine.createDefault(); // built-ins + discovered registrars
    TypeRef<Order> type = new TypeRef<>() {};
    LiteralType literalType = engine.literalType(type); // STRUCT + JSON Schema, as a dataclass
    Order order = new Order(7, List.of(new Item("A-1", 2.5, 3)), Optional.empty());
    Literal literal = engine.toLiteral(order, type, TransformContext.at("inputs.order"));
    Order back = engine.toJava(literal, type, TransformContext.at("inputs.order"));

    TypeRef<List<Order>> listType = new TypeRef<>() {};
    TransformContext ctx = TransformContext.at("inputs.orders");
    byte[] bytes = engine.toBytes(List.of(order), listType, ctx); // streaming: no Literal tree
    List<Order> again = engine.fromBytes(bytes, listType, ctx);
    // snippet:end readme-type-engine
    assertThat(literalType.getSimple().name()).isEqualTo("STRUCT");
    assertThat(back).isEqualTo(order);
    assertThat(again).containsExactly(order);
  }

  record Order(long id) {}

  @Test
  void javadoc_typeEngine() {
    List<Order> orders = List.of(new Order(1), new Order(2));
    // snippet:begin javadoc-type-engine
    TypeEngine engine = TypeEngine.createDefault();
    TypeRef<List<Order>> type = new TypeRef<>() {};
    LiteralType literalType = engine.literalType(type);
    Literal literal = engine.toLiteral(orders, type, TransformContext.at("inputs.orders"));
    List<Order> back = engine.toJava(literal, type, TransformContext.at("inputs.orders"));
    // snippet:end javadoc-type-engine
    assertThat(literalType.hasCollectionType()).isTrue();
    assertThat(back).isEqualTo(orders);
  }

  @Test
  void javadoc_factories() {
    // snippet:begin javadoc-builder-add
    TypeEngine engine = TypeEngine.builder().add(MoneyTransformer.FACTORY).build();
    // snippet:end javadoc-builder-add
    assertThat(engine.transformer(Money.class)).isInstanceOf(MoneyTransformer.class);
    assertThat(Named.FACTORY.name()).isEqualTo("MoneyTransformer");
  }

  static final class Named {
    // snippet:begin javadoc-factory-named
    static final TypeTransformer.Factory FACTORY =
        TypeTransformer.Factory.named(
            "MoneyTransformer",
            (type, engine) -> type.rawType() == Money.class ? new MoneyTransformer() : null);
    // snippet:end javadoc-factory-named
  }

  @Test
  void javadoc_registrar() {
    // snippet:begin javadoc-builder-registrar
    TypeEngine engine =
        TypeEngine.builder().discover(false).registrar(new MoneyRegistrar()).build();
    // snippet:end javadoc-builder-registrar
    assertThat(engine.transformer(Money.class)).isInstanceOf(com.acme.money.MoneyTransformer.class);
  }

  @Test
  void javadoc_nextTransformer() {
    TypeEngine engine = TypeEngine.builder().add(new TrimmingStrings()).build();
    TypeRef<String> type = TypeRef.of(String.class);
    TransformContext ctx = TransformContext.at("inputs.name");
    assertThat(engine.toJava(engine.toLiteral("  a  ", type, ctx), type, ctx)).isEqualTo("a");
  }

  @Test
  void javadoc_transformContext() throws IOException {
    try (DataPlane plane = DataPlane.local(tmp)) {
      BlobStore store = plane.store(plane.rawOutputPrefix());
      // snippet:begin javadoc-transform-context
      TransformContext ctx = TransformContext.at("inputs").with(BlobStore.class, store);
      // snippet:end javadoc-transform-context
      assertThat(ctx.get(BlobStore.class)).isSameAs(store);
    }
  }

  @Test
  void javadoc_files() throws IOException {
    Model model = new Model(new byte[] {1, 2, 3});
    try (DataPlane plane = DataPlane.local(tmp)) {
      // snippet:begin javadoc-flyte-file
      FlyteFile report = FlyteFile.of(Path.of("report.csv")).withFormat("csv");
      FlyteFile fresh = FlyteFile.create(plane, "model.bin");
      fresh.write(out -> model.writeTo(out)); // committed when the lambda returns normally
      try (BlobOutputStream out = fresh.openWrite()) {
        model.writeTo(out);
        out.commit();
      }
      // snippet:end javadoc-flyte-file
      assertThat(report.format()).isEqualTo("csv");
    }
    Path root = tmp.resolve("root");
    // snippet:begin javadoc-data-plane
    try (DataPlane plane = DataPlane.local(root)) { // the embedded default
      TransformContext ctx = plane.attach(TransformContext.at("inputs"));
    }
    // snippet:end javadoc-data-plane
  }

  private static void produce(OutputStream out) throws IOException {
    out.write("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void readme_blobStore() throws IOException {
    try (DataPlane plane = DataPlane.local(tmp)) {
      java.net.URI uri = plane.newUri("greeting.txt");
      BlobStore store = plane.store(uri);
      // snippet:begin readme-blob-store
      try (BlobOutputStream out = store.create(uri)) {
        produce(out);
        out.commit(); // the only way the object appears
      }
      BlobInfo info = store.write(uri, out -> produce(out));
      // snippet:end readme-blob-store
      assertThat(info.size()).isEqualTo(5);
      assertThat(info.uri()).isEqualTo(uri);
    }
  }

  @Test
  void javadoc_packDepth() throws IOException {
    MsgpackCodec<Money> codec = new com.acme.money.MoneyTransformer();
    Money value = Money.parse("1 EUR");
    TransformContext ctx = TransformContext.at("inputs");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // snippet:begin javadoc-pack-depth
    MessagePacker packer = PackDepth.newPacker(out);
    codec.pack(value, packer, ctx);
    packer.flush();
    // snippet:end javadoc-pack-depth
    assertThat(out.toByteArray()).hasSize(6);
  }

  static final class FieldNames {
    // snippet:begin javadoc-field-name
    record Order(@FieldName("order_id") long orderId, @FieldName("unit_price") double unitPrice) {}
    // snippet:end javadoc-field-name
  }

  // snippet:begin javadoc-enum-value
  enum Color {
    @EnumValue("red")
    RED,
    @EnumValue("green")
    GREEN
  }

  // snippet:end javadoc-enum-value

  @Test
  void javadoc_annotations() {
    TypeEngine engine = TypeEngine.createDefault();
    assertThat(engine.literalType(Color.class).getEnumType().getValuesList())
        .containsExactly("red", "green");
    assertThat(engine.literalType(FieldNames.Order.class).getMetadata().toString())
        .contains("order_id");
  }

  @Test
  void javadoc_jsonSchema() {
    // snippet:begin javadoc-json-schema
    Value amount = JsonSchema.string("decimal");
    Value money =
        JsonSchema.parse(
            """
            {"type": "string", "pattern": "^-?[0-9]+([.][0-9]+)? [A-Z]{3}$"}
            """);
    // snippet:end javadoc-json-schema
    assertThat(amount.getStructValue().getFieldsOrThrow("format").getStringValue())
        .isEqualTo("decimal");
    assertThat(money.getStructValue().getFieldsCount()).isEqualTo(2);
  }

  @Test
  void javadoc_literalConformance() {
    TypeEngine engine = TypeEngine.createDefault();
    TypeRef<Money> type = TypeRef.of(Money.class);
    Literal literal = engine.toLiteral(Money.parse("3 EUR"), type, TransformContext.at("x"));
    // snippet:begin javadoc-literal-conformance
    assertThat(LiteralConformance.problems(literal, engine.literalType(type))).isEmpty();
    // snippet:end javadoc-literal-conformance
  }
}
