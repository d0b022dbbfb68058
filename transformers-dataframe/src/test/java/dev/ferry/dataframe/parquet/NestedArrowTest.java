package dev.ferry.dataframe.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.blob.memory.MemoryBlobStore;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SimpleType;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Decimal, list and struct columns as Arrow vectors: read from Parquet, written back. */
class NestedArrowTest {
  private final BufferAllocator allocator = new RootAllocator();
  private final MemoryBlobStore store = new MemoryBlobStore();
  private final URI rowsUri = URI.create("memory://b/rows/00000");
  private final URI arrowUri = URI.create("memory://b/arrow/00000");

  @AfterEach
  void close() {
    allocator.close();
  }

  private List<NestedRowsTest.Shape> shapes(int n) {
    List<NestedRowsTest.Shape> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(NestedRowsTest.shape(i));
    }
    return rows;
  }

  @Test
  void arrowSchema_ofNestedColumns() {
    Schema s = ArrowSchemas.toArrow(RowSchema.of(NestedRowsTest.Shape.class).messageType());
    assertThat(s.findField("ids").getType()).isEqualTo(ArrowType.List.INSTANCE);
    assertThat(s.findField("ids").getChildren().get(0).getType())
        .isEqualTo(new ArrowType.Int(64, true));
    assertThat(s.findField("ids").getChildren().get(0).isNullable()).isFalse();
    assertThat(s.findField("labels").getChildren().get(0).isNullable()).isTrue();
    assertThat(s.findField("center").getType()).isEqualTo(ArrowType.Struct.INSTANCE);
    assertThat(s.findField("center").getChildren()).extracting("name").containsExactly("x", "y");
    assertThat(ArrowSchemas.toParquet(s))
        .isEqualTo(RowSchema.of(NestedRowsTest.Shape.class).messageType());
    Schema money = ArrowSchemas.toArrow(RowSchema.of(NestedRowsTest.Money.class).messageType());
    assertThat(money.findField("small").getType()).isEqualTo(new ArrowType.Decimal(9, 2, 128));
    assertThat(money.findField("wide").getType()).isEqualTo(new ArrowType.Decimal(38, 18, 128));
  }

  @Test
  void columns_flattenStructsAsFlytekit() {
    Schema s = ArrowSchemas.toArrow(RowSchema.of(NestedRowsTest.Shape.class).messageType());
    Map<String, LiteralType> columns = ArrowSchemas.columns(s);
    assertThat(columns.keySet())
        .containsExactly(
            "name",
            "ids",
            "labels",
            "center.x",
            "center.y",
            "anchor.x",
            "anchor.y",
            "path",
            "grid",
            "tags");
    assertThat(column(columns, "ids").getCollectionType().getSimple())
        .isEqualTo(SimpleType.INTEGER);
    assertThat(column(columns, "center.x").getSimple()).isEqualTo(SimpleType.FLOAT);
    assertThat(column(columns, "path").getCollectionType().getSimple())
        .isEqualTo(SimpleType.STRUCT);
    assertThat(column(columns, "grid").getCollectionType().getCollectionType().getSimple())
        .isEqualTo(SimpleType.INTEGER);
    LiteralType decimal =
        column(
            ArrowSchemas.columns(
                ArrowSchemas.toArrow(RowSchema.of(NestedRowsTest.Money.class).messageType())),
            "small");
    assertThat(decimal.getSimple()).isEqualTo(SimpleType.FLOAT);
    assertThat(decimal.getMetadata().getFieldsOrThrow("decimal").getStructValue().getFieldsMap())
        .containsEntry(
            "precision", com.google.protobuf.Value.newBuilder().setNumberValue(9).build())
        .containsEntry("scale", com.google.protobuf.Value.newBuilder().setNumberValue(2).build());
  }

  /** Returns the column {@code name} of {@code columns}, failing the test if it is absent. */
  private static LiteralType column(Map<String, LiteralType> columns, String name) {
    LiteralType type = columns.get(name);
    if (type == null) {
      throw new AssertionError("no column '" + name + "' in " + columns.keySet());
    }
    return type;
  }

  @Test
  void read_nestedColumnsIntoVectors() throws Exception {
    ParquetRows.write(
        shapes(7),
        RowSchema.of(NestedRowsTest.Shape.class),
        store,
        rowsUri,
        ParquetOptions.defaults());
    try (ArrowParquetReader r = ArrowParquetReader.open(store, rowsUri, allocator, List.of(), 3)) {
      assertThat(r.loadNextBatch()).isTrue();
      VectorSchemaRoot root = r.getVectorSchemaRoot();
      assertThat(root.getRowCount()).isEqualTo(3);
      ListVector ids = (ListVector) root.getVector("ids");
      assertThat(ids.getObject(2)).isEqualTo(List.of(2L, 3L));
      ListVector labels = (ListVector) root.getVector("labels");
      assertThat(String.valueOf(labels.getObject(1))).isEqualTo("[\"a1\",null,\"c\"]");
      StructVector anchor = (StructVector) root.getVector("anchor");
      assertThat(anchor.isNull(1)).isTrue();
      assertThat(String.valueOf(anchor.getObject(2))).isEqualTo("{\"x\":0.5,\"y\":1.5}");
      ListVector path = (ListVector) root.getVector("path");
      assertThat(path.getObject(0)).isEmpty();
      assertThat(path.getObject(1)).hasSize(2);
      ListVector grid = (ListVector) root.getVector("grid");
      assertThat(grid.getObject(2)).isEqualTo(List.of(List.of(1, 2), List.of(), List.of(2)));
      assertThat(root.getVector("tags").isNull(1)).isTrue();
      assertThat(r.loadNextBatch()).isTrue();
      assertThat(((ListVector) root.getVector("ids")).getObject(0)).isEqualTo(List.of(3L, 4L));
    }
  }

  @Test
  void roundTrip_rowsToArrowToParquetToRows() throws Exception {
    List<NestedRowsTest.Shape> rows = shapes(10);
    ParquetRows.write(
        rows, RowSchema.of(NestedRowsTest.Shape.class), store, rowsUri, ParquetOptions.defaults());
    try (ArrowParquetReader r = ArrowParquetReader.open(store, rowsUri, allocator, List.of(), 4);
        ArrowParquetWriter w =
            ArrowParquetWriter.open(
                r.getVectorSchemaRoot().getSchema(), store, arrowUri, ParquetOptions.defaults())) {
      while (r.loadNextBatch()) {
        w.write(r.getVectorSchemaRoot());
      }
      w.commit();
    }
    assertThat(ParquetRows.read(RowSchema.of(NestedRowsTest.Shape.class), store, arrowUri))
        .isEqualTo(rows);
  }

  @Test
  void roundTrip_decimalsThroughArrow() throws Exception {
    List<NestedRowsTest.Money> rows =
        List.of(
            new NestedRowsTest.Money(
                new BigDecimal("-1234567.89"),
                new BigDecimal("12345678901234.5678"),
                new BigDecimal("-12345678901234567890.123456789012345678"),
                java.util.Optional.empty()),
            new NestedRowsTest.Money(
                new BigDecimal("0.01"),
                new BigDecimal("-1.0000"),
                new BigDecimal("1.000000000000000000"),
                java.util.Optional.of(new BigDecimal("-0.500000000000000000"))));
    ParquetRows.write(
        rows, RowSchema.of(NestedRowsTest.Money.class), store, rowsUri, ParquetOptions.defaults());
    try (ArrowParquetReader r = ArrowParquetReader.open(store, rowsUri, allocator, List.of(), 10);
        ArrowParquetWriter w =
            ArrowParquetWriter.open(
                r.getVectorSchemaRoot().getSchema(), store, arrowUri, ParquetOptions.defaults())) {
      assertThat(r.loadNextBatch()).isTrue();
      DecimalVector wide = (DecimalVector) r.getVectorSchemaRoot().getVector("wide");
      assertThat(wide.getObject(0))
          .isEqualTo(new BigDecimal("-12345678901234567890.123456789012345678"));
      w.write(r.getVectorSchemaRoot());
      w.commit();
    }
    assertThat(ParquetRows.read(RowSchema.of(NestedRowsTest.Money.class), store, arrowUri))
        .isEqualTo(rows);
  }
}
