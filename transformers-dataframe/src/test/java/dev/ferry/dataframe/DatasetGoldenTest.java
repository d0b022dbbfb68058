package dev.ferry.dataframe;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Scalar;
import dev.ferry.idl.core.StructuredDatasetMetadata;
import dev.ferry.idl.core.StructuredDatasetType;
import dev.ferry.testdata.TestData;
import dev.ferry.transformers.blob.DataPlane;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dataset literals pinned by committed files under {@code testdata}'s {@code golden/} (bytes and
 * protobuf text), compared byte for byte and read back: columns declared from a record carry no
 * external schema (as the Python SDK's {@code kwtypes} columns), and local data is a {@code
 * file:///} URI when Ferry writes it and a bare path when the Python SDK does (README, "Local
 * dataset URIs"). The directory of written data is random: the files hold {@link #FERRY_LOCAL} and
 * {@link #PYTHON_LOCAL} in its place, and the tests swap the real one in to read the rows.
 *
 * <p>To regenerate after an intended change: run this test with {@code -Dferry.golden.write=true},
 * build {@code testdata} with it ({@code -pl testdata,transformers-dataframe}) and review the
 * {@code .txt} diff.
 */
class DatasetGoldenTest {
  record Venue(String mic, String city) {}

  record Trade(
      String symbol, long quantity, double price, Instant at, List<String> tags, Venue venue) {}

  /** Where the local golden says Ferry wrote the data (the directory name is random). */
  static final String FERRY_LOCAL = "file:///tmp/raw/ab12cd34ef56ab12cd34ef56ab12cd34";

  /** The same directory as the Python SDK writes it: a bare path. */
  static final String PYTHON_LOCAL = "/tmp/raw/ab12cd34ef56ab12cd34ef56ab12cd34";

  static final List<Trade> TRADES =
      List.of(
          new Trade("ACME", 3, 9.5, Instant.parse("2024-05-06T07:08:09Z"), List.of("a"), venue()),
          new Trade("FLYTE", 1, 120.25, Instant.parse("2024-05-06T07:08:10Z"), List.of(), venue()));

  private static Venue venue() {
    return new Venue("XNYS", "New York");
  }

  private final TypeRef<StructuredDataset> type = TypeRef.of(StructuredDataset.class);
  private final TypeEngine declared =
      TypeEngine.builder().add(StructuredDatasetTransformer.declaring(Trade.class)).build();
  private final TypeEngine undeclared = TypeEngine.createDefault();

  @TempDir Path tmp;
  private BlobStores stores;
  private TransformContext ctx;

  @BeforeEach
  void setUp() {
    stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()));
    DataPlane plane = DataPlane.of(stores, tmp.resolve("raw").toUri(), tmp.resolve("downloads"));
    ctx = plane.attach(TransformContext.at("outputs.o0"));
  }

  @AfterEach
  void tearDown() throws IOException {
    stores.close();
  }

  @Test
  void declaredColumns_typeHasNoExternalSchema() throws Exception {
    LiteralType t = declared.literalType(type);

    byte[] golden = golden("dataset-columns.type", t, serialized(t));

    LiteralType back = LiteralType.parseFrom(golden);
    StructuredDatasetType sd = back.getStructuredDatasetType();
    assertThat(sd.getColumnsList())
        .extracting(c -> c.getName() + ":" + c.getLiteralType().getTypeCase())
        .containsExactly(
            "symbol:SIMPLE",
            "quantity:SIMPLE",
            "price:SIMPLE",
            "at:SIMPLE",
            "tags:COLLECTION_TYPE",
            "venue.mic:SIMPLE",
            "venue.city:SIMPLE");
    assertThat(sd.getExternalSchemaType()).isEmpty();
    assertThat(sd.getExternalSchemaBytes().isEmpty()).isTrue();
    // asked for: the same columns and the Arrow schema
    StructuredDatasetType withSchema =
        TypeEngine.builder()
            .add(StructuredDatasetTransformer.declaring(Trade.class, true))
            .build()
            .literalType(type)
            .getStructuredDatasetType();
    assertThat(withSchema.getColumnsList()).isEqualTo(sd.getColumnsList());
    assertThat(withSchema.getExternalSchemaType()).isEqualTo("arrow");
    assertThat(withSchema.getExternalSchemaBytes().isEmpty()).isFalse();
  }

  @Test
  void declaredColumns_literalMetadataHasNoExternalSchema() throws Exception {
    URI uri = URI.create("s3://bucket/trades");
    Literal literal = declared.toLiteral(StructuredDataset.of(uri), type, ctx);

    byte[] golden = golden("dataset-columns", literal, Literals.toBytes(literal));

    StructuredDatasetType meta = metadata(Literal.parseFrom(golden));
    assertThat(meta.getColumnsList())
        .isEqualTo(declared.literalType(type).getStructuredDatasetType().getColumnsList());
    assertThat(meta.getFormat()).isEqualTo("parquet");
    assertThat(meta.getExternalSchemaType()).isEmpty();
    assertThat(meta.getExternalSchemaBytes().isEmpty()).isTrue();
    StructuredDataset read = declared.toJava(Literal.parseFrom(golden), type, ctx);
    assertThat(read.uri()).contains(uri);
    assertThat(read.columns()).extracting(DatasetColumn::name).contains("symbol", "venue.city");
  }

  @Test
  void localData_ferryWritesAFileUri() throws Exception {
    Literal written = declared.toLiteral(StructuredDataset.of(TRADES, Trade.class), type, ctx);
    String uri = written.getScalar().getStructuredDataset().getUri();
    String prefix = tmp.resolve("raw").toUri().toString();
    assertThat(prefix).startsWith("file:///");
    assertThat(uri).matches(java.util.regex.Pattern.quote(trimSlash(prefix)) + "/[0-9a-f]{32}");

    Literal pinned = withUri(written, FERRY_LOCAL);
    byte[] golden = golden("dataset-local-ferry", pinned, Literals.toBytes(pinned));

    Literal stored = Literal.parseFrom(golden);
    assertThat(stored.getScalar().getStructuredDataset().getUri()).isEqualTo(FERRY_LOCAL);
    assertThat(metadata(stored).getExternalSchemaType()).isEmpty();
    assertThat(declared.toJava(withUri(stored, uri), type, ctx).open(Trade.class).all())
        .isEqualTo(TRADES);
  }

  @Test
  void localData_aBarePathAsPythonWritesIt_readAndPassedOnUnchanged() throws Exception {
    // what the Python SDK 1.16 writes for a pandas frame under a local raw-output prefix, built by
    // hand: a bare path, the format, no columns
    Literal python =
        Literal.newBuilder()
            .setScalar(
                Scalar.newBuilder()
                    .setStructuredDataset(
                        dev.ferry.idl.core.StructuredDataset.newBuilder()
                            .setUri(PYTHON_LOCAL)
                            .setMetadata(
                                StructuredDatasetMetadata.newBuilder()
                                    .setStructuredDatasetType(
                                        StructuredDatasetType.newBuilder().setFormat("parquet")))))
            .build();
    byte[] golden = golden("dataset-local-python", python, Literals.toBytes(python));

    Literal stored = Literal.parseFrom(golden);
    StructuredDataset read = undeclared.toJava(stored, type, ctx);
    assertThat(read.uri()).contains(URI.create(PYTHON_LOCAL));
    // passed on as read: the same bytes
    assertThat(Literals.toBytes(undeclared.toLiteral(read, type, ctx))).isEqualTo(golden);

    // and a bare path is local data: the rows Ferry wrote, named the Python way, read back
    Literal written = undeclared.toLiteral(StructuredDataset.of(TRADES, Trade.class), type, ctx);
    String bare = URI.create(written.getScalar().getStructuredDataset().getUri()).getPath();
    assertThat(bare).startsWith("/").doesNotContain(":");
    assertThat(undeclared.toJava(withUri(stored, bare), type, ctx).open(Trade.class).all())
        .isEqualTo(TRADES);
  }

  private static StructuredDatasetType metadata(Literal literal) {
    return literal.getScalar().getStructuredDataset().getMetadata().getStructuredDatasetType();
  }

  private static Literal withUri(Literal literal, String uri) {
    Scalar.Builder scalar = literal.getScalar().toBuilder();
    scalar.getStructuredDatasetBuilder().setUri(uri);
    return literal.toBuilder().setScalar(scalar).build();
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static byte[] serialized(Message message) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    cos.useDeterministicSerialization();
    message.writeTo(cos);
    cos.flush();
    return out.toByteArray();
  }

  /**
   * Returns the committed {@code golden/<name>.pb} after checking that {@code bytes} (Ferry's) are
   * equal to it byte for byte and the committed {@code .txt} is {@code message}'s text; with {@code
   * -Dferry.golden.write=true} writes both first.
   */
  private static byte[] golden(String name, Message message, byte[] bytes) throws IOException {
    String text = TextFormat.printer().escapingNonAscii(true).printToString(message);
    if (Boolean.getBoolean("ferry.golden.write")) {
      Path root = Objects.requireNonNull(TestData.repositoryRoot(), "no repository root");
      Path folder = root.resolve("testdata/src/main/resources/dev/ferry/testdata/golden");
      Files.write(folder.resolve(name + ".pb"), bytes);
      Files.writeString(folder.resolve(name + ".txt"), text);
      return bytes;
    }
    byte[] golden = TestData.bytes("golden/" + name + ".pb");
    assertThat(HexFormat.of().formatHex(bytes))
        .as("Ferry's bytes for golden/%s.pb", name)
        .isEqualTo(HexFormat.of().formatHex(golden));
    assertThat(new String(TestData.bytes("golden/" + name + ".txt"), StandardCharsets.UTF_8))
        .as("golden/%s.txt", name)
        .isEqualTo(text);
    return golden;
  }
}
