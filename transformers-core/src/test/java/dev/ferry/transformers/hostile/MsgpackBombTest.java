package dev.ferry.transformers.hostile;

import static dev.ferry.transformers.testing.Structs.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Binary;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.Scalar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Payloads built to exhaust memory or stack: length prefixes claiming 2^31-1 entries or bytes are
 * refused before anything is allocated (the test JVM has a 1 GiB heap, so an allocation of that
 * size would end in {@code OutOfMemoryError}), and nesting 10,000 deep is refused without a {@code
 * StackOverflowError}.
 */
class MsgpackBombTest {
  record Node(String name, List<Node> children) {}

  record Item(String sku) {}

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs.m");
  private final TypeRef<Map<String, Object>> untyped = new TypeRef<>() {};

  private static Literal msgpack(byte[] payload) {
    return Literal.newBuilder()
        .setScalar(
            Scalar.newBuilder()
                .setBinary(
                    Binary.newBuilder().setTag("msgpack").setValue(ByteString.copyFrom(payload))))
        .build();
  }

  private void assertRefused(Literal literal, TypeRef<?> type, String message) {
    assertThatThrownBy(() -> engine.toJava(literal, type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> engine.fromBytes(Literals.toBytes(literal), type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(message);
  }

  @Test
  void toJava_arrayHeaderClaimingMaxIntEntries() {
    assertRefused(
        msgpack(hex("81 a1 6b dd 7f ff ff ff")), // {"k": array32 of 2^31-1}
        untyped,
        "expected an array that fits the payload but was an array header of 2147483647 entries"
            + " with 0 byte(s) left at inputs.m.k");
  }

  @Test
  void toJava_mapHeaderClaimingMaxIntEntries() {
    assertRefused(
        msgpack(hex("df 7f ff ff ff")),
        untyped,
        "expected a map that fits the payload but was a map header of 2147483647 entries with 0"
            + " byte(s) left at inputs.m");
    assertRefused(
        msgpack(hex("df 7f ff ff ff a3 73 6b 75")),
        TypeRef.of(Item.class),
        "expected a map that fits the payload but was a map header of 2147483647 entries with 4"
            + " byte(s) left at inputs.m");
  }

  @Test
  void toJava_stringHeaderClaimingMaxIntBytes() {
    assertRefused(
        msgpack(hex("81 a1 6b db 7f ff ff ff 41")),
        untyped,
        "expected a string that fits the payload but was a length of 2147483647 with 1 byte(s) left"
            + " at inputs.m.k");
    // the key of a record
    assertRefused(
        msgpack(hex("81 db 7f ff ff ff")),
        TypeRef.of(Item.class),
        "expected a string that fits the payload but was a length of 2147483647 with 0 byte(s) left"
            + " at inputs.m");
  }

  @Test
  void toJava_binaryHeaderClaimingMaxIntBytes() {
    assertRefused(
        msgpack(hex("81 a1 6b c6 7f ff ff ff")),
        untyped,
        "expected a binary that fits the payload but was a length of 2147483647 with 0 byte(s) left"
            + " at inputs.m.k");
  }

  @Test
  void toJava_headerBeyondIntIsMalformed() {
    Literal literal = msgpack(hex("81 a1 6b dd ff ff ff ff")); // 2^32-1 entries

    assertThatThrownBy(() -> engine.toJava(literal, untyped, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith("expected well-formed msgpack but was malformed msgpack (")
        .hasMessageEndingWith(") at inputs.m.k");
  }

  @Test
  void fromBytes_protobufLengthClaimingMaxIntBytes() {
    byte[] bytes = hex("0a ff ff ff ff 07"); // Literal.scalar with a length of 2^31-1

    assertThatThrownBy(() -> engine.fromBytes(bytes, TypeRef.of(Item.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith(
            "expected a serialized flyteidl.core.Literal but was malformed bytes (");
  }

  @Test
  void toJava_tenThousandNestedArrays() {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    payload.writeBytes(hex("81 a1 6b"));
    for (int i = 0; i < 10_000; i++) {
      payload.write(0x91); // an array of one
    }
    payload.write(0xc0);

    // the map is level 1; the array that would be level 257 is element [0] of the 255th array
    assertRefused(
        msgpack(payload.toByteArray()),
        untyped,
        "expected msgpack nested at most 256 deep but was deeper nesting at inputs.m.k"
            + "[0]".repeat(255));
  }

  @Test
  void toJava_tenThousandNestedMaps() {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    for (int i = 0; i < 10_000; i++) {
      payload.writeBytes(hex("81 a1 6b")); // {"k": ...
    }
    payload.write(0xc0);

    // the 257th map is the value of key "k" in each of the 256 maps around it
    assertRefused(
        msgpack(payload.toByteArray()),
        untyped,
        "expected msgpack nested at most 256 deep but was deeper nesting at inputs.m"
            + ".k".repeat(256));
  }

  @Test
  void toJava_tenThousandNestedRecords() {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    for (int i = 0; i < 10_000; i++) {
      // {"name": "n", "children": [ ...
      payload.writeBytes(hex("82 a4 6e 61 6d 65 a1 6e a8 63 68 69 6c 64 72 65 6e 91"));
    }

    // each level is a map and an array: the 129th map is level 257
    assertRefused(
        msgpack(payload.toByteArray()),
        TypeRef.of(Node.class),
        "expected msgpack nested at most 256 deep but was deeper nesting at inputs.m"
            + ".children[0]".repeat(128));
  }

  @Test
  void fromBytes_tenThousandNestedCollections() throws IOException {
    byte[] literal = Literals.toBytes(Literals.ofInteger(1));
    for (int i = 0; i < 10_000; i++) {
      literal = wrap(2, wrap(1, literal)); // collection { literals { ... } }
    }
    byte[] bytes = literal;

    assertThatThrownBy(() -> engine.fromBytes(bytes, new TypeRef<List<List<Long>>>() {}, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected an integer but was a collection at inputs.m[0][0]");
    assertThatThrownBy(() -> engine.fromBytes(bytes, untyped, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith(
            "expected a serialized flyteidl.core.Literal but was malformed bytes (");
  }

  @Test
  void fromBytes_tenThousandNestedGenericStructs() throws IOException {
    byte[] struct = new byte[0]; // Struct {}
    for (int i = 0; i < 10_000; i++) {
      // Struct { fields { key: "k" value { struct_value: <struct> } } }
      byte[] value = wrap(5, struct);
      ByteArrayOutputStream entry = new ByteArrayOutputStream();
      entry.writeBytes(hex("0a 01 6b"));
      entry.writeBytes(wrap(2, value));
      struct = wrap(1, entry.toByteArray());
    }
    byte[] bytes = wrap(1, wrap(7, struct)); // Literal { scalar { generic: <struct> } }

    assertThatThrownBy(() -> engine.fromBytes(bytes, TypeRef.of(Item.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith(
            "expected a serialized flyteidl.core.Literal but was malformed bytes (");
    assertThat(bytes.length).isGreaterThan(10_000 * 4);
  }

  /** Returns {@code body} as length-delimited field {@code field}. */
  private static byte[] wrap(int field, byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    cos.writeByteArray(field, body);
    cos.flush();
    return out.toByteArray();
  }
}
