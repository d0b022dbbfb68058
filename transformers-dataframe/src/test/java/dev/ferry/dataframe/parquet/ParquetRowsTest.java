package dev.ferry.dataframe.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobStore;
import dev.ferry.blob.file.FileBlobStore;
import dev.ferry.blob.memory.MemoryBlobStore;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.TypeDefinitionException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParquetRowsTest {
  record AllTypes(
      byte i8,
      short i16,
      int i32,
      long i64,
      float f32,
      double f64,
      boolean flag,
      String text,
      byte[] bytes,
      Instant at,
      LocalDate day,
      Optional<Long> maybeLong,
      @Nullable String maybeText) {
    @Override
    public boolean equals(Object o) {
      return o instanceof AllTypes a
          && a.i8 == i8
          && a.i16 == i16
          && a.i32 == i32
          && a.i64 == i64
          && Float.compare(a.f32, f32) == 0
          && Double.compare(a.f64, f64) == 0
          && a.flag == flag
          && a.text.equals(text)
          && Arrays.equals(a.bytes, bytes)
          && a.at.equals(at)
          && a.day.equals(day)
          && a.maybeLong.equals(maybeLong)
          && java.util.Objects.equals(a.maybeText, maybeText);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(i64);
    }
  }

  record Narrow(String text, long i64) {}

  record Missing(String text, String nope) {}

  record MissingNullable(String text, Optional<String> nope, @Nullable Long alsoNope) {}

  record AsByte(byte i64) {}

  record NotNullLong(Long maybeLong) {}

  record Unsupported(java.util.Map<String, Long> tags) {}

  static AllTypes row(int i) {
    return new AllTypes(
        (byte) (i % 128),
        (short) (i * 3),
        i * 1000,
        i * 1_000_000_000L,
        i / 4f,
        i / 3.0,
        i % 2 == 0,
        "row-" + (i % 7),
        ("b" + i).getBytes(StandardCharsets.UTF_8),
        Instant.parse("2024-05-06T07:08:09.123456Z").plusSeconds(i),
        LocalDate.of(2024, 1, 1).plusDays(i),
        i % 3 == 0 ? Optional.empty() : Optional.of((long) -i),
        i % 5 == 0 ? null : "t" + i);
  }

  static List<AllTypes> rows(int n) {
    return IntStream.range(0, n).mapToObj(ParquetRowsTest::row).toList();
  }

  private final MemoryBlobStore memory = new MemoryBlobStore();
  private final URI uri = URI.create("memory://bucket/ds/00000");

  @Test
  void roundTrip_everyColumnType() throws IOException {
    List<AllTypes> rows = rows(100);
    ParquetRows.write(rows, RowSchema.of(AllTypes.class), memory, uri, ParquetOptions.defaults());
    assertThat(ParquetRows.read(RowSchema.of(AllTypes.class), memory, uri)).isEqualTo(rows);
  }

  @Test
  void roundTrip_fileStore(@TempDir Path dir) throws IOException {
    FileBlobStore store = new FileBlobStore();
    URI file = dir.resolve("ds/00000").toUri();
    List<AllTypes> rows = rows(10);
    ParquetRows.write(rows, RowSchema.of(AllTypes.class), store, file, ParquetOptions.defaults());
    assertThat(ParquetRows.read(RowSchema.of(AllTypes.class), store, file)).isEqualTo(rows);
  }

  @Test
  void roundTrip_empty() throws IOException {
    ParquetRows.write(
        List.<AllTypes>of(), RowSchema.of(AllTypes.class), memory, uri, ParquetOptions.defaults());
    assertThat(ParquetRows.read(RowSchema.of(AllTypes.class), memory, uri)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(ParquetOptions.Compression.class)
  void write_compression(ParquetOptions.Compression compression) throws IOException {
    List<AllTypes> rows = rows(500);
    ParquetRows.write(
        rows,
        RowSchema.of(AllTypes.class),
        memory,
        uri,
        ParquetOptions.defaults().withCompression(compression));
    ParquetMetadata footer = footer(memory, uri);
    for (ColumnChunkMetaData c : footer.getBlocks().get(0).getColumns()) {
      assertThat(c.getCodec()).isEqualTo(CompressionCodecName.valueOf(compression.name()));
    }
    assertThat(ParquetRows.read(RowSchema.of(AllTypes.class), memory, uri)).isEqualTo(rows);
  }

  @Test
  void write_schemaAndStatistics() throws IOException {
    ParquetRows.write(
        rows(50), RowSchema.of(AllTypes.class), memory, uri, ParquetOptions.defaults());
    ParquetMetadata footer = footer(memory, uri);
    assertThat(footer.getFileMetaData().getSchema().toString())
        .contains("required int32 i8 (INTEGER(8,true))")
        .contains("required int64 at (TIMESTAMP(MICROS,true))")
        .contains("required int32 day (DATE)")
        .contains("required binary text (STRING)")
        .contains("optional int64 maybeLong")
        .contains("optional binary maybeText (STRING)");
    ColumnChunkMetaData i64 = column(footer.getBlocks().get(0), "i64");
    assertThat((Long) i64.getStatistics().genericGetMin()).isEqualTo(0L);
    assertThat((Long) i64.getStatistics().genericGetMax()).isEqualTo(49_000_000_000L);
    ColumnChunkMetaData maybeText = column(footer.getBlocks().get(0), "maybeText");
    assertThat(maybeText.getStatistics().getNumNulls()).isEqualTo(10);
    ColumnChunkMetaData text = column(footer.getBlocks().get(0), "text");
    assertThat(text.hasDictionaryPage()).isTrue();
  }

  @Test
  void write_dictionaryOff() throws IOException {
    ParquetRows.write(
        rows(50),
        RowSchema.of(AllTypes.class),
        memory,
        uri,
        ParquetOptions.defaults().withDictionary(false));
    assertThat(column(footer(memory, uri).getBlocks().get(0), "text").hasDictionaryPage())
        .isFalse();
  }

  @Test
  void write_smallRowGroups_streamsSeveral() throws IOException {
    List<AllTypes> rows = rows(20_000);
    ParquetRows.write(
        rows,
        RowSchema.of(AllTypes.class),
        memory,
        uri,
        ParquetOptions.defaults().withRowGroupSize(64 * 1024).withPageSize(8 * 1024));
    assertThat(footer(memory, uri).getBlocks()).hasSizeGreaterThan(3);
    assertThat(ParquetRows.read(RowSchema.of(AllTypes.class), memory, uri)).isEqualTo(rows);
  }

  @Test
  void read_projection_requestsOnlyDeclaredColumns() throws IOException {
    ParquetRows.write(
        rows(30), RowSchema.of(AllTypes.class), memory, uri, ParquetOptions.defaults());
    RowMaterializer<Narrow> m =
        RowMaterializer.project(
            RowSchema.of(Narrow.class), footer(memory, uri).getFileMetaData().getSchema());
    assertThat(m.requested().getFields().stream().map(f -> f.getName()))
        .containsExactly("text", "i64");
    List<Narrow> narrow = ParquetRows.read(RowSchema.of(Narrow.class), memory, uri);
    assertThat(narrow).hasSize(30);
    assertThat(narrow.get(7)).isEqualTo(new Narrow("row-0", 7_000_000_000L));
  }

  @Test
  void read_projection_skipsBytesOfOtherColumns() throws IOException {
    record Wide(long id, String payload) {}
    record IdOnly(long id) {}
    List<Wide> rows = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      rows.add(new Wide(i, "x".repeat(500) + i));
    }
    ParquetRows.write(
        rows,
        RowSchema.of(Wide.class),
        memory,
        uri,
        ParquetOptions.defaults().withCompression(ParquetOptions.Compression.UNCOMPRESSED));
    CountingStore counting = new CountingStore(memory);
    List<IdOnly> ids = ParquetRows.read(RowSchema.of(IdOnly.class), counting, uri);
    assertThat(ids).hasSize(2000);
    long size = memory.stat(uri).orElseThrow().size();
    assertThat(size).isGreaterThan(1_000_000);
    assertThat(counting.bytesRead).isLessThan(size / 10);
  }

  @Test
  void read_missingNullableColumns_areEmpty() throws IOException {
    ParquetRows.write(
        rows(3), RowSchema.of(AllTypes.class), memory, uri, ParquetOptions.defaults());
    assertThat(ParquetRows.read(RowSchema.of(MissingNullable.class), memory, uri))
        .containsExactly(
            new MissingNullable("row-0", Optional.empty(), null),
            new MissingNullable("row-1", Optional.empty(), null),
            new MissingNullable("row-2", Optional.empty(), null));
  }

  @Test
  void read_missingColumn_namesFileColumns() throws IOException {
    ParquetRows.write(
        List.of(new Narrow("a", 1)),
        RowSchema.of(Narrow.class),
        memory,
        uri,
        ParquetOptions.defaults());
    assertThatThrownBy(() -> ParquetRows.read(RowSchema.of(Missing.class), memory, uri))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a column 'nope' but was none (the file has [text, i64]) at <root>");
  }

  @Test
  void read_valueOutOfRange_namesRow() throws IOException {
    ParquetRows.write(
        List.of(new Narrow("a", 1), new Narrow("b", 300)),
        RowSchema.of(Narrow.class),
        memory,
        uri,
        ParquetOptions.defaults());
    record I64AsByte(String text, byte i64) {}
    assertThatThrownBy(() -> ParquetRows.read(RowSchema.of(I64AsByte.class), memory, uri))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a value of column 'i64' that fits byte but was '300' at [1]");
  }

  @Test
  void read_nullIntoRequiredComponent_fails() throws IOException {
    ParquetRows.write(
        rows(2), RowSchema.of(AllTypes.class), memory, uri, ParquetOptions.defaults());
    assertThatThrownBy(() -> ParquetRows.read(RowSchema.of(NotNullLong.class), memory, uri))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected a value in column 'maybeLong' but was null (make the component Optional or"
                + " @Nullable) at [0]");
  }

  @Test
  void read_incompatibleColumn_fails() throws IOException {
    ParquetRows.write(
        rows(2), RowSchema.of(AllTypes.class), memory, uri, ParquetOptions.defaults());
    record TextAsLong(long text) {}
    assertThatThrownBy(() -> ParquetRows.read(RowSchema.of(TextAsLong.class), memory, uri))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected a column 'text' readable as long but was 'required binary text (STRING)'"
                + " at <root>");
  }

  @Test
  void write_nullIntoRequiredColumn_abortsFile() throws IOException {
    @NullUnmarked // the test passes null to a component the schema requires
    record Req(String text) {}
    List<Req> rows = Arrays.asList(new Req("a"), new Req(null));
    assertThatThrownBy(
            () ->
                ParquetRows.write(
                    rows, RowSchema.of(Req.class), memory, uri, ParquetOptions.defaults()))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected a value in column 'text' (make the component Optional or @Nullable) but"
                + " was null at [1]");
    assertThat(memory.exists(uri)).isFalse();
  }

  @Test
  void schema_unsupportedComponent_suggestsTypes() {
    assertThatThrownBy(() -> RowSchema.of(Unsupported.class))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessageContaining("component 'tags' of record")
        .hasMessageContaining("which a dataset column cannot hold: use byte, short, int, long");
  }

  @Test
  void noHadoopOnTheClassPath() {
    assertThatThrownBy(() -> Class.forName("org.apache.hadoop.conf.Configuration"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  private static ColumnChunkMetaData column(BlockMetaData block, String name) {
    return block.getColumns().stream()
        .filter(c -> c.getPath().toDotString().equals(name))
        .findFirst()
        .orElseThrow();
  }

  static ParquetMetadata footer(BlobStore store, URI uri) throws IOException {
    try (ParquetFileReader r =
        ParquetFileReader.open(BlobInputFile.open(store, uri), ReadOptions.create())) {
      return r.getFooter();
    }
  }
}
