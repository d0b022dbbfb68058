package dev.ferry.dataframe.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.dataframe.ArrowBatches;
import dev.ferry.dataframe.StructuredDataset;
import dev.ferry.dataframe.testing.PythonEnv;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.testdata.IntegrationTest;
import dev.ferry.transformers.blob.DataPlane;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames pandas wrote with their index (Parquet and Arrow IPC): unnamed index columns ({@code
 * __index_level_0__}) are left out of Arrow reads of every column and read by a record only by
 * name; a named index is an ordinary column. pyarrow reads Ferry's Arrow IPC streams. Skipped, with
 * the reason, where pip cannot install pyarrow and pandas.
 */
@IntegrationTest
class PandasIndexTest {
  static final String WRITE_FRAMES =
      """
      import sys, os, pandas as pd, pyarrow as pa, pyarrow.parquet as pq
      root = sys.argv[1]
      for d in ("range", "named", "ipc"):
          os.makedirs(os.path.join(root, d), exist_ok=True)
      df = pd.DataFrame({"id": [10, 30, 20], "name": ["a", "b", "c"], "score": [0.5, 1.5, 2.5]})
      # a RangeIndex kept as a column, as with preserve_index=True
      df[["name", "score"]].to_parquet(os.path.join(root, "range", "00000"), index=True)
      # a named index: stored as the column "id" (an evenly spaced one would be a RangeIndex, stored
      # in the metadata only)
      df.set_index("id").to_parquet(os.path.join(root, "named", "00000"))
      # Arrow IPC stream of a frame with its RangeIndex
      t = pa.Table.from_pandas(df[["name", "score"]], preserve_index=True)
      with pa.OSFile(os.path.join(root, "ipc", "00000"), "wb") as f:
          with pa.ipc.new_stream(f, t.schema) as w:
              w.write_table(t)
      for d in ("range", "named"):
          s = pq.read_schema(os.path.join(root, d, "00000"))
          print(d, s.names, s.pandas_metadata["index_columns"])
      print("ipc", t.schema.names)
      """;

  static final String READ_IPC =
      """
      import sys, pyarrow as pa
      with pa.OSFile(sys.argv[1], "rb") as f:
          t = pa.ipc.open_stream(f).read_all()
      print(t.schema.names, t.num_rows)
      print(t.column("label").to_pylist()[:3], sum(t.column("id").to_pylist()))
      """;

  record Row(String name, double score) {}

  record WithIndex(long __index_level_0__, String name) {}

  record Named(long id, String name) {}

  record Item(long id, String label) {}

  static Path python;

  @TempDir Path tmp;
  private TransformContext ctx;
  private final TypeEngine engine = TypeEngine.createDefault();
  private final TypeRef<StructuredDataset> type = TypeRef.of(StructuredDataset.class);

  @BeforeAll
  static void python() {
    python = PythonEnv.require();
  }

  @BeforeEach
  void setUp() {
    ctx =
        DataPlane.of(
                BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of())),
                tmp.resolve("raw").toUri(),
                tmp.resolve("downloads"))
            .attach(TransformContext.at("inputs.df"));
  }

  private String py(String script, String arg) throws Exception {
    Path file = Files.writeString(tmp.resolve("script.py"), script);
    PythonEnv.Result r = PythonEnv.run(List.of(python.toString(), file.toString(), arg), 120);
    assertThat(r.ok()).as(r.output()).isTrue();
    return r.output();
  }

  private Path frames() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("frames"));
    assertThat(py(WRITE_FRAMES, root.toString()))
        .isEqualTo(
            String.join(
                "\n",
                "range ['name', 'score', '__index_level_0__'] ['__index_level_0__']",
                "named ['name', 'score', 'id'] ['id']",
                "ipc ['name', 'score', '__index_level_0__']"));
    return root;
  }

  private StructuredDataset dataset(Path dir, String format) {
    Literal literal = engine.toLiteral(StructuredDataset.of(dir.toUri(), format), type, ctx);
    return engine.toJava(literal, type, ctx);
  }

  private static List<String> allColumns(StructuredDataset ds) throws Exception {
    try (BufferAllocator allocator = new RootAllocator();
        ArrowBatches b = ds.openArrow(allocator, List.of(), 1024)) {
      assertThat(b.loadNextBatch()).isTrue();
      assertThat(b.root().getRowCount()).isEqualTo(3);
      return b.root().getSchema().getFields().stream().map(Field::getName).toList();
    }
  }

  @Test
  void rangeIndex_leftOutOfArrowReads_readByNameAsRecord() throws Exception {
    StructuredDataset ds = dataset(frames().resolve("range"), "parquet");
    assertThat(allColumns(ds)).containsExactly("name", "score");
    try (VectorSchemaRoot root = ds.read(new TypeRef<VectorSchemaRoot>() {})) {
      assertThat(root.getSchema().getFields())
          .extracting(Field::getName)
          .containsExactly("name", "score");
    }
    assertThat(ds.open(Row.class).all())
        .containsExactly(new Row("a", 0.5), new Row("b", 1.5), new Row("c", 2.5));
    assertThat(ds.open(WithIndex.class).all())
        .containsExactly(new WithIndex(0, "a"), new WithIndex(1, "b"), new WithIndex(2, "c"));
  }

  @Test
  void namedIndex_isAnOrdinaryColumn() throws Exception {
    StructuredDataset ds = dataset(frames().resolve("named"), "parquet");
    assertThat(allColumns(ds)).containsExactly("name", "score", "id");
    assertThat(ds.open(Named.class).all())
        .containsExactly(new Named(10, "a"), new Named(30, "b"), new Named(20, "c"));
  }

  @Test
  void ipcStreamFromPandas_indexLeftOut_rowsRead() throws Exception {
    StructuredDataset ds = dataset(frames().resolve("ipc"), "arrow");
    assertThat(allColumns(ds)).containsExactly("name", "score");
    try (ArrowReader reader = ds.read(new TypeRef<ArrowReader>() {})) {
      assertThat(reader.getVectorSchemaRoot().getSchema().getFields())
          .extracting(Field::getName)
          .containsExactly("name", "score");
      assertThat(reader.loadNextBatch()).isTrue();
      assertThat(reader.getVectorSchemaRoot().getRowCount()).isEqualTo(3);
    }
    assertThat(ds.open(WithIndex.class).all())
        .containsExactly(new WithIndex(0, "a"), new WithIndex(1, "b"), new WithIndex(2, "c"));
  }

  @Test
  void pyarrow_readsFerrysArrowIpcStream() throws Exception {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) {
      items.add(new Item(i, "L" + i));
    }
    Literal literal =
        engine.toLiteral(StructuredDataset.of(items, Item.class).withFormat("arrow"), type, ctx);
    Path dir = Path.of(URI.create(literal.getScalar().getStructuredDataset().getUri()));
    assertThat(py(READ_IPC, dir.resolve("00000").toString()))
        .isEqualTo(
            String.join(
                "\n", "['id', 'label'] 40000", "['L0', 'L1', 'L2'] " + (39_999L * 40_000 / 2)));
  }
}
