package dev.ferry.dataframe.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.memory.MemoryBlobStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ArrowParquetTest {
  record Row(
      int id,
      long big,
      double price,
      Optional<String> name,
      boolean flag,
      Instant at,
      LocalDate day) {}

  static final Schema SCHEMA =
      new Schema(
          List.of(
              new Field("id", FieldType.notNullable(new ArrowType.Int(32, true)), null),
              new Field("big", FieldType.notNullable(new ArrowType.Int(64, true)), null),
              new Field(
                  "price",
                  FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                  null),
              new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
              new Field("flag", FieldType.notNullable(ArrowType.Bool.INSTANCE), null),
              new Field(
                  "at",
                  FieldType.notNullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
                  null),
              new Field("day", FieldType.notNullable(new ArrowType.Date(DateUnit.DAY)), null)));

  private final BufferAllocator allocator = new RootAllocator();
  private final MemoryBlobStore store = new MemoryBlobStore();
  private final URI uri = URI.create("memory://b/arrow/00000");

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  static Row row(int i) {
    return new Row(
        i,
        i * 1_000_000_007L,
        i * 0.5,
        i % 3 == 0 ? Optional.empty() : Optional.of("n" + i),
        i % 2 == 0,
        Instant.ofEpochSecond(1_700_000_000L + i, 123_456_000),
        LocalDate.ofEpochDay(19_000 + i));
  }

  private void fill(VectorSchemaRoot root, int from, int count) {
    root.allocateNew();
    for (int k = 0; k < count; k++) {
      Row r = row(from + k);
      ((IntVector) root.getVector("id")).setSafe(k, r.id());
      ((BigIntVector) root.getVector("big")).setSafe(k, r.big());
      ((Float8Vector) root.getVector("price")).setSafe(k, r.price());
      if (r.name().isPresent()) {
        ((VarCharVector) root.getVector("name"))
            .setSafe(k, r.name().get().getBytes(StandardCharsets.UTF_8));
      }
      ((BitVector) root.getVector("flag")).setSafe(k, r.flag() ? 1 : 0);
      ((TimeStampMicroTZVector) root.getVector("at")).setSafe(k, RowWriteSupport.micros(r.at()));
      ((DateDayVector) root.getVector("day")).setSafe(k, (int) r.day().toEpochDay());
    }
    root.setRowCount(count);
  }

  private void writeBatches(int batches, int size) throws Exception {
    try (VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        ArrowParquetWriter w =
            ArrowParquetWriter.open(SCHEMA, store, uri, ParquetOptions.defaults())) {
      for (int b = 0; b < batches; b++) {
        fill(root, b * size, size);
        w.write(root);
      }
      w.commit();
    }
  }

  @Test
  void arrowToParquet_readAsRecords() throws Exception {
    writeBatches(3, 100);
    List<Row> rows = ParquetRows.read(RowSchema.of(Row.class), store, uri);
    assertThat(rows).hasSize(300);
    for (int i = 0; i < 300; i++) {
      assertThat(rows.get(i)).isEqualTo(row(i));
    }
  }

  @Test
  void recordsToParquet_readAsArrowBatches() throws Exception {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      rows.add(row(i));
    }
    ParquetRows.write(rows, RowSchema.of(Row.class), store, uri, ParquetOptions.defaults());
    List<Integer> sizes = new ArrayList<>();
    int seen = 0;
    try (ArrowParquetReader r = ArrowParquetReader.open(store, uri, allocator, List.of(), 100)) {
      assertThat(r.getVectorSchemaRoot().getSchema()).isEqualTo(SCHEMA);
      while (r.loadNextBatch()) {
        VectorSchemaRoot root = r.getVectorSchemaRoot();
        sizes.add(root.getRowCount());
        for (int k = 0; k < root.getRowCount(); k++) {
          Row expected = row(seen++);
          assertThat(((IntVector) root.getVector("id")).get(k)).isEqualTo(expected.id());
          VarCharVector name = (VarCharVector) root.getVector("name");
          assertThat(
                  name.isNull(k)
                      ? Optional.<String>empty()
                      : Optional.of(new String(name.get(k), StandardCharsets.UTF_8)))
              .isEqualTo(expected.name());
          assertThat(((TimeStampMicroTZVector) root.getVector("at")).get(k))
              .isEqualTo(RowWriteSupport.micros(expected.at()));
        }
      }
    }
    assertThat(sizes).containsExactly(100, 100, 50);
  }

  @Test
  void arrowRead_projection() throws Exception {
    writeBatches(1, 10);
    try (ArrowParquetReader r =
        ArrowParquetReader.open(store, uri, allocator, List.of("price", "id"), 1000)) {
      assertThat(r.loadNextBatch()).isTrue();
      VectorSchemaRoot root = r.getVectorSchemaRoot();
      assertThat(root.getSchema().getFields())
          .extracting(Field::getName)
          .containsExactly("price", "id");
      assertThat(((Float8Vector) root.getVector("price")).get(9)).isEqualTo(4.5);
      assertThat(r.loadNextBatch()).isFalse();
    }
  }

  @Test
  void arrowRead_unknownColumn_namesColumns() throws Exception {
    writeBatches(1, 1);
    assertThatThrownBy(() -> ArrowParquetReader.open(store, uri, allocator, List.of("nope"), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no column 'nope' in memory://b/arrow/00000 (it has [id, big, price, name, flag, at,"
                + " day])");
  }

  @Test
  void arrowWrite_unsupportedType_fails() {
    Schema s =
        new Schema(
            List.of(new Field("u", FieldType.notNullable(new ArrowType.Int(32, false)), null)));
    assertThatThrownBy(() -> ArrowSchemas.toParquet(s))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageStartingWith("arrow column 'u' of type Int(32, false) is not supported");
  }
}
