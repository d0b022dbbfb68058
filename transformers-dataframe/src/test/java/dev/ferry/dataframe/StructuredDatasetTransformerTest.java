package dev.ferry.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.dataframe.parquet.ParquetOptions;
import dev.ferry.engine.DataTransferException;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.idl.core.StructuredDatasetType;
import dev.ferry.transformers.blob.DataPlane;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StructuredDatasetTransformerTest {
  record Trade(String symbol, long quantity, double price, Instant at) {}

  record Price(String symbol, double price) {}

  record Report(String name, StructuredDataset data) {}

  /** {@code Union[pd.DataFrame, str]}. */
  sealed interface FrameOrName permits FrameOrName.Frame, FrameOrName.Name {
    @dev.ferry.transformers.UnionValue
    record Frame(StructuredDataset value) implements FrameOrName {}

    @dev.ferry.transformers.UnionValue
    record Name(String value) implements FrameOrName {}
  }

  static final List<Trade> TRADES =
      List.of(
          new Trade("ACME", 10, 1.5, Instant.parse("2024-01-02T03:04:05.000006Z")),
          new Trade("INIT", -3, 99.25, Instant.parse("1999-12-31T23:59:59Z")));

  @TempDir Path tmp;
  private final TypeEngine engine = TypeEngine.createDefault();
  private final TypeRef<StructuredDataset> type = TypeRef.of(StructuredDataset.class);
  private BlobStores stores;
  private TransformContext ctx;

  @BeforeEach
  void setUp() {
    stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()));
    DataPlane plane =
        DataPlane.of(stores, URI.create("memory://raw/prefix/"), tmp.resolve("downloads"));
    ctx = plane.attach(TransformContext.at("outputs.o0"));
  }

  @Test
  void literalType_undeclared_isEmptyAsThePythonSdkWritesIt() {
    LiteralType t = engine.literalType(type);
    assertThat(t)
        .isEqualTo(
            LiteralType.newBuilder()
                .setStructuredDatasetType(StructuredDatasetType.getDefaultInstance())
                .build());
    assertThat(HexFormat.of().formatHex(t.toByteArray())).isEqualTo("4200");
  }

  @Test
  void toLiteral_rows_writesOneParquetFileInANewDirectory() throws Exception {
    Literal literal = engine.toLiteral(StructuredDataset.of(TRADES, Trade.class), type, ctx);
    var sd = literal.getScalar().getStructuredDataset();
    assertThat(sd.getUri()).matches("memory://raw/prefix/[0-9a-f]{32}");
    assertThat(sd.getMetadata().getStructuredDatasetType())
        .isEqualTo(StructuredDatasetType.newBuilder().setFormat("parquet").build());
    List<BlobInfo> files = stores.forUri(URI.create(sd.getUri())).list(URI.create(sd.getUri()));
    assertThat(files).extracting(f -> f.uri().toString()).containsExactly(sd.getUri() + "/00000");
  }

  @Test
  void roundTrip_rows_readBackWholeAndProjected() throws Exception {
    Literal literal = engine.toLiteral(StructuredDataset.of(TRADES, Trade.class), type, ctx);
    StructuredDataset back = engine.toJava(literal, type, ctx);
    assertThat(back.format()).isEqualTo("parquet");
    assertThat(back.open(Trade.class).all()).isEqualTo(TRADES);
    assertThat(back.open(Price.class).all())
        .containsExactly(new Price("ACME", 1.5), new Price("INIT", 99.25));
  }

  @Test
  void read_batchesAndRows_stream() throws Exception {
    List<Trade> many =
        java.util.stream.IntStream.range(0, 1000)
            .mapToObj(i -> new Trade("S" + i, i, i, Instant.ofEpochSecond(i)))
            .toList();
    StructuredDataset back =
        engine.toJava(
            engine.toLiteral(StructuredDataset.of(many, Trade.class), type, ctx), type, ctx);
    try (DatasetReader.Batches<Trade> batches = back.open(Trade.class).batches(300)) {
      assertThat(batches).toIterable().extracting(List::size).containsExactly(300, 300, 300, 100);
    }
    try (DatasetReader.Rows<Trade> rows = back.open(Trade.class).rows()) {
      assertThat(rows).toIterable().hasSize(1000);
    }
  }

  @Test
  void localData_writtenAsFileUri_andABarePathAsPythonWritesItReads() throws Exception {
    DataPlane local =
        DataPlane.of(stores, tmp.resolve("raw").toUri(), tmp.resolve("local-downloads"));
    TransformContext localCtx = local.attach(TransformContext.at("outputs.o0"));
    Literal written = engine.toLiteral(StructuredDataset.of(TRADES, Trade.class), type, localCtx);
    String uri = written.getScalar().getStructuredDataset().getUri();
    // Ferry's choice: a URI with its scheme (README, "Local dataset URIs")
    assertThat(uri).startsWith("file:///").matches("file:///.*/raw/[0-9a-f]{32}");

    String bare = URI.create(uri).getPath(); // what the Python SDK writes for local data
    Literal python =
        written.toBuilder()
            .setScalar(
                written.getScalar().toBuilder()
                    .setStructuredDataset(
                        written.getScalar().getStructuredDataset().toBuilder().setUri(bare)))
            .build();
    assertThat(engine.toJava(written, type, localCtx).open(Trade.class).all()).isEqualTo(TRADES);
    StructuredDataset fromPython = engine.toJava(python, type, localCtx);
    assertThat(fromPython.open(Trade.class).all()).isEqualTo(TRADES);
    // passed on unchanged: a bare path read stays a bare path
    assertThat(engine.toLiteral(fromPython, type, localCtx)).isEqualTo(python);
  }

  @Test
  void unionVariant_taggedAsThePythonSdkTagsADataset_readBackByVariantType() throws Exception {
    TypeRef<FrameOrName> union = TypeRef.of(FrameOrName.class);
    LiteralType t = engine.literalType(union);
    assertThat(t.getUnionType().getVariantsList())
        .extracting(v -> v.getStructure().getTag())
        .containsExactly("StructuredDataset Transformer", "str");
    assertThat(t.getUnionType().getVariants(0).hasStructuredDatasetType()).isTrue();

    Literal literal =
        engine.toLiteral(
            new FrameOrName.Frame(StructuredDataset.of(TRADES, Trade.class)), union, ctx);
    assertThat(literal.getScalar().getUnion().getType()).isEqualTo(t.getUnionType().getVariants(0));
    FrameOrName back = engine.toJava(literal, union, ctx);
    assertThat(back).isInstanceOf(FrameOrName.Frame.class);
    assertThat(((FrameOrName.Frame) back).value().open(Trade.class).all()).isEqualTo(TRADES);
    assertThat(engine.toJava(engine.toLiteral(new FrameOrName.Name("n"), union, ctx), union, ctx))
        .isEqualTo(new FrameOrName.Name("n"));
  }

  @Test
  void toLiteral_reference_passesThroughWithoutReencoding() throws Exception {
    Literal first = engine.toLiteral(StructuredDataset.of(TRADES, Trade.class), type, ctx);
    StructuredDataset read = engine.toJava(first, type, ctx);
    URI raw = URI.create("memory://raw/prefix");
    int before = stores.forUri(raw).list(raw).size();
    Literal second = engine.toLiteral(read, type, ctx);
    assertThat(second).isEqualTo(first);
    assertThat(stores.forUri(raw).list(raw)).hasSize(before);
  }

  @Test
  void toLiteral_uri_keepsUriAndFormat() {
    Literal literal =
        engine.toLiteral(StructuredDataset.of(URI.create("s3://bucket/df"), "csv"), type, ctx);
    assertThat(literal.getScalar().getStructuredDataset().getUri()).isEqualTo("s3://bucket/df");
    assertThat(
            literal
                .getScalar()
                .getStructuredDataset()
                .getMetadata()
                .getStructuredDatasetType()
                .getFormat())
        .isEqualTo("csv");
  }

  @Test
  void declaring_columnsInTypeAndMetadata() {
    TypeEngine declared =
        TypeEngine.builder().add(StructuredDatasetTransformer.declaring(Trade.class)).build();
    StructuredDatasetType t = declared.literalType(type).getStructuredDatasetType();
    assertThat(t.getColumnsList())
        .extracting(c -> c.getName() + ":" + c.getLiteralType().getSimple())
        .containsExactly("symbol:STRING", "quantity:INTEGER", "price:FLOAT", "at:DATETIME");
    assertThat(t.getFormat()).isEmpty();
    // as the Python SDK writes kwtypes columns: no external schema unless asked
    assertThat(t.getExternalSchemaType()).isEmpty();
    assertThat(t.getExternalSchemaBytes().isEmpty()).isTrue();
    assertThat(t)
        .isEqualTo(StructuredDatasetType.newBuilder().addAllColumns(t.getColumnsList()).build());
    Literal literal = declared.toLiteral(StructuredDataset.of(TRADES, Trade.class), type, ctx);
    StructuredDatasetType meta =
        literal.getScalar().getStructuredDataset().getMetadata().getStructuredDatasetType();
    assertThat(meta.getColumnsList()).isEqualTo(t.getColumnsList());
    assertThat(meta.getFormat()).isEqualTo("parquet");
    assertThat(declared.toJava(literal, type, ctx).columns())
        .extracting(DatasetColumn::name)
        .containsExactly("symbol", "quantity", "price", "at");
  }

  @Test
  void toLiteral_zstdOption() throws Exception {
    StructuredDataset ds =
        StructuredDataset.of(TRADES, Trade.class)
            .withParquetOptions(ParquetOptions.defaults().withZstd(1));
    StructuredDataset back = engine.toJava(engine.toLiteral(ds, type, ctx), type, ctx);
    assertThat(back.open(Trade.class).all()).isEqualTo(TRADES);
  }

  @Test
  void toLiteral_null_fails() {
    assertThatThrownBy(() -> engine.toLiteral(null, type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a StructuredDataset but was null at outputs.o0");
  }

  @Test
  void toJava_notADataset_fails() {
    assertThatThrownBy(() -> engine.toJava(Literals.ofString("x"), type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith("expected a structured_dataset literal but was ")
        .hasMessageEndingWith(" at outputs.o0");
  }

  @Test
  void insideRecord_packsUriAndFileFormat() throws Exception {
    TypeRef<Report> reportType = TypeRef.of(Report.class);
    LiteralType rt = engine.literalType(reportType);
    assertThat(rt.getStructure().getDataclassTypeOrThrow("data").hasStructuredDatasetType())
        .isTrue();
    Literal literal =
        engine.toLiteral(
            new Report("daily", StructuredDataset.of(TRADES, Trade.class)), reportType, ctx);
    Report back = engine.toJava(literal, reportType, ctx);
    assertThat(back.name()).isEqualTo("daily");
    assertThat(back.data().uri().orElseThrow().toString())
        .matches("memory://raw/prefix/[0-9a-f]{32}");
    assertThat(back.data().open(Price.class).all()).hasSize(2);
    String msgpack =
        new String(
            literal.getScalar().getBinary().getValue().toByteArray(),
            java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(msgpack).contains("uri").contains("file_format").contains("parquet");
  }

  @Test
  void optional_unionTagAsPython() {
    LiteralType t = engine.literalType(new TypeRef<Optional<StructuredDataset>>() {});
    assertThat(t.getUnionType().getVariants(0).getStructure().getTag())
        .isEqualTo("StructuredDataset Transformer");
    assertThat(t.getUnionType().getVariants(1).getSimple()).isEqualTo(SimpleType.NONE);
  }

  @Test
  void open_withoutDataPlane_saysHow() {
    Literal literal = engine.toLiteral(StructuredDataset.of(TRADES, Trade.class), type, ctx);
    StructuredDataset detached = engine.toJava(literal, type, TransformContext.defaults());
    assertThatThrownBy(() -> detached.open(Trade.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no DataPlane to reach its store");
  }

  @Test
  void declaring_arrowSchema_externalSchemaAsIpcMessage() {
    org.apache.arrow.vector.types.pojo.Schema schema =
        dev.ferry.dataframe.parquet.ArrowSchemas.toArrow(
            dev.ferry.dataframe.parquet.RowSchema.of(Trade.class).messageType());
    TypeEngine declared =
        TypeEngine.builder().add(StructuredDatasetTransformer.declaring(schema)).build();
    StructuredDatasetType t = declared.literalType(type).getStructuredDatasetType();
    assertThat(t.getExternalSchemaType()).isEqualTo("arrow");
    assertThat(HexFormat.of().formatHex(t.getExternalSchemaBytes().substring(0, 4).toByteArray()))
        .isEqualTo("ffffffff");
    assertThat(StructuredDatasetTransformer.arrowSchema(t)).contains(schema);
    assertThat(t.getColumnsList())
        .extracting(c -> c.getName() + ":" + c.getLiteralType().getSimple())
        .containsExactly("symbol:STRING", "quantity:INTEGER", "price:FLOAT", "at:DATETIME");
    TypeEngine byRecord =
        TypeEngine.builder().add(StructuredDatasetTransformer.declaring(Trade.class, true)).build();
    assertThat(byRecord.literalType(type).getStructuredDatasetType()).isEqualTo(t);
  }

  @Test
  void arrowSchema_flytekitTextForm_isEmpty() {
    StructuredDatasetType t =
        StructuredDatasetType.newBuilder()
            .setExternalSchemaType("arrow")
            .setExternalSchemaBytes(
                com.google.protobuf.ByteString.copyFromUtf8("a: int64\nb: string"))
            .build();
    assertThat(StructuredDatasetTransformer.arrowSchema(t)).isEmpty();
    assertThat(StructuredDatasetTransformer.arrowSchema(StructuredDatasetType.getDefaultInstance()))
        .isEmpty();
  }

  @Test
  void toLiteral_writeThatTheStoreRefusesIsATransferError() throws Exception {
    Path blocker = Files.writeString(tmp.resolve("blocker"), "not a directory");
    TransformContext broken =
        DataPlane.of(stores, blocker.resolve("raw").toUri(), tmp.resolve("downloads"))
            .attach(TransformContext.at("outputs.o0"));

    assertThatThrownBy(
            () -> engine.toLiteral(StructuredDataset.of(TRADES, Trade.class), type, broken))
        .isInstanceOfSatisfying(
            DataTransferException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.location()).matches("file://" + blocker + "/raw/[0-9a-f]{32}/00000");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "write of "
                          + e.location()
                          + " failed: not a directory: "
                          + blocker
                          + " (not retryable)");
            });
  }

  @Test
  void read_datasetWhoseStoreRefusesTheUriIsATransferError() throws Exception {
    StructuredDataset bucketless =
        engine.toJava(
            engine.toLiteral(StructuredDataset.of(URI.create("memory:///ds")), type, ctx),
            type,
            ctx);

    assertThatThrownBy(() -> bucketless.open(Price.class).all())
        .isInstanceOf(DataTransferException.class)
        .hasMessage(
            "list of memory:///ds failed: it names no bucket (memory URIs look like"
                + " memory://bucket/key) (not retryable)");
    assertThatThrownBy(() -> bucketless.read(new TypeRef<List<Price>>() {}))
        .isInstanceOf(DataTransferException.class)
        .hasMessageStartingWith("list of memory:///ds failed: it names no bucket");
  }
}
