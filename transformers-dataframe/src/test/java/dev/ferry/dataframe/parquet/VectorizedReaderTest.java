package dev.ferry.dataframe.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.ReadOptions;
import dev.ferry.blob.WriteOptions;
import dev.ferry.blob.memory.MemoryBlobStore;
import dev.ferry.dataframe.parquet.TestParquetFiles.Settings;
import dev.ferry.dataframe.testing.PythonEnv;
import dev.ferry.testdata.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vectorized page decoder against parquet-java's record API on the same files: every flat type,
 * nulls, dictionary pages falling back to PLAIN, many pages and row groups, batches spanning them,
 * projections, data page V1 and V2, files written by pyarrow, and corrupt pages.
 */
@SuppressWarnings("deprecation") // PLAIN_DICTIONARY: what data page V1 files declare
class VectorizedReaderTest {
  private static final int ROWS = 5000;
  private static final MessageType SCHEMA =
      Types.buildMessage()
          .addField(Types.optional(PrimitiveTypeName.INT32).named("i32"))
          .addField(
              Types.optional(PrimitiveTypeName.INT32)
                  .as(LogicalTypeAnnotation.intType(16, true))
                  .named("i16"))
          .addField(
              Types.optional(PrimitiveTypeName.INT32)
                  .as(LogicalTypeAnnotation.intType(8, true))
                  .named("i8"))
          .addField(Types.optional(PrimitiveTypeName.INT64).named("i64"))
          .addField(Types.required(PrimitiveTypeName.INT64).named("req_i64"))
          .addField(
              Types.optional(PrimitiveTypeName.INT32)
                  .as(LogicalTypeAnnotation.dateType())
                  .named("day"))
          .addField(
              Types.optional(PrimitiveTypeName.INT64)
                  .as(
                      LogicalTypeAnnotation.timestampType(
                          false, LogicalTypeAnnotation.TimeUnit.MICROS))
                  .named("ts_us"))
          .addField(
              Types.optional(PrimitiveTypeName.INT64)
                  .as(
                      LogicalTypeAnnotation.timestampType(
                          true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                  .named("ts_ms"))
          .addField(
              Types.required(PrimitiveTypeName.INT64)
                  .as(
                      LogicalTypeAnnotation.timestampType(
                          true, LogicalTypeAnnotation.TimeUnit.NANOS))
                  .named("ts_ns"))
          .addField(Types.optional(PrimitiveTypeName.FLOAT).named("f32"))
          .addField(Types.optional(PrimitiveTypeName.DOUBLE).named("f64"))
          .addField(Types.optional(PrimitiveTypeName.BOOLEAN).named("flag"))
          .addField(Types.required(PrimitiveTypeName.BOOLEAN).named("req_flag"))
          .addField(
              Types.optional(PrimitiveTypeName.BINARY)
                  .as(LogicalTypeAnnotation.stringType())
                  .named("unique"))
          .addField(
              Types.optional(PrimitiveTypeName.BINARY)
                  .as(LogicalTypeAnnotation.stringType())
                  .named("few"))
          .addField(
              Types.required(PrimitiveTypeName.BINARY)
                  .as(LogicalTypeAnnotation.stringType())
                  .named("req_str"))
          .addField(Types.optional(PrimitiveTypeName.BINARY).named("bin"))
          .addField(Types.optional(PrimitiveTypeName.INT32).named("all_null"))
          .named("t");

  private final BufferAllocator allocator = new RootAllocator();
  private final MemoryBlobStore store = new MemoryBlobStore();
  private final URI uri = URI.create("memory://b/vectorized/00000");

  @TempDir Path tmp;

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  /**
   * Returns row {@code i}: nulls in every optional column at its own rhythm; "unique" repeats ten
   * values for 1500 rows (dictionary pages) and then never repeats (the dictionary overflows and
   * the writer falls back to PLAIN pages).
   */
  static Object[] row(int i) {
    long h = i * 0x9E3779B97F4A7C15L;
    return new Object[] {
      i % 7 == 0 ? null : (int) h,
      i % 5 == 0 ? null : (short) (h >>> 20),
      i % 3 == 0 ? null : (byte) (h >>> 40),
      i % 11 == 0 ? null : h,
      (long) i * 1_000_003L,
      i % 13 == 0 ? null : 19_000 + i % 400,
      i % 2 == 0 ? null : 1_700_000_000_000_000L + h % 1_000_000_000L,
      i % 17 == 0 ? null : -5_000L + i * 37L,
      1_700_000_000_000_000_000L + i * 1_234_567L - (i % 2) * 999,
      i % 19 == 0 ? null : (float) (i * 0.25),
      i % 23 == 0 ? null : i % 50 == 0 ? Double.NaN : h * 1e-9,
      i % 4 == 0 ? null : (h & 1) == 0,
      i % 3 == 1,
      i % 9 == 0 ? null : i < 1500 ? "u-rep" + i % 10 : "u" + Long.toHexString(h) + "-" + i,
      i % 10 < 3 ? null : "few" + i % 6,
      i % 41 == 0 ? "" : "req" + i % 97,
      i % 6 == 0 ? null : new byte[] {(byte) i, (byte) (i >>> 8), 0, -1},
      null
    };
  }

  static List<Object[]> rows(int n) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(row(i));
    }
    return rows;
  }

  static Stream<Arguments> settings() {
    List<Arguments> out = new ArrayList<>();
    for (WriterVersion v : WriterVersion.values()) {
      for (CompressionCodecName c :
          List.of(CompressionCodecName.SNAPPY, CompressionCodecName.UNCOMPRESSED)) {
        for (boolean dict : List.of(true, false)) {
          out.add(
              Arguments.of(new Settings(v, c, dict, 1024, 2048, 24 * 1024), List.of(1, 700, 9999)));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("settings")
  void load_everyFlatType_matchesRecordApi(Settings s, List<Integer> batchSizes)
      throws IOException {
    TestParquetFiles.write(store, uri, SCHEMA, rows(ROWS), s);
    assertThat(rowGroups()).isGreaterThan(1);
    for (int batch : batchSizes) {
      List<List<Object>> vectorized = read(true, List.of(), batch);
      assertThat(vectorized).hasSize(ROWS);
      assertThat(vectorized).isEqualTo(read(false, List.of(), batch));
    }
  }

  @ParameterizedTest
  @EnumSource(WriterVersion.class)
  void load_largeRowGroup_columnsDecodedInParallel_matchRecordApi(WriterVersion version)
      throws IOException {
    int rows = 40_000;
    Settings s = new Settings(version, CompressionCodecName.SNAPPY, true, 8192, 16 * 1024, 1 << 26);
    TestParquetFiles.write(store, uri, SCHEMA, rows(rows), s);
    assertThat(rowGroups()).isEqualTo(1);
    List<List<Object>> vectorized = read(true, List.of(), 30_000);
    assertThat(vectorized).hasSize(rows);
    assertThat(vectorized).isEqualTo(read(false, List.of(), 30_000));
  }

  @Test
  void load_dictionaryFallsBackToPlain_matchesRecordApi() throws IOException {
    Settings s =
        new Settings(
            WriterVersion.PARQUET_1_0, CompressionCodecName.SNAPPY, true, 1024, 16 * 1024, 1 << 20);
    TestParquetFiles.write(store, uri, SCHEMA, rows(ROWS), s);
    Set<Encoding> unique = encodings("unique");
    assertThat(unique).contains(Encoding.PLAIN_DICTIONARY, Encoding.PLAIN);
    assertThat(encodings("few")).contains(Encoding.PLAIN_DICTIONARY).doesNotContain(Encoding.PLAIN);
    List<List<Object>> vectorized = read(true, List.of(), 4096);
    assertThat(vectorized).isEqualTo(read(false, List.of(), 4096));
    assertThat(vectorized.get(ROWS - 1).get(13).toString()).endsWith("-" + (ROWS - 1));
  }

  @Test
  void load_valuesAsWritten() throws IOException {
    TestParquetFiles.write(
        store,
        uri,
        SCHEMA,
        rows(300),
        Settings.small(WriterVersion.PARQUET_2_0, CompressionCodecName.SNAPPY));
    List<List<Object>> rows = read(true, List.of(), 128);
    for (int i = 0; i < 300; i++) {
      Object[] w = row(i);
      List<Object> r = rows.get(i);
      assertThat(r.get(0)).isEqualTo(w[0]);
      assertThat(r.get(1)).isEqualTo(w[1]);
      assertThat(r.get(2)).isEqualTo(w[2]);
      assertThat(r.get(3)).isEqualTo(w[3]);
      assertThat(r.get(4)).isEqualTo(w[4]);
      assertThat(r.get(7)).isEqualTo(w[7] == null ? null : (Long) w[7] * 1000);
      assertThat(r.get(8)).isEqualTo(Math.floorDiv((Long) w[8], 1000L));
      assertThat(r.get(9)).isEqualTo(w[9]);
      assertThat(r.get(10)).isEqualTo(w[10]);
      assertThat(r.get(11)).isEqualTo(w[11]);
      assertThat(r.get(12)).isEqualTo(w[12]);
      assertThat(r.get(13) == null ? null : r.get(13).toString()).isEqualTo(w[13]);
      assertThat(r.get(15).toString()).isEqualTo(w[15]);
      assertThat(r.get(16) == null ? null : r.get(16).toString())
          .isEqualTo(w[16] == null ? null : Arrays.toString((byte[]) w[16]));
      assertThat(r.get(17)).isNull();
    }
  }

  @Test
  void load_projection_readsOnlyTheRequestedColumnsInOrder() throws IOException {
    TestParquetFiles.write(
        store,
        uri,
        SCHEMA,
        rows(ROWS),
        Settings.small(WriterVersion.PARQUET_1_0, CompressionCodecName.SNAPPY));
    List<String> columns = List.of("unique", "i64", "flag");
    List<List<Object>> vectorized = read(true, columns, 1000);
    assertThat(vectorized).isEqualTo(read(false, columns, 1000));
    assertThat(vectorized.get(1)).hasSize(3);
    assertThat(vectorized.get(1).get(1)).isEqualTo(row(1)[3]);
  }

  @Test
  void open_flatColumns_decodePagesDirectly() throws IOException {
    TestParquetFiles.write(
        store,
        uri,
        SCHEMA,
        rows(10),
        Settings.small(WriterVersion.PARQUET_1_0, CompressionCodecName.SNAPPY));
    try (ParquetFileReader reader = fileReader()) {
      assertThat(VectorizedReader.supports(reader.getFileMetaData().getSchema())).isTrue();
    }
    MessageType int96 =
        Types.buildMessage()
            .addField(Types.optional(PrimitiveTypeName.INT96).named("t"))
            .named("m");
    assertThat(VectorizedReader.supports(int96)).isFalse();
    MessageType nested =
        Types.buildMessage()
            .addField(
                Types.optionalGroup()
                    .addField(Types.optional(PrimitiveTypeName.INT32).named("x"))
                    .named("g"))
            .named("m");
    assertThat(VectorizedReader.supports(nested)).isFalse();
  }

  @Test
  void load_emptyFile_hasNoBatches() throws IOException {
    TestParquetFiles.write(
        store,
        uri,
        SCHEMA,
        List.of(),
        Settings.small(WriterVersion.PARQUET_1_0, CompressionCodecName.SNAPPY));
    assertThat(read(true, List.of(), 10)).isEmpty();
  }

  @Test
  void load_corruptValueLength_namesFileAndColumn() throws IOException {
    MessageType schema =
        Types.buildMessage()
            .addField(Types.required(PrimitiveTypeName.INT64).named("id"))
            .addField(
                Types.required(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType())
                    .named("name"))
            .named("m");
    List<Object[]> rows =
        List.<Object[]>of(
            new Object[] {1L, "hello"}, new Object[] {2L, "world"}, new Object[] {3L, "again"});
    TestParquetFiles.write(
        store,
        uri,
        schema,
        rows,
        new Settings(
            WriterVersion.PARQUET_1_0, CompressionCodecName.UNCOMPRESSED, false, 1024, 1024, 1024));
    byte[] file = bytes();
    byte[] first = {5, 0, 0, 0, 'h', 'e', 'l', 'l', 'o'};
    int at = indexOf(file, first);
    assertThat(at).isPositive();
    file[at] = (byte) 0xFF;
    file[at + 1] = (byte) 0xFF;
    file[at + 2] = (byte) 0xFF;
    file[at + 3] = (byte) 0x7F;
    put(file);
    assertThatThrownBy(() -> read(true, List.of(), 10))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "cannot decode a parquet page of column 'name' in memory://b/vectorized/00000:"
                + " a PLAIN value of 2147483647 bytes where 23 are left");
  }

  @Test
  void load_dictionaryIndexOutOfRange_namesFileAndColumn() throws IOException {
    MessageType schema =
        Types.buildMessage()
            .addField(
                Types.required(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType())
                    .named("name"))
            .named("m");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      rows.add(new Object[] {i % 2 == 0 ? "even" : "odd"});
    }
    TestParquetFiles.write(
        store,
        uri,
        schema,
        rows,
        new Settings(
            WriterVersion.PARQUET_1_0, CompressionCodecName.UNCOMPRESSED, true, 1024, 1024, 1024));
    byte[] file = bytes();
    // the data page: bit width 1, then one bit-packed run of 2 groups: 0,1,0,1,... = 0xAA 0xAA
    byte[] indices = {1, 5, (byte) 0xAA, (byte) 0xAA};
    int at = indexOf(file, indices);
    assertThat(at).isPositive();
    // now bit width 8 and an RLE run of 16 times index 170
    file[at] = 8;
    file[at + 1] = 32;
    put(file);
    assertThatThrownBy(() -> read(true, List.of(), 100))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "cannot decode a parquet page of column 'name' in memory://b/vectorized/00000:"
                + " dictionary index 170 of a dictionary of 2 values");
  }

  @Test
  @IntegrationTest // needs Python with pyarrow
  void load_filesWrittenByPyarrow_matchRecordApi() throws Exception {
    Path python = PythonEnv.require();
    Path script = tmp.resolve("write.py");
    Files.writeString(
        script,
        """
        import sys, datetime
        import pyarrow as pa, pyarrow.parquet as pq
        n = 3000
        def opt(f, k):
            return [None if i % k == 0 else f(i) for i in range(n)]
        t = pa.table({
            'i8': pa.array(opt(lambda i: i % 100 - 50, 7), pa.int8()),
            'i16': pa.array(opt(lambda i: i * 7 % 30000, 5), pa.int16()),
            'i32': pa.array(opt(lambda i: i * 7919, 3), pa.int32()),
            'i64': pa.array(opt(lambda i: i * 1000000007, 11), pa.int64()),
            'f32': pa.array(opt(lambda i: i / 4, 13), pa.float32()),
            'f64': pa.array(opt(lambda i: i / 3, 17), pa.float64()),
            'flag': pa.array(opt(lambda i: i % 3 == 0, 4), pa.bool_()),
            's': pa.array(opt(lambda i: 'value-%d' % (i * 31), 9), pa.string()),
            'few': pa.array(opt(lambda i: 'k%d' % (i % 5), 6), pa.string()),
            'b': pa.array(opt(lambda i: bytes([i % 256, 7]), 8), pa.binary()),
            'day': pa.array(opt(lambda i: datetime.date(2020, 1, 1)
                + datetime.timedelta(days=i), 10), pa.date32()),
            'ts': pa.array(opt(lambda i: 1700000000000000 + i * 1001, 12),
                pa.timestamp('us', tz='UTC')),
            'ts_ms': pa.array(opt(lambda i: 1700000000000 + i, 14), pa.timestamp('ms')),
        })
        for name, kw in [
            ('v1.parquet', dict(data_page_version='1.0')),
            ('v2.parquet', dict(data_page_version='2.0')),
            ('plain.parquet', dict(use_dictionary=False, compression='zstd')),
            ('small.parquet', dict(data_page_size=512, row_group_size=700,
                dictionary_pagesize_limit=256, data_page_version='2.0')),
        ]:
            pq.write_table(t, sys.argv[1] + '/' + name, **kw)
        """);
    PythonEnv.Result r =
        PythonEnv.run(List.of(python.toString(), script.toString(), tmp.toString()), 300);
    assertThat(r.ok()).as(r.output()).isTrue();
    for (String name : List.of("v1.parquet", "v2.parquet", "plain.parquet", "small.parquet")) {
      put(Files.readAllBytes(tmp.resolve(name)));
      List<List<Object>> vectorized = read(true, List.of(), 1000);
      assertThat(vectorized).as(name).hasSize(3000);
      assertThat(vectorized).as(name).isEqualTo(read(false, List.of(), 1000));
      assertThat(vectorized.get(1).get(7).toString()).as(name).isEqualTo("value-31");
      assertThat(vectorized.get(9).get(7)).as(name).isNull();
    }
  }

  private List<List<Object>> read(boolean vectorized, List<String> columns, int batchSize)
      throws IOException {
    List<List<Object>> out = new ArrayList<>();
    try (ParquetFileReader reader = fileReader()) {
      MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
      MessageType requested = fileSchema;
      if (!columns.isEmpty()) {
        List<Type> fields = new ArrayList<>();
        for (String c : columns) {
          fields.add(fileSchema.getType(c));
        }
        requested = new MessageType(fileSchema.getName(), fields);
      }
      reader.setRequestedSchema(requested);
      try (VectorSchemaRoot root =
          VectorSchemaRoot.create(ArrowSchemas.toArrow(requested), allocator)) {
        BatchLoader loader =
            vectorized
                ? new VectorizedReader(
                    reader, requested, root, uri, ColumnExecution.defaults().tasks(), null)
                : new RecordBatchLoader(reader, requested, fileSchema, root, uri, null);
        while (true) {
          root.clear();
          root.allocateNew();
          int n = loader.load(batchSize);
          for (FieldVector v : root.getFieldVectors()) {
            v.setValueCount(n);
          }
          root.setRowCount(n);
          if (n == 0) {
            break;
          }
          assertThat(n).isLessThanOrEqualTo(batchSize);
          for (int i = 0; i < n; i++) {
            List<Object> row = new ArrayList<>();
            for (FieldVector v : root.getFieldVectors()) {
              Object o = v.getObject(i);
              row.add(o instanceof byte[] b ? new Bytes(b) : o == null ? null : normal(o));
            }
            out.add(row);
          }
        }
      }
    }
    return out;
  }

  /** Arrow's Text and byte arrays compared by content. */
  private static Object normal(Object o) {
    return o instanceof org.apache.arrow.vector.util.Text t ? t.toString() : o;
  }

  /** A byte array with value equality; {@code toString} for messages. */
  private record Bytes(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return Arrays.toString(bytes);
    }
  }

  private ParquetFileReader fileReader() throws IOException {
    return ParquetFileReader.open(
        BlobInputFile.open(store, uri), dev.ferry.dataframe.parquet.ReadOptions.create());
  }

  private int rowGroups() throws IOException {
    try (ParquetFileReader reader = fileReader()) {
      return reader.getFooter().getBlocks().size();
    }
  }

  private Set<Encoding> encodings(String column) throws IOException {
    Set<Encoding> out = new HashSet<>();
    try (ParquetFileReader reader = fileReader()) {
      for (BlockMetaData b : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData c : b.getColumns()) {
          if (c.getPath().toDotString().equals(column)) {
            out.addAll(c.getEncodings());
          }
        }
      }
    }
    return out;
  }

  private byte[] bytes() throws IOException {
    try (InputStream in = store.open(uri, ReadOptions.defaults())) {
      return in.readAllBytes();
    }
  }

  private void put(byte[] file) throws IOException {
    try (BlobOutputStream out = store.create(uri, WriteOptions.defaults())) {
      out.write(file);
      out.commit();
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
