package dev.ferry.idl;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.util.JsonFormat;
import dev.ferry.idl.core.Binary;
import dev.ferry.idl.core.Blob;
import dev.ferry.idl.core.BlobMetadata;
import dev.ferry.idl.core.BlobType;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralCollection;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Parameter;
import dev.ferry.idl.core.Primitive;
import dev.ferry.idl.core.Scalar;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.idl.core.TaskMetadata;
import dev.ferry.testdata.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The interop vectors of the reference implementations parse and re-encode byte for byte. */
class GoldenInteropTest {

  private static final byte[] GO_PB = TestData.bytes("interop/go-propeller-inputs.pb");
  private static final byte[] GO_JSON = TestData.bytes("interop/go-propeller-inputs.json");
  private static final byte[] PYTHON_PB = TestData.bytes("interop/python-flytekit-inputs.pb");

  // Go backend: {x: int 2, y: ["val1", "val2", "val3"]}

  @Test
  void goVectorHoldsExactlyXAndY() throws InvalidProtocolBufferException {
    LiteralMap inputs = LiteralMap.parseFrom(GO_PB);

    assertThat(inputs.getLiteralsMap()).containsOnlyKeys("x", "y");
    Literal x = inputs.getLiteralsOrThrow("x");
    assertThat(x.getValueCase()).isEqualTo(Literal.ValueCase.SCALAR);
    assertThat(x.getScalar().getValueCase()).isEqualTo(Scalar.ValueCase.PRIMITIVE);
    assertThat(x.getScalar().getPrimitive().getValueCase()).isEqualTo(Primitive.ValueCase.INTEGER);
    assertThat(x.getScalar().getPrimitive().getInteger()).isEqualTo(2L);

    Literal y = inputs.getLiteralsOrThrow("y");
    assertThat(y.getValueCase()).isEqualTo(Literal.ValueCase.COLLECTION);
    assertThat(y.getCollection().getLiteralsList())
        .extracting(l -> l.getScalar().getPrimitive().getStringValue())
        .containsExactly("val1", "val2", "val3");
    assertThat(y.getCollection().getLiteralsList())
        .allSatisfy(
            l ->
                assertThat(l.getScalar().getPrimitive().getValueCase())
                    .isEqualTo(Primitive.ValueCase.STRING_VALUE));

    assertThat(inputs).isEqualTo(goExpected());
    assertThat(inputs.getUnknownFields().asMap()).isEmpty();
  }

  @Test
  void goJsonFormEqualsBinaryForm() throws IOException {
    LiteralMap.Builder fromJson = LiteralMap.newBuilder();
    JsonFormat.parser().merge(new String(GO_JSON, StandardCharsets.UTF_8), fromJson);

    assertThat(fromJson.build()).isEqualTo(LiteralMap.parseFrom(GO_PB));
  }

  @Test
  void goVectorReEncodesByteIdentically() throws IOException {
    LiteralMap parsed = LiteralMap.parseFrom(GO_PB);

    assertThat(parsed.toByteArray()).isEqualTo(GO_PB);
    assertThat(deterministic(parsed)).isEqualTo(GO_PB);
    // Built from values, not parsed: the writer side produces the same bytes.
    assertThat(goExpected().toByteArray()).isEqualTo(GO_PB);
    assertThat(deterministic(goExpected())).isEqualTo(GO_PB);
  }

  // Python SDK: {a: int 30, b: int 0}, entries written b then a

  @Test
  void pythonVectorHoldsExactlyAAndB() throws InvalidProtocolBufferException {
    LiteralMap inputs = LiteralMap.parseFrom(PYTHON_PB);

    assertThat(inputs.getLiteralsMap()).containsOnlyKeys("a", "b");
    assertThat(inputs.getLiteralsOrThrow("a")).isEqualTo(integer(30));
    // b = 0 is written on the wire (08 00): the oneof member is set although it holds a default.
    Primitive b = inputs.getLiteralsOrThrow("b").getScalar().getPrimitive();
    assertThat(b.getValueCase()).isEqualTo(Primitive.ValueCase.INTEGER);
    assertThat(b.getInteger()).isZero();
    assertThat(inputs.getLiteralsOrThrow("b")).isEqualTo(integer(0));
    assertThat(inputs).isEqualTo(pythonInInsertionOrder("a", "b"));
    assertThat(inputs.getUnknownFields().asMap()).isEmpty();
  }

  @Test
  void pythonVectorReEncodesByteIdenticallyInItsEntryOrder() throws IOException {
    // Parsing keeps the entry order of the bytes, and plain serialization writes it back.
    assertThat(LiteralMap.parseFrom(PYTHON_PB).toByteArray()).isEqualTo(PYTHON_PB);

    // A writer that inserts b before a, as the Python SDK did, reproduces the bytes.
    LiteralMap ba = pythonInInsertionOrder("b", "a");
    assertThat(ba.toByteArray()).isEqualTo(PYTHON_PB);
  }

  @Test
  void pythonVectorDeterministicFormIsSortedByKey() throws IOException {
    LiteralMap parsed = LiteralMap.parseFrom(PYTHON_PB);
    byte[] sorted = deterministic(parsed);

    // Same entries, a before b.
    assertThat(hex(sorted)).isEqualTo(entry("a", "081e") + entry("b", "0800"));
    assertThat(hex(PYTHON_PB)).isEqualTo(entry("b", "0800") + entry("a", "081e"));
    assertThat(sorted).isNotEqualTo(PYTHON_PB).hasSameSizeAs(PYTHON_PB);
    assertThat(deterministic(pythonInInsertionOrder("b", "a"))).isEqualTo(sorted);
    assertThat(deterministic(pythonInInsertionOrder("a", "b"))).isEqualTo(sorted);
    assertThat(pythonInInsertionOrder("a", "b").toByteArray()).isEqualTo(sorted);
    assertThat(LiteralMap.parseFrom(sorted)).isEqualTo(parsed);
  }

  // Oneof members holding a default value stay on the wire

  @Test
  void simpleNoneIsWrittenAsFieldOneZero() throws InvalidProtocolBufferException {
    LiteralType none = LiteralType.newBuilder().setSimple(SimpleType.NONE).build();

    assertThat(hex(none.toByteArray())).isEqualTo("0800");
    LiteralType back = LiteralType.parseFrom(none.toByteArray());
    assertThat(back.getTypeCase()).isEqualTo(LiteralType.TypeCase.SIMPLE);
    assertThat(back.getSimple()).isEqualTo(SimpleType.NONE);
    // Unset, the oneof writes nothing.
    assertThat(LiteralType.getDefaultInstance().toByteArray()).isEmpty();
  }

  @Test
  void emptyBlobTypeIsWritten() throws InvalidProtocolBufferException {
    LiteralType blob = LiteralType.newBuilder().setBlob(BlobType.getDefaultInstance()).build();

    assertThat(hex(blob.toByteArray())).isEqualTo("2a00");
    LiteralType back = LiteralType.parseFrom(blob.toByteArray());
    assertThat(back.getTypeCase()).isEqualTo(LiteralType.TypeCase.BLOB);
    assertThat(back.hasBlob()).isTrue();
  }

  @Test
  void emptyBlobMetadataIsKeptOnTheWire() throws InvalidProtocolBufferException {
    Blob blob = Blob.newBuilder().setMetadata(BlobMetadata.getDefaultInstance()).build();
    assertThat(hex(blob.toByteArray())).isEqualTo("0a00");
    assertThat(Blob.parseFrom(blob.toByteArray()).hasMetadata()).isTrue();

    // metadata.type present even when empty, as the Python SDK writes a file literal.
    BlobMetadata metadata =
        BlobMetadata.newBuilder().setType(BlobType.getDefaultInstance()).build();
    assertThat(hex(metadata.toByteArray())).isEqualTo("0a00");
    assertThat(BlobMetadata.parseFrom(metadata.toByteArray()).hasType()).isTrue();

    Literal literal =
        Literal.newBuilder()
            .setScalar(Scalar.newBuilder().setBlob(Blob.newBuilder().setMetadata(metadata)).build())
            .build();
    assertThat(hex(literal.toByteArray())).isEqualTo("0a06" + "1204" + "0a02" + "0a00");
    Literal back = Literal.parseFrom(literal.toByteArray());
    assertThat(back).isEqualTo(literal);
    assertThat(back.getScalar().getBlob().getMetadata().hasType()).isTrue();
  }

  @Test
  void noneTypeLiteralIsWritten() throws InvalidProtocolBufferException {
    Literal none =
        Literal.newBuilder()
            .setScalar(
                Scalar.newBuilder().setNoneType(dev.ferry.idl.core.Void.getDefaultInstance()))
            .build();

    assertThat(hex(none.toByteArray())).isEqualTo("0a02" + "2a00");
    assertThat(Literal.parseFrom(none.toByteArray()).getScalar().getValueCase())
        .isEqualTo(Scalar.ValueCase.NONE_TYPE);
  }

  @Test
  void defaultPrimitivesInTheOneofAreWritten() throws InvalidProtocolBufferException {
    assertThat(hex(Primitive.newBuilder().setInteger(0).build().toByteArray())).isEqualTo("0800");
    assertThat(hex(Primitive.newBuilder().setFloatValue(0.0).build().toByteArray()))
        .isEqualTo("110000000000000000");
    assertThat(hex(Primitive.newBuilder().setStringValue("").build().toByteArray()))
        .isEqualTo("1a00");
    assertThat(hex(Primitive.newBuilder().setBoolean(false).build().toByteArray()))
        .isEqualTo("2000");
    assertThat(Primitive.parseFrom(HexFormat.of().parseHex("2000")).getValueCase())
        .isEqualTo(Primitive.ValueCase.BOOLEAN);

    // Other oneofs behave the same: TaskMetadata.interruptible and Parameter.required.
    assertThat(hex(TaskMetadata.newBuilder().setInterruptible(false).build().toByteArray()))
        .isEqualTo("4000");
    assertThat(hex(Parameter.newBuilder().setRequired(false).build().toByteArray()))
        .isEqualTo("1800");
  }

  @Test
  void plainProto3FieldsWithDefaultsAreNotWritten() {
    // Outside a oneof a proto3 scalar holding its default is absent from the wire.
    Binary empty = Binary.newBuilder().setTag("").setValue(ByteString.EMPTY).build();
    assertThat(empty.toByteArray()).isEmpty();
    assertThat(Literal.newBuilder().setHash("").build().toByteArray()).isEmpty();
  }

  // helpers

  private static LiteralMap goExpected() {
    return LiteralMap.newBuilder()
        .putLiterals("x", integer(2))
        .putLiterals(
            "y",
            Literal.newBuilder()
                .setCollection(
                    LiteralCollection.newBuilder()
                        .addLiterals(string("val1"))
                        .addLiterals(string("val2"))
                        .addLiterals(string("val3")))
                .build())
        .build();
  }

  /** {a: 30, b: 0}, with the entries inserted in the order of {@code keys}. */
  private static LiteralMap pythonInInsertionOrder(String... keys) {
    LiteralMap.Builder builder = LiteralMap.newBuilder();
    for (String key : keys) {
      builder.putLiterals(key, integer(key.equals("a") ? 30 : 0));
    }
    return builder.build();
  }

  private static Literal integer(long value) {
    return Literal.newBuilder()
        .setScalar(Scalar.newBuilder().setPrimitive(Primitive.newBuilder().setInteger(value)))
        .build();
  }

  private static Literal string(String value) {
    return Literal.newBuilder()
        .setScalar(Scalar.newBuilder().setPrimitive(Primitive.newBuilder().setStringValue(value)))
        .build();
  }

  /** Serializes with map entries sorted by key. */
  static byte[] deterministic(MessageLite message) throws IOException {
    byte[] out = new byte[message.getSerializedSize()];
    CodedOutputStream stream = CodedOutputStream.newInstance(out);
    stream.useDeterministicSerialization();
    message.writeTo(stream);
    stream.checkNoSpaceLeft();
    return out;
  }

  /**
   * Hex of one LiteralMap entry holding an integer literal: {@code 0a 0b} entry, {@code 0a 01
   * <key>} key, {@code 12 06} value = scalar {@code 0a 04} / primitive {@code 0a 02} / {@code
   * integer}.
   */
  private static String entry(String key, String integerHex) {
    return "0a0b"
        + "0a01"
        + hex(key.getBytes(StandardCharsets.US_ASCII))
        + "1206"
        + "0a04"
        + "0a02"
        + integerHex;
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
