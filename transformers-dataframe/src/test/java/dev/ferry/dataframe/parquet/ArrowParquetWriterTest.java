package dev.ferry.dataframe.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.memory.MemoryBlobStore;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The column-wise writer: many rows (so columns are encoded in parallel), small pages and row
 * groups, every flat type with nulls, data pages V1 and V2; read back by both readers.
 */
@SuppressWarnings("deprecation") // PLAIN_DICTIONARY: what data page V1 files declare
class ArrowParquetWriterTest {
  private static final int ROWS = 50_000;
  private static final int BATCH = 20_000;

  static final Schema SCHEMA =
      new Schema(
          List.of(
              field("i64", new ArrowType.Int(64, true), true),
              field("i32", new ArrowType.Int(32, true), false),
              field("i16", new ArrowType.Int(16, true), true),
              field("i8", new ArrowType.Int(8, true), true),
              field("f64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), true),
              field("f32", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), true),
              field("flag", ArrowType.Bool.INSTANCE, true),
              field("name", ArrowType.Utf8.INSTANCE, true),
              field("few", ArrowType.Utf8.INSTANCE, false),
              field("bin", ArrowType.Binary.INSTANCE, true),
              field("at", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), true),
              field("day", new ArrowType.Date(DateUnit.DAY), true)));

  private final BufferAllocator allocator = new RootAllocator();
  private final MemoryBlobStore store = new MemoryBlobStore();
  private final URI uri = URI.create("memory://b/writer/00000");

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private static Field field(String name, ArrowType type, boolean nullable) {
    return new Field(name, new FieldType(nullable, type, null), null);
  }

  /** Fills rows {@code [from, from + n)} of the table into {@code root}. */
  static void fill(VectorSchemaRoot root, int from, int n) {
    root.allocateNew();
    for (int r = 0; r < n; r++) {
      int k = r;
      int i = from + k;
      long h = i * 0x9E3779B97F4A7C15L;
      set(root, 0, k, i % 7 != 0, v -> ((BigIntVector) v).setSafe(k, h));
      ((IntVector) root.getVector(1)).setSafe(k, i);
      set(root, 2, k, i % 5 != 0, v -> ((SmallIntVector) v).setSafe(k, (short) (h >>> 7)));
      set(root, 3, k, i % 3 != 0, v -> ((TinyIntVector) v).setSafe(k, (byte) (h >>> 9)));
      set(root, 4, k, i % 11 != 0, v -> ((Float8Vector) v).setSafe(k, h * 1e-9));
      set(root, 5, k, i % 13 != 0, v -> ((Float4Vector) v).setSafe(k, i * 0.5f));
      set(root, 6, k, i % 4 != 0, v -> ((BitVector) v).setSafe(k, (int) (h >>> 63)));
      set(
          root,
          7,
          k,
          i % 9 != 0,
          v ->
              ((VarCharVector) v)
                  .setSafe(k, ("n" + Long.toHexString(h)).getBytes(StandardCharsets.UTF_8)));
      ((VarCharVector) root.getVector(8))
          .setSafe(k, ("few" + i % 5).getBytes(StandardCharsets.UTF_8));
      set(root, 9, k, i % 6 != 0, v -> ((VarBinaryVector) v).setSafe(k, new byte[i % 4]));
      set(
          root,
          10,
          k,
          i % 2 != 0,
          v -> ((TimeStampMicroTZVector) v).setSafe(k, 1_700_000_000_000_000L + i));
      set(root, 11, k, i % 8 != 0, v -> ((DateDayVector) v).setSafe(k, 19_000 + i % 1000));
    }
    root.setRowCount(n);
  }

  private static void set(
      VectorSchemaRoot root,
      int column,
      int row,
      boolean present,
      java.util.function.Consumer<FieldVector> setter) {
    FieldVector v = root.getVector(column);
    if (present) {
      setter.accept(v);
    } else {
      v.setNull(row);
    }
  }

  private void write(WriterVersion version) throws IOException {
    ParquetOptions options =
        ParquetOptions.defaults().withPageSize(4096).withRowGroupSize(256 * 1024);
    try (ArrowParquetWriter w = ArrowParquetWriter.open(SCHEMA, store, uri, options, version);
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator)) {
      for (int from = 0; from < ROWS; from += BATCH) {
        fill(root, from, Math.min(BATCH, ROWS - from));
        w.write(root);
      }
      w.commit();
    }
  }

  private List<List<Object>> expected() {
    List<List<Object>> rows = new ArrayList<>();
    try (VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator)) {
      for (int from = 0; from < ROWS; from += BATCH) {
        fill(root, from, Math.min(BATCH, ROWS - from));
        rows.addAll(rowsOf(root));
      }
    }
    return rows;
  }

  private static List<List<Object>> rowsOf(VectorSchemaRoot root) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < root.getRowCount(); i++) {
      List<Object> row = new ArrayList<>();
      for (FieldVector v : root.getFieldVectors()) {
        Object o = v.getObject(i);
        row.add(
            o instanceof byte[] b ? java.util.Arrays.toString(b) : o == null ? null : o.toString());
      }
      rows.add(row);
    }
    return rows;
  }

  private List<List<Object>> read() throws IOException {
    List<List<Object>> rows = new ArrayList<>();
    try (ArrowParquetReader r = ArrowParquetReader.open(store, uri, allocator, List.of(), 7_000)) {
      while (r.loadNextBatch()) {
        rows.addAll(rowsOf(r.getVectorSchemaRoot()));
      }
    }
    return rows;
  }

  private List<List<Object>> readRecords() throws IOException {
    List<List<Object>> rows = new ArrayList<>();
    try (ParquetFileReader reader =
            ParquetFileReader.open(BlobInputFile.open(store, uri), ReadOptions.create());
        VectorSchemaRoot root =
            VectorSchemaRoot.create(
                ArrowSchemas.toArrow(reader.getFileMetaData().getSchema()), allocator)) {
      MessageType schema = reader.getFileMetaData().getSchema();
      RecordBatchLoader loader = new RecordBatchLoader(reader, schema, schema, root, uri, null);
      while (true) {
        root.clear();
        root.allocateNew();
        int n = loader.load(9_000);
        for (FieldVector v : root.getFieldVectors()) {
          v.setValueCount(n);
        }
        root.setRowCount(n);
        if (n == 0) {
          break;
        }
        rows.addAll(rowsOf(root));
      }
    }
    return rows;
  }

  @ParameterizedTest
  @EnumSource(WriterVersion.class)
  void write_manyRows_readBackByBothReaders(WriterVersion version) throws IOException {
    write(version);
    List<List<Object>> expected = expected();
    assertThat(read()).isEqualTo(expected);
    assertThat(readRecords()).isEqualTo(expected);
    try (ParquetFileReader reader =
        ParquetFileReader.open(BlobInputFile.open(store, uri), ReadOptions.create())) {
      List<BlockMetaData> blocks = reader.getFooter().getBlocks();
      assertThat(blocks).hasSizeGreaterThan(2);
      assertThat(blocks.stream().mapToLong(BlockMetaData::getRowCount).sum()).isEqualTo(ROWS);
      ColumnChunkMetaData few = blocks.get(0).getColumns().get(8);
      assertThat(few.getEncodings())
          .contains(
              version == WriterVersion.PARQUET_1_0
                  ? Encoding.PLAIN_DICTIONARY
                  : Encoding.RLE_DICTIONARY);
      ColumnChunkMetaData id = blocks.get(0).getColumns().get(1);
      Object min = id.getStatistics().genericGetMin(); // a raw Statistics: read as an Object
      assertThat(min).isEqualTo(0);
      assertThat(id.getValueCount()).isEqualTo(blocks.get(0).getRowCount());
    }
  }

  @Test
  void write_nullInNonNullableColumn_failsNamingColumnAndRow() throws IOException {
    try (ArrowParquetWriter w =
            ArrowParquetWriter.open(SCHEMA, store, uri, ParquetOptions.defaults());
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator)) {
      fill(root, 0, 20_000);
      root.getVector(1).setNull(12_345);
      assertThatThrownBy(() -> w.write(root))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("null in non-nullable arrow column 'i32' at row 12345");
      assertThatThrownBy(() -> w.write(root))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the writer failed and was aborted");
    }
    assertThat(store.size()).isZero();
  }
}
