package dev.ferry.transformers.functional;

import static dev.ferry.transformers.testing.Structs.hex;
import static dev.ferry.transformers.testing.Structs.spaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Binary;
import dev.ferry.idl.core.BlobType;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Scalar;
import dev.ferry.testdata.TestData;
import dev.ferry.transformers.blob.BlobFormat;
import dev.ferry.transformers.blob.FlyteDirectory;
import dev.ferry.transformers.blob.FlyteFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The same bytes as the Python SDK 1.16 for the same value: dict order inside records, datetimes
 * without a fraction, the JSON schema of file and directory fields, and file formats in the type.
 */
class PythonBytesTest {
  /**
   * {@code @dataclass class Shipment: name: str; counts: Dict[str, int]; placed: datetime; extra:
   * dict}.
   */
  record Shipment(
      String name, Map<String, Long> counts, Instant placed, Map<String, Object> extra) {}

  record Counts(Map<String, Long> counts) {}

  record Loose(Map<String, Object> extra) {}

  record When(Instant at) {}

  record Files(FlyteFile file, FlyteDirectory dir) {}

  record Typed(@BlobFormat("csv") FlyteFile table, @BlobFormat("parquet") FlyteDirectory parts) {}

  record Wrong(@BlobFormat("csv") String name) {}

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs.x");

  private static Literal msgpack(byte[] bytes) {
    return Literal.newBuilder()
        .setScalar(
            Scalar.newBuilder()
                .setBinary(
                    Binary.newBuilder().setTag("msgpack").setValue(ByteString.copyFrom(bytes))))
        .build();
  }

  private <T> String payload(T value, TypeRef<T> type) {
    return hex(engine.toLiteral(value, type, ctx).getScalar().getBinary().getValue().toByteArray());
  }

  private static byte[] str(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // 1. dict order

  @Test
  void pythonGolden_readAndWrittenBackUnchanged_sameBytes() throws Exception {
    // testdata golden/python-dict-record.pb: the Literal the Python SDK writes for
    // Shipment("box", {"zeta": 1, "alpha": 2, "mid": 300}, datetime(2024, 5, 6, 7, 8, 9,
    // tzinfo=utc),
    // {"z": True, "a": None}), built by hand from the msgpack specification (keys in insertion
    // order)
    byte[] golden = TestData.bytes("golden/python-dict-record.pb");
    Literal literal = Literal.parseFrom(golden);
    assertThat(hex(literal.getScalar().getBinary().getValue().toByteArray()))
        .isEqualTo(
            spaced(
                "84 a4 6e 61 6d 65 a3 62 6f 78"
                    + " a6 63 6f 75 6e 74 73 83 a4 7a 65 74 61 01 a5 61 6c 70 68 61 02"
                    + " a3 6d 69 64 cd 01 2c"
                    + " a6 70 6c 61 63 65 64 b9 "
                    + hex(str("2024-05-06T07:08:09+00:00"))
                    + " a5 65 78 74 72 61 82 a1 7a c3 a1 61 c0"));

    TypeRef<Shipment> type = TypeRef.of(Shipment.class);
    Shipment tree = engine.toJava(literal, type, ctx);
    Shipment streamed = engine.fromBytes(golden, type, ctx);

    assertThat(tree.counts().keySet()).containsExactly("zeta", "alpha", "mid");
    assertThat(tree.extra().keySet()).containsExactly("z", "a");
    assertThat(tree.placed()).isEqualTo(Instant.parse("2024-05-06T07:08:09Z"));
    assertThat(Literals.toBytes(engine.toLiteral(tree, type, ctx))).isEqualTo(golden);
    assertThat(engine.toBytes(streamed, type, ctx)).isEqualTo(golden);
  }

  @Test
  void orderedMaps_writtenInTheirOrder() {
    LinkedHashMap<String, Long> inserted = new LinkedHashMap<>();
    inserted.put("b", 1L);
    inserted.put("a", 2L);
    TreeMap<String, Long> sorted = new TreeMap<>(java.util.Comparator.reverseOrder());
    sorted.putAll(inserted);
    sorted.put("c", 3L);

    assertThat(payload(new Counts(inserted), TypeRef.of(Counts.class)))
        .isEqualTo(spaced("81 a6 63 6f 75 6e 74 73 82 a1 62 01 a1 61 02"));
    assertThat(payload(new Counts(sorted), TypeRef.of(Counts.class)))
        .isEqualTo(spaced("81 a6 63 6f 75 6e 74 73 83 a1 63 03 a1 62 01 a1 61 02"));
  }

  @Test
  void unorderedMaps_writtenSortedByKey() {
    HashMap<String, Long> hashed = new HashMap<>();
    for (String k : List.of("q", "b", "z", "a", "m")) {
      hashed.put(k, 0L);
    }
    String sorted = "81 a6 63 6f 75 6e 74 73 85 a1 61 00 a1 62 00 a1 6d 00 a1 71 00 a1 7a 00";

    assertThat(payload(new Counts(hashed), TypeRef.of(Counts.class))).isEqualTo(spaced(sorted));
    assertThat(
            payload(
                new Counts(Map.of("q", 0L, "b", 0L, "z", 0L, "a", 0L, "m", 0L)),
                TypeRef.of(Counts.class)))
        .isEqualTo(spaced(sorted));
    assertThat(
            payload(
                new Counts(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hashed))),
                TypeRef.of(Counts.class)))
        .isEqualTo(spaced(sorted));
  }

  @Test
  void untypedMaps_followTheSameRule() {
    LinkedHashMap<String, Object> inserted = new LinkedHashMap<>();
    inserted.put("b", 1L);
    inserted.put("a", "x");
    Map<String, Object> hashed = new HashMap<>(Map.of("b", 1L, "a", "x"));

    assertThat(payload(new Loose(inserted), TypeRef.of(Loose.class)))
        .isEqualTo(spaced("81 a5 65 78 74 72 61 82 a1 62 01 a1 61 a1 78"));
    assertThat(payload(new Loose(hashed), TypeRef.of(Loose.class)))
        .isEqualTo(spaced("81 a5 65 78 74 72 61 82 a1 61 a1 78 a1 62 01"));
  }

  @Test
  void mapsReadFromMsgpack_keepTheirOrderAndStayUnmodifiable() {
    Literal python = msgpack(hex("81 a6 63 6f 75 6e 74 73 82 a1 62 01 a1 61 02"));
    Counts read = engine.toJava(python, TypeRef.of(Counts.class), ctx);

    assertThat(read.counts().keySet()).containsExactly("b", "a");
    assertThatThrownBy(() -> read.counts().put("c", 3L))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(engine.toLiteral(read, TypeRef.of(Counts.class), ctx)).isEqualTo(python);
  }

  // 2. datetimes without a fraction

  @Test
  void datetimeWithZeroMicroseconds_writtenAsPythonWritesIt() {
    assertThat(payload(new When(Instant.parse("2024-05-06T07:08:09Z")), TypeRef.of(When.class)))
        .isEqualTo(spaced("81 a2 61 74 b9 " + hex(str("2024-05-06T07:08:09+00:00"))));
    assertThat(
            payload(new When(Instant.parse("2024-05-06T07:08:09.000001Z")), TypeRef.of(When.class)))
        .isEqualTo(spaced("81 a2 61 74 d9 20 " + hex(str("2024-05-06T07:08:09.000001+00:00"))));
  }

  // 3. the JSON schema of file and directory fields

  @Test
  void fileAndDirectoryFields_schemaAsThePythonSdkStoresIt() throws Exception {
    Struct schema = engine.literalType(TypeRef.of(Files.class)).getMetadata();
    Struct properties = schema.getFieldsOrThrow("properties").getStructValue();

    Struct.Builder file = Struct.newBuilder();
    JsonFormat.parser()
        .merge(
            "{\"title\": \"FlyteFile\", \"type\": \"object\", \"additionalProperties\": false,"
                + " \"properties\": {"
                + "\"path\": {\"anyOf\": [{\"type\": \"string\"},"
                + " {\"type\": \"string\", \"format\": \"path\"}], \"default\": null},"
                + "\"metadata\": {\"anyOf\": [{\"type\": \"object\","
                + " \"additionalProperties\": {\"type\": \"string\"},"
                + " \"propertyNames\": {\"type\": \"string\"}}, {\"type\": \"null\"}],"
                + " \"default\": null}}}",
            file);
    Struct.Builder dir = Struct.newBuilder();
    JsonFormat.parser()
        .merge(
            "{\"title\": \"FlyteDirectory\", \"type\": \"object\", \"additionalProperties\": false,"
                + " \"properties\": {"
                + "\"path\": {\"anyOf\": [{\"type\": \"string\"},"
                + " {\"type\": \"string\", \"format\": \"path\"}], \"default\": null}}}",
            dir);
    assertThat(properties.getFieldsOrThrow("file").getStructValue()).isEqualTo(file.build());
    assertThat(properties.getFieldsOrThrow("dir").getStructValue()).isEqualTo(dir.build());
  }

  // 4. formats in the type

  @Test
  void blobFormat_carriedByTheTypeAndTheValues() {
    TypeRef<Typed> type = TypeRef.of(Typed.class);
    LiteralType t = engine.literalType(type);
    BlobType table = t.getStructure().getDataclassTypeOrThrow("table").getBlob();
    BlobType parts = t.getStructure().getDataclassTypeOrThrow("parts").getBlob();

    assertThat(table.getFormat()).isEqualTo("csv");
    assertThat(table.getDimensionality()).isEqualTo(BlobType.BlobDimensionality.SINGLE);
    assertThat(parts.getFormat()).isEqualTo("parquet");
    assertThat(parts.getDimensionality()).isEqualTo(BlobType.BlobDimensionality.MULTIPART);

    Typed value =
        new Typed(
            FlyteFile.of(URI.create("s3://bucket/t.csv")),
            FlyteDirectory.of(URI.create("s3://bucket/parts/")));
    Typed back = engine.toJava(engine.toLiteral(value, type, ctx), type, ctx);
    assertThat(back.table().format()).isEqualTo("csv");
    assertThat(back.parts().format()).isEqualTo("parquet");
  }

  @Test
  void blobFormat_onAComponentThatIsNoFile_isADefinitionError() {
    assertThatThrownBy(() -> engine.literalType(TypeRef.of(Wrong.class)))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessageContaining("@BlobFormat(\"csv\")")
        .hasMessageContaining("component 'name'")
        .hasMessageContaining("FlyteFile or FlyteDirectory");
  }
}
