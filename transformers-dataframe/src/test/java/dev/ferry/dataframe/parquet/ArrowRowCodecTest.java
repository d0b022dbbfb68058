package dev.ferry.dataframe.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Records to Arrow batches and back through the record API's converters, with no file between. */
class ArrowRowCodecTest {
  record Point(double x, double y) {}

  record Row(
      String name,
      @DecimalColumn(precision = 9, scale = 2) BigDecimal amount,
      List<List<Integer>> grid,
      Optional<Point> at,
      @Nullable Long count) {}

  record Few(Optional<Point> at, String name) {}

  record Missing(String name, long absent) {}

  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void close() {
    allocator.close();
  }

  private static final List<Row> ROWS =
      List.of(
          new Row(
              "a", new BigDecimal("1.50"), List.of(List.of(1, 2), List.of()), Optional.empty(), 7L),
          new Row("b", new BigDecimal("-3.25"), List.of(), Optional.of(new Point(1, 2)), null));

  @Test
  void fillThenRead_roundTrips() {
    ArrowRowCodec<Row> codec = ArrowRowCodec.of(RowSchema.of(Row.class));
    try (VectorSchemaRoot root = VectorSchemaRoot.create(codec.arrowSchema(), allocator)) {
      codec.fill(root, ROWS);
      assertThat(root.getRowCount()).isEqualTo(2);
      assertThat(root.getSchema().getFields())
          .extracting(Field::getName)
          .containsExactly("name", "amount", "grid", "at", "count");
      ArrowRowCodec.Reader<Row> reader = codec.reader(root.getSchema());
      assertThat(List.of(reader.row(root, 0), reader.row(root, 1))).isEqualTo(ROWS);
      codec.fill(root, ROWS.subList(1, 2)); // a root is refilled, not appended to
      assertThat(root.getRowCount()).isEqualTo(1);
      assertThat(reader.row(root, 0)).isEqualTo(ROWS.get(1));
    }
  }

  @Test
  void read_fewerColumnsInAnotherOrder_skipsTheRest() {
    ArrowRowCodec<Row> codec = ArrowRowCodec.of(RowSchema.of(Row.class));
    try (VectorSchemaRoot root = VectorSchemaRoot.create(codec.arrowSchema(), allocator)) {
      codec.fill(root, ROWS);
      ArrowRowCodec.Reader<Few> reader =
          ArrowRowCodec.of(RowSchema.of(Few.class)).reader(root.getSchema());
      assertThat(List.of(reader.row(root, 0), reader.row(root, 1)))
          .containsExactly(
              new Few(Optional.empty(), "a"), new Few(Optional.of(new Point(1, 2)), "b"));
    }
  }

  @Test
  void reader_missingColumn_namesIt() {
    Field name = ArrowRowCodec.of(RowSchema.of(Row.class)).arrowSchema().findField("name");
    assertThatThrownBy(
            () ->
                ArrowRowCodec.of(RowSchema.of(Missing.class))
                    .reader(new org.apache.arrow.vector.types.pojo.Schema(List.of(name))))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith("expected a column 'absent' but was none (the file has [name])");
  }

  @Test
  void fill_valueTheColumnCannotTake_namesRowAndColumn() {
    ArrowRowCodec<Row> codec = ArrowRowCodec.of(RowSchema.of(Row.class));
    List<Row> bad =
        List.of(
            ROWS.get(0), new Row("c", new BigDecimal("0.001"), List.of(), Optional.empty(), 1L));
    try (VectorSchemaRoot root = VectorSchemaRoot.create(codec.arrowSchema(), allocator)) {
      assertThatThrownBy(() -> codec.fill(root, bad))
          .isInstanceOf(LiteralConversionException.class)
          .hasMessage(
              "expected a decimal that fits decimal(9, 2) (declare another with @DecimalColumn)"
                  + " but was '0.001' at [1].amount");
    }
  }

  @Test
  void reader_largeStrings_readAsString() {
    Field big =
        new Field(
            "name",
            org.apache.arrow.vector.types.pojo.FieldType.notNullable(
                org.apache.arrow.vector.types.pojo.ArrowType.LargeUtf8.INSTANCE),
            null);
    try (VectorSchemaRoot root =
        VectorSchemaRoot.create(
            new org.apache.arrow.vector.types.pojo.Schema(List.of(big)), allocator)) {
      org.apache.arrow.vector.LargeVarCharVector v =
          (org.apache.arrow.vector.LargeVarCharVector) root.getVector("name");
      v.allocateNew();
      v.setSafe(0, "wide".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      root.setRowCount(1);
      record Name(String name) {}
      assertThat(ArrowRowCodec.of(RowSchema.of(Name.class)).reader(root.getSchema()).row(root, 0))
          .isEqualTo(new Name("wide"));
    }
  }
}
