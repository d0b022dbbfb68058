package dev.ferry.dataframe.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.dataframe.ArrowBatches;
import dev.ferry.dataframe.StructuredDataset;
import dev.ferry.dataframe.parquet.ParquetOptions;
import dev.ferry.dataframe.parquet.ParquetRows;
import dev.ferry.dataframe.parquet.RowSchema;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.transformers.blob.DataPlane;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datasets of several files, marker files, and Arrow batches through the transformer. */
class DatasetFilesTest {
  record Item(long id, String label) {}

  record Label(String label) {}

  @TempDir Path tmp;
  private final TypeEngine engine = TypeEngine.createDefault();
  private final TypeRef<StructuredDataset> type = TypeRef.of(StructuredDataset.class);
  private BlobStores stores;
  private TransformContext ctx;

  @BeforeEach
  void setUp() {
    stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()));
    ctx =
        DataPlane.of(stores, URI.create("memory://raw/p"), tmp.resolve("dl"))
            .attach(TransformContext.at("inputs.items"));
  }

  static List<Item> items(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> new Item(i, "L" + i)).toList();
  }

  private StructuredDataset threeFiles() throws Exception {
    URI dir = URI.create("memory://data/items");
    BlobStore store = stores.forUri(dir);
    RowSchema<Item> schema = RowSchema.of(Item.class);
    ParquetRows.write(
        items(0, 10), schema, store, URI.create(dir + "/00000"), ParquetOptions.defaults());
    ParquetRows.write(
        items(10, 25), schema, store, URI.create(dir + "/00001"), ParquetOptions.defaults());
    ParquetRows.write(
        items(25, 26), schema, store, URI.create(dir + "/00002"), ParquetOptions.defaults());
    try (var out = store.create(URI.create(dir + "/_SUCCESS"))) {
      out.write(new byte[0]);
      out.commit();
    }
    Literal literal = engine.toLiteral(StructuredDataset.of(dir), type, ctx);
    return engine.toJava(literal, type, ctx);
  }

  @Test
  void read_severalFilesInNameOrder_skippingMarkers() throws Exception {
    StructuredDataset ds = threeFiles();
    assertThat(ds.open(Item.class).files())
        .extracting(URI::toString)
        .containsExactly(
            "memory://data/items/00000", "memory://data/items/00001", "memory://data/items/00002");
    assertThat(ds.open(Item.class).all()).isEqualTo(items(0, 26));
    assertThat(ds.open(Label.class).all()).extracting(Label::label).startsWith("L0", "L1");
  }

  @Test
  void write_maxFileBytes_splitsIntoNumberedFiles() throws Exception {
    List<Item> many = items(0, 30_000);
    Literal literal =
        engine.toLiteral(
            StructuredDataset.of(many, Item.class)
                .withParquetOptions(ParquetOptions.defaults().withRowGroupSize(16 * 1024))
                .withMaxFileBytes(64 * 1024),
            type,
            ctx);
    StructuredDataset back = engine.toJava(literal, type, ctx);
    List<URI> files = back.open(Item.class).files();
    assertThat(files).hasSizeGreaterThan(2);
    for (int i = 0; i < files.size(); i++) {
      assertThat(files.get(i).toString()).endsWith(String.format("/%05d", i));
    }
    assertThat(back.open(Item.class).all()).isEqualTo(many);
  }

  @Test
  void readArrow_severalFiles_projected() throws Exception {
    StructuredDataset ds = threeFiles();
    List<String> labels = new ArrayList<>();
    try (BufferAllocator allocator = new RootAllocator();
        ArrowBatches batches = ds.openArrow(allocator, List.of("label"), 8)) {
      while (batches.loadNextBatch()) {
        VectorSchemaRoot root = batches.root();
        assertThat(root.getSchema().getFields())
            .extracting(Field::getName)
            .containsExactly("label");
        VarCharVector v = (VarCharVector) root.getVector("label");
        for (int i = 0; i < root.getRowCount(); i++) {
          labels.add(new String(v.get(i), StandardCharsets.UTF_8));
        }
      }
    }
    assertThat(labels).isEqualTo(items(0, 26).stream().map(Item::label).toList());
  }

  @Test
  void arrowBatch_toLiteral_readAsRecords() throws Exception {
    Schema schema =
        new Schema(
            List.of(
                new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
                new Field("label", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null)));
    Literal literal;
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      root.allocateNew();
      for (int i = 0; i < 5; i++) {
        ((BigIntVector) root.getVector("id")).setSafe(i, i);
        ((VarCharVector) root.getVector("label"))
            .setSafe(i, ("L" + i).getBytes(StandardCharsets.UTF_8));
      }
      root.setRowCount(5);
      literal = engine.toLiteral(StructuredDataset.of(root), type, ctx);
    }
    assertThat(literal.getScalar().getStructuredDataset().getUri())
        .matches("memory://raw/p/[0-9a-f]{32}");
    assertThat(engine.toJava(literal, type, ctx).open(Item.class).all()).isEqualTo(items(0, 5));
  }
}
