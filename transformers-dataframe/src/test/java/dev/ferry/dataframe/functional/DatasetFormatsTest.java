package dev.ferry.dataframe.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.blob.testing.S3MockServer;
import dev.ferry.dataframe.ArrowBatches;
import dev.ferry.dataframe.DatasetReader;
import dev.ferry.dataframe.StructuredDataset;
import dev.ferry.dataframe.parquet.DecimalColumn;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.testdata.IntegrationTest;
import dev.ferry.transformers.blob.DataPlane;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in format ({@code parquet}, {@code arrow}) on every store the tests reach (memory,
 * file, and s3 on an S3Mock server on loopback): rows, batches, Arrow batches, the whole table as
 * one root and a streaming {@link ArrowReader}, over datasets of one file and of several.
 */
@IntegrationTest
class DatasetFormatsTest {
  record Item(long id, String label, double score, Instant at, LocalDate day) {}

  record Label(String label) {}

  record Point(double x, double y) {}

  record Rich(
      long id,
      @DecimalColumn(precision = 12, scale = 2) BigDecimal amount,
      List<Long> ids,
      List<Optional<String>> tags,
      Point center,
      Optional<Point> anchor,
      @Nullable String note) {}

  record RichProjection(Point center, List<Long> ids) {}

  @TempDir Path tmp;
  private final TypeEngine engine = TypeEngine.createDefault();
  private final TypeRef<StructuredDataset> type = TypeRef.of(StructuredDataset.class);

  static List<Arguments> formatsAndStores() {
    List<Arguments> out = new ArrayList<>();
    for (String format : List.of("parquet", "arrow")) {
      for (String store : List.of("memory", "file", "s3")) {
        out.add(Arguments.of(format, store));
      }
    }
    return out;
  }

  private static final String BUCKET = "ferry-datasets";
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static @Nullable BlobStores s3Stores;

  /** Returns stores whose s3 store talks to the shared S3Mock server (started on first use). */
  private static synchronized BlobStores s3Stores() {
    if (s3Stores == null) {
      S3MockServer server = S3MockServer.shared();
      server.createBucket(BUCKET);
      s3Stores = server.stores();
    }
    return s3Stores;
  }

  @AfterAll
  static synchronized void closeS3() throws IOException {
    if (s3Stores != null) {
      s3Stores.close();
      s3Stores = null;
    }
  }

  private TransformContext ctx(String store) {
    BlobStores stores =
        store.equals("s3") ? s3Stores() : BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()));
    URI raw =
        switch (store) {
          case "memory" -> URI.create("memory://raw/f");
          case "s3" -> URI.create("s3://" + BUCKET + "/raw/" + RUNS.incrementAndGet());
          default -> tmp.resolve("raw").toUri();
        };
    return DataPlane.of(stores, raw, tmp.resolve("dl")).attach(TransformContext.at("outputs.o0"));
  }

  static List<Item> items(int n) {
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                new Item(
                    i,
                    "L" + i,
                    i / 4.0,
                    Instant.ofEpochSecond(1_700_000_000L + i, 123_456_000L),
                    LocalDate.of(2024, 1, 1).plusDays(i % 400)))
        .toList();
  }

  private StructuredDataset written(StructuredDataset ds, String format, TransformContext ctx) {
    Literal literal = engine.toLiteral(ds, type, ctx);
    assertThat(
            literal
                .getScalar()
                .getStructuredDataset()
                .getMetadata()
                .getStructuredDatasetType()
                .getFormat())
        .isEqualTo(format);
    return engine.toJava(literal, type, ctx);
  }

  private StructuredDataset split(List<Item> rows, String format, String store) throws Exception {
    StructuredDataset ds =
        written(
            StructuredDataset.of(rows, Item.class).withFormat(format).withMaxFileBytes(64 * 1024),
            format,
            ctx(store));
    List<URI> files = ds.open(Item.class).files();
    assertThat(files).hasSizeGreaterThan(2);
    for (int i = 0; i < files.size(); i++) {
      assertThat(files.get(i).toString()).endsWith(String.format("/%05d", i));
    }
    return ds;
  }

  @ParameterizedTest
  @MethodSource("formatsAndStores")
  void rows_oneFile_allRowsBatchesAndProjection(String format, String store) throws Exception {
    List<Item> rows = items(1000);
    TransformContext ctx = ctx(store);
    StructuredDataset ds =
        written(StructuredDataset.of(rows, Item.class).withFormat(format), format, ctx);
    assertThat(ds.format()).isEqualTo(format);
    URI file = ds.open(Item.class).files().get(0);
    assertThat(ds.open(Item.class).files()).containsExactly(URI.create(ds.uri().get() + "/00000"));
    byte[] head;
    try (InputStream in = DataPlane.from(ctx).store(file).open(file)) {
      head = in.readNBytes(4);
    }
    // Parquet's magic, or the continuation marker that starts each message of an Arrow IPC stream
    assertThat(head)
        .isEqualTo(
            format.equals("parquet")
                ? "PAR1".getBytes(StandardCharsets.US_ASCII)
                : new byte[] {-1, -1, -1, -1});
    assertThat(ds.open(Item.class).all()).isEqualTo(rows);
    assertThat(ds.open(Label.class).all()).extracting(Label::label).startsWith("L0", "L1");
    List<Integer> sizes = new ArrayList<>();
    try (DatasetReader.Batches<Item> batches = ds.open(Item.class).batches(300)) {
      batches.forEachRemaining(b -> sizes.add(b.size()));
    }
    assertThat(sizes).containsExactly(300, 300, 300, 100);
    List<Item> streamed = new ArrayList<>();
    try (DatasetReader.Rows<Item> it = ds.open(Item.class).rows()) {
      it.forEachRemaining(streamed::add);
    }
    assertThat(streamed).isEqualTo(rows);
  }

  @ParameterizedTest
  @MethodSource("formatsAndStores")
  void rows_severalFiles_readInOrder(String format, String store) throws Exception {
    List<Item> rows = items(40_000);
    StructuredDataset ds = split(rows, format, store);
    assertThat(ds.open(Item.class).all()).isEqualTo(rows);
    assertThat(ds.read(new TypeRef<List<Label>>() {}))
        .extracting(Label::label)
        .endsWith("L39998", "L39999");
  }

  @ParameterizedTest
  @MethodSource("formatsAndStores")
  void readArrowReader_streamsEveryFile(String format, String store) throws Exception {
    List<Item> rows = items(40_000);
    StructuredDataset ds = split(rows, format, store);
    int files = ds.open(Item.class).files().size();
    long total = 0;
    int batches = 0;
    long idSum = 0;
    try (ArrowReader reader = ds.read(new TypeRef<ArrowReader>() {})) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      assertThat(root.getSchema().getFields())
          .extracting(Field::getName)
          .containsExactly("id", "label", "score", "at", "day");
      while (reader.loadNextBatch()) {
        batches++;
        total += root.getRowCount();
        BigIntVector id = (BigIntVector) root.getVector("id");
        for (int i = 0; i < root.getRowCount(); i++) {
          idSum += id.get(i);
        }
      }
    }
    assertThat(batches).isGreaterThanOrEqualTo(files);
    assertThat(total).isEqualTo(40_000);
    assertThat(idSum).isEqualTo(39_999L * 40_000 / 2);
  }

  @ParameterizedTest
  @MethodSource("formatsAndStores")
  void readVectorSchemaRoot_wholeTableInOneRoot(String format, String store) throws Exception {
    List<Item> rows = items(40_000);
    StructuredDataset ds = split(rows, format, store);
    try (VectorSchemaRoot root = ds.read(new TypeRef<VectorSchemaRoot>() {})) {
      assertThat(root.getRowCount()).isEqualTo(40_000);
      VarCharVector label = (VarCharVector) root.getVector("label");
      assertThat(label.getObject(0)).hasToString("L0");
      assertThat(label.getObject(39_999)).hasToString("L39999");
      assertThat(((BigIntVector) root.getVector("id")).get(12_345)).isEqualTo(12_345L);
    }
  }

  @ParameterizedTest
  @MethodSource("formatsAndStores")
  void openArrow_projected(String format, String store) throws Exception {
    StructuredDataset ds = split(items(40_000), format, store);
    List<String> labels = new ArrayList<>();
    try (BufferAllocator allocator = new RootAllocator();
        ArrowBatches batches = ds.openArrow(allocator, List.of("label", "id"), 4096)) {
      while (batches.loadNextBatch()) {
        VectorSchemaRoot root = batches.root();
        assertThat(root.getSchema().getFields())
            .extracting(Field::getName)
            .containsExactly("label", "id");
        VarCharVector v = (VarCharVector) root.getVector("label");
        for (int i = 0; i < root.getRowCount(); i++) {
          labels.add(v.getObject(i).toString());
        }
      }
    }
    assertThat(labels).hasSize(40_000).startsWith("L0", "L1").endsWith("L39999");
  }

  @ParameterizedTest
  @MethodSource("formatsAndStores")
  void openArrow_missingColumn_namesTheFile(String format, String store) throws Exception {
    StructuredDataset ds =
        written(StructuredDataset.of(items(3), Item.class).withFormat(format), format, ctx(store));
    URI file = ds.open(Item.class).files().get(0);
    try (BufferAllocator allocator = new RootAllocator();
        ArrowBatches batches = ds.openArrow(allocator, List.of("nope"), 16)) {
      assertThatThrownBy(batches::loadNextBatch)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no column 'nope' in " + file + " (it has [id, label, score, at, day])");
    }
  }

  @ParameterizedTest
  @MethodSource("formatsAndStores")
  void rows_decimalListStructAndNullColumns(String format, String store) throws Exception {
    List<Rich> rows =
        List.of(
            new Rich(
                1,
                new BigDecimal("12.34"),
                List.of(1L, 2L, 3L),
                List.of(Optional.of("a"), Optional.empty()),
                new Point(1, 2),
                Optional.of(new Point(3, 4)),
                "first"),
            new Rich(
                2,
                new BigDecimal("-0.05"),
                List.of(),
                List.of(),
                new Point(-1, 0.5),
                Optional.empty(),
                null));
    StructuredDataset ds =
        written(
            StructuredDataset.of(rows, new TypeRef<List<Rich>>() {}, format), format, ctx(store));
    assertThat(ds.read(new TypeRef<List<Rich>>() {})).isEqualTo(rows);
    assertThat(ds.open(RichProjection.class).all())
        .containsExactly(
            new RichProjection(new Point(1, 2), List.of(1L, 2L, 3L)),
            new RichProjection(new Point(-1, 0.5), List.of()));
  }

  @ParameterizedTest
  @MethodSource("formatsAndStores")
  void arrowRoot_writtenInFormat_readAsRecords(String format, String store) throws Exception {
    List<Item> rows = items(50);
    StructuredDataset ds =
        written(StructuredDataset.of(rows, Item.class).withFormat(format), format, ctx(store));
    try (VectorSchemaRoot root = ds.read(new TypeRef<VectorSchemaRoot>() {})) {
      TransformContext ctx = ctx(store);
      StructuredDataset again =
          written(
              StructuredDataset.of(root, new TypeRef<VectorSchemaRoot>() {}, format), format, ctx);
      assertThat(again.uri()).isNotEqualTo(ds.uri());
      assertThat(again.open(Item.class).all()).isEqualTo(rows);
    }
  }

  @org.junit.jupiter.api.Test
  void open_formatWithoutBuiltInReader_saysWhatToRegister() {
    StructuredDataset ds =
        StructuredDataset.of(URI.create("memory://data/x"), "csv")
            .withDataPlane(DataPlane.from(ctx("memory")));
    assertThatThrownBy(() -> ds.open(Item.class))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage(
            "dataset memory://data/x has format 'csv': Ferry reads rows of 'parquet' and 'arrow';"
                + " register a DatasetDecoder for others");
  }

  @org.junit.jupiter.api.Test
  void withFormat_unknown_fails() {
    assertThatThrownBy(() -> StructuredDataset.of(items(1), Item.class).withFormat("csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "rows are written as 'parquet' or 'arrow', not 'csv': for other formats, register a"
                + " DatasetEncoder and use of(value, type, format)");
  }

  record Money(@DecimalColumn(precision = 5, scale = 2) BigDecimal amount) {}

  @ParameterizedTest
  @MethodSource("formatsAndStores")
  void write_valueThatDoesNotFit_failsNamingRow_leavesNoFile(String format, String store)
      throws Exception {
    TransformContext ctx = ctx(store);
    List<Money> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      rows.add(new Money(new BigDecimal(i % 100)));
    }
    rows.set(19_000, new Money(new BigDecimal("1000.00")));
    assertThatThrownBy(
            () ->
                engine.toLiteral(
                    StructuredDataset.of(rows, Money.class).withFormat(format), type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected a decimal that fits decimal(5, 2) (declare another with @DecimalColumn) but"
                + " was '1000.00' at outputs.o0.rows[19000].amount");
    URI raw = DataPlane.from(ctx).newLocation().resolve(".");
    assertThat(DataPlane.from(ctx).store(raw).list(raw)).isEmpty();
  }

  record MaybeLabel(Optional<String> label) {}

  @ParameterizedTest
  @MethodSource("formatsAndStores")
  void read_nullIntoRequiredComponent_failsNamingRow(String format, String store) throws Exception {
    List<MaybeLabel> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      rows.add(new MaybeLabel(i == 17_000 ? Optional.empty() : Optional.of("L" + i)));
    }
    StructuredDataset ds =
        written(
            StructuredDataset.of(rows, MaybeLabel.class).withFormat(format), format, ctx(store));
    assertThatThrownBy(() -> ds.open(Label.class).all())
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected a value in column 'label' but was null (make the component Optional or"
                + " @Nullable) at [17000]");
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"parquet", "arrow"})
  void readArrowReader_filesOfAnotherSchema_failNamingTheFile(String format) throws Exception {
    TransformContext ctx = ctx("memory");
    StructuredDataset items =
        written(StructuredDataset.of(items(3), Item.class).withFormat(format), format, ctx);
    StructuredDataset labels =
        written(
            StructuredDataset.of(List.of(new Label("x")), Label.class).withFormat(format),
            format,
            ctx);
    URI dir = URI.create("memory://data/mixed");
    var store = DataPlane.from(ctx).store(dir);
    int i = 0;
    for (StructuredDataset part : List.of(items, labels)) {
      URI from = part.open(Item.class).files().get(0);
      try (InputStream in = store.open(from);
          var out = store.create(URI.create(dir + String.format("/%05d", i++)))) {
        in.transferTo(out);
        out.commit();
      }
    }
    StructuredDataset mixed =
        engine.toJava(engine.toLiteral(StructuredDataset.of(dir, format), type, ctx), type, ctx);
    try (ArrowReader reader = mixed.read(new TypeRef<ArrowReader>() {})) {
      assertThat(reader.loadNextBatch()).isTrue();
      assertThatThrownBy(reader::loadNextBatch)
          .isInstanceOf(java.io.IOException.class)
          .hasMessageStartingWith(
              "dataset file memory://data/mixed/00001 has schema Schema<label: ")
          .hasMessageContaining("but the dataset's first file has Schema<id: Int(64, true)");
    }
  }
}
