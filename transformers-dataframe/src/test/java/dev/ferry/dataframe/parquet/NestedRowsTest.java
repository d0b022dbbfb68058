package dev.ferry.dataframe.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.memory.MemoryBlobStore;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.TypeDefinitionException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Decimal, list, struct and nullable columns of row records, written and read back. */
class NestedRowsTest {
  record Money(
      @DecimalColumn(precision = 9, scale = 2) BigDecimal small,
      @DecimalColumn(precision = 18, scale = 4) BigDecimal medium,
      BigDecimal wide,
      Optional<BigDecimal> maybe) {}

  record Point(double x, double y) {}

  record Shape(
      String name,
      List<Long> ids,
      List<Optional<String>> labels,
      Point center,
      Optional<Point> anchor,
      List<Point> path,
      List<List<Integer>> grid,
      @Nullable List<String> tags) {}

  private final MemoryBlobStore memory = new MemoryBlobStore();
  private final URI uri = URI.create("memory://bucket/nested/00000");

  private <R extends Record> List<R> roundTrip(List<R> rows, Class<R> type) throws Exception {
    ParquetRows.write(rows, RowSchema.of(type), memory, uri, ParquetOptions.defaults());
    return ParquetRows.read(RowSchema.of(type), memory, uri);
  }

  @Test
  void schema_decimalsListsAndStructs() {
    assertThat(RowSchema.of(Money.class).messageType())
        .isEqualTo(
            MessageTypeParser.parseMessageType(
                """
                message schema {
                  required int32 small (DECIMAL(9,2));
                  required int64 medium (DECIMAL(18,4));
                  required fixed_len_byte_array(16) wide (DECIMAL(38,18));
                  optional fixed_len_byte_array(16) maybe (DECIMAL(38,18));
                }
                """));
    MessageType shape = RowSchema.of(Shape.class).messageType();
    assertThat(shape.getType("ids").toString())
        .isEqualTo(
            "required group ids (LIST) {\n  repeated group list {\n    required int64 element;\n"
                + "  }\n}");
    assertThat(shape.getType("labels").asGroupType().getType(0).asGroupType().getType(0))
        .hasToString("optional binary element (STRING)");
    assertThat(shape.getType("center").toString())
        .isEqualTo("required group center {\n  required double x;\n  required double y;\n}");
    assertThat(
            shape
                .getType("anchor")
                .isRepetition(org.apache.parquet.schema.Type.Repetition.OPTIONAL))
        .isTrue();
    assertThat(
            shape.getType("tags").isRepetition(org.apache.parquet.schema.Type.Repetition.OPTIONAL))
        .isTrue();
  }

  @Test
  void roundTrip_decimals() throws Exception {
    List<Money> rows =
        List.of(
            new Money(
                new BigDecimal("1234567.89"),
                new BigDecimal("-99999999999999.9999"),
                new BigDecimal("-12345678901234567890.123456789012345678"),
                Optional.of(new BigDecimal("0.000000000000000001"))),
            new Money(
                new BigDecimal("-0.01"),
                new BigDecimal("5"),
                new BigDecimal("99999999999999999999.999999999999999999"),
                Optional.empty()));
    List<Money> back = roundTrip(rows, Money.class);
    assertThat(back.get(0).small()).isEqualTo(new BigDecimal("1234567.89"));
    assertThat(back.get(0).medium()).isEqualTo(new BigDecimal("-99999999999999.9999"));
    assertThat(back.get(0).wide())
        .isEqualTo(new BigDecimal("-12345678901234567890.123456789012345678"));
    assertThat(back.get(0).maybe()).contains(new BigDecimal("0.000000000000000001"));
    assertThat(back.get(1).small()).isEqualTo(new BigDecimal("-0.01"));
    assertThat(back.get(1).medium()).isEqualTo(new BigDecimal("5.0000")); // at the column's scale
    assertThat(back.get(1).wide())
        .isEqualTo(new BigDecimal("99999999999999999999.999999999999999999"));
    assertThat(back.get(1).maybe()).isEmpty();
  }

  @Test
  void write_decimalWithTooManyDigits_namesRowAndColumn() throws Exception {
    List<Money> rows =
        List.of(
            new Money(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, Optional.empty()),
            new Money(new BigDecimal("1.234"), BigDecimal.ONE, BigDecimal.ONE, Optional.empty()));
    assertThatThrownBy(() -> roundTrip(rows, Money.class))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected a decimal that fits decimal(9, 2) (declare another with @DecimalColumn) but"
                + " was '1.234' at [1].small");
    assertThat(memory.exists(uri)).isFalse();
  }

  @Test
  void write_decimalTooLarge_fails() {
    List<Money> rows =
        List.of(
            new Money(
                new BigDecimal("10000000.00"), BigDecimal.ONE, BigDecimal.ONE, Optional.empty()));
    assertThatThrownBy(() -> roundTrip(rows, Money.class))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected a decimal that fits decimal(9, 2) (declare another with @DecimalColumn) but"
                + " was '10000000.00' at [0].small");
  }

  @Test
  void write_decimalTrailingZerosBeyondScale_fits() throws Exception {
    List<Money> rows =
        List.of(
            new Money(new BigDecimal("2.5000"), BigDecimal.ONE, BigDecimal.ONE, Optional.empty()));
    assertThat(roundTrip(rows, Money.class).get(0).small()).isEqualTo(new BigDecimal("2.50"));
  }

  @Test
  void schema_invalidDecimal_fails() {
    record Bad(@DecimalColumn(precision = 40, scale = 2) BigDecimal v) {}
    assertThatThrownBy(() -> RowSchema.of(Bad.class))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessageContaining(
            "@DecimalColumn(precision = 40, scale = 2) is not a decimal: the precision is 1 to 38"
                + " and the scale 0 to the precision");
  }

  static Shape shape(int i) {
    return new Shape(
        "s" + i,
        List.of((long) i, i + 1L),
        Arrays.asList(Optional.of("a" + i), Optional.empty(), Optional.of("c")),
        new Point(i, -i),
        i % 2 == 0 ? Optional.of(new Point(0.5, 1.5)) : Optional.empty(),
        i % 3 == 0 ? List.of() : List.of(new Point(1, 2), new Point(3, 4)),
        List.of(List.of(1, 2), List.of(), List.of(i)),
        i % 2 == 1 ? null : List.of("x", "y"));
  }

  @Test
  void roundTrip_listsAndStructs() throws Exception {
    List<Shape> rows = List.of(shape(0), shape(1), shape(2), shape(3));
    assertThat(roundTrip(rows, Shape.class)).isEqualTo(rows);
  }

  @Test
  void read_projectsInsideStructs() throws Exception {
    ParquetRows.write(
        List.of(shape(4), shape(5)),
        RowSchema.of(Shape.class),
        memory,
        uri,
        ParquetOptions.defaults());
    record OnlyX(double x) {}
    record Projected(OnlyX center, List<OnlyX> path) {}
    assertThat(ParquetRows.read(RowSchema.of(Projected.class), memory, uri))
        .containsExactly(
            new Projected(new OnlyX(4), List.of(new OnlyX(1), new OnlyX(3))),
            new Projected(new OnlyX(5), List.of(new OnlyX(1), new OnlyX(3))));
  }

  @Test
  void write_nullElementInRequiredList_namesPath() {
    record Ids(String name, List<Long> ids) {}
    List<Ids> rows = List.of(new Ids("a", List.of(1L)), new Ids("b", Arrays.asList(2L, null)));
    assertThatThrownBy(() -> roundTrip(rows, Ids.class))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected a list element (make the element type Optional or @Nullable) but was null"
                + " at [1].ids[1]");
  }

  @Test
  void read_nullElementIntoRequiredList_namesPath() throws Exception {
    record Labels(List<Optional<String>> labels) {}
    record Required(List<String> labels) {}
    ParquetRows.write(
        List.of(new Labels(Arrays.asList(Optional.of("a"), Optional.empty()))),
        RowSchema.of(Labels.class),
        memory,
        uri,
        ParquetOptions.defaults());
    assertThatThrownBy(() -> ParquetRows.read(RowSchema.of(Required.class), memory, uri))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected a list element but was null (make the element type Optional or @Nullable)"
                + " at [0].labels[1]");
  }

  @Test
  void read_nullableElementsAnnotated() throws Exception {
    record Annotated(List<@Nullable Long> values) {}
    List<Annotated> rows = List.of(new Annotated(Arrays.asList(1L, null, 3L)));
    assertThat(roundTrip(rows, Annotated.class)).isEqualTo(rows);
  }

  @Test
  void write_nullStructInRequiredColumn_fails() {
    @NullUnmarked // the test passes null to a component the schema requires
    record Holder(Point p) {}
    assertThatThrownBy(() -> roundTrip(Arrays.asList(new Holder(null)), Holder.class))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected a value in column 'p' (make the component Optional or @Nullable) but was null"
                + " at [0]");
  }

  @Test
  void read_listAsStruct_fails() throws Exception {
    record Ids(List<Long> ids) {}
    record Wrong(Point ids) {}
    ParquetRows.write(
        List.of(new Ids(List.of(1L))),
        RowSchema.of(Ids.class),
        memory,
        uri,
        ParquetOptions.defaults());
    assertThatThrownBy(() -> ParquetRows.read(RowSchema.of(Wrong.class), memory, uri))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith(
            "expected a column 'ids' readable as Point but was 'required group ids (LIST)");
  }

  @Test
  void schema_recursiveRecord_fails() {
    assertThatThrownBy(() -> RowSchema.of(Node.class))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessageContaining("contains itself: a dataset column cannot be recursive");
  }

  record Node(String name, List<Node> children) {}
}
