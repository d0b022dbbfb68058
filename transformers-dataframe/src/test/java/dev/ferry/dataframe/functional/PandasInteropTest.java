package dev.ferry.dataframe.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.dataframe.StructuredDataset;
import dev.ferry.dataframe.testing.PythonEnv;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.testdata.IntegrationTest;
import dev.ferry.transformers.blob.DataPlane;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet written by pandas/pyarrow (as the Python SDK writes a dataframe: snappy, microsecond
 * timestamps, pandas metadata, an index column) is read by Ferry, and pyarrow reads what Ferry
 * writes. Skipped, with the reason, where pip cannot install pyarrow and pandas.
 */
@IntegrationTest
class PandasInteropTest {
  record Full(
      Optional<String> name,
      long count,
      Optional<Double> score,
      Instant when,
      boolean flag,
      LocalDate day,
      @Nullable Long nullableCount) {}

  record Projected(long count, boolean flag) {}

  record Trade(String symbol, long quantity, double price, Instant at) {}

  static final String WRITE_FRAME =
      """
      import sys, datetime, pandas as pd
      df = pd.DataFrame(
          {
              "name": ["alpha", None, "gamma"],
              "count": [1, 2, 3],
              "score": [0.5, None, 2.5],
              "when": pd.to_datetime(
                  ["2024-01-01T00:00:00.123456Z", "1999-12-31T23:59:59Z", "2030-06-15T12:00:00Z"],
                  utc=True, format="ISO8601"),
              "flag": [True, False, True],
              "day": [datetime.date(2024, 2, 29), datetime.date(1970, 1, 1), datetime.date(2000, 1, 2)],
              "nullableCount": pd.array([7, None, 9], dtype="Int64"),
          },
          index=pd.Index([10, 20, 30], name="idx"),
      )
      # as flytekit's pandas encoder writes a frame
      df.to_parquet(sys.argv[1], coerce_timestamps="us", allow_truncated_timestamps=False)
      import pyarrow.parquet as pq
      print(pq.read_schema(sys.argv[1]).names)
      """;

  static final String READ_FRAME =
      """
      import sys, pyarrow.parquet as pq
      t = pq.read_table(sys.argv[1])
      print(t.schema.field("at").type)
      for r in t.to_pylist():
          print(r["symbol"], r["quantity"], r["price"], r["at"].isoformat())
      """;

  static Path python;

  @TempDir Path tmp;
  private TransformContext ctx;
  private final TypeEngine engine = TypeEngine.createDefault();

  @BeforeAll
  static void python() {
    python = PythonEnv.require();
  }

  @BeforeEach
  void setUp() {
    DataPlane plane =
        DataPlane.of(
            BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of())),
            tmp.resolve("raw").toUri(),
            tmp.resolve("downloads"));
    ctx = plane.attach(TransformContext.at("inputs.df"));
  }

  private String py(String script, String arg) throws Exception {
    Path file = Files.writeString(tmp.resolve("script.py"), script);
    PythonEnv.Result r = PythonEnv.run(List.of(python.toString(), file.toString(), arg), 120);
    assertThat(r.ok()).as(r.output()).isTrue();
    return r.output();
  }

  private StructuredDataset pandasDataset() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("from-pandas"));
    String names = py(WRITE_FRAME, dir.resolve("00000").toString());
    assertThat(names).contains("idx"); // the index is a column of the file
    Literal literal =
        engine.toLiteral(
            StructuredDataset.of(dir.toUri()), TypeRef.of(StructuredDataset.class), ctx);
    return engine.toJava(literal, TypeRef.of(StructuredDataset.class), ctx);
  }

  @Test
  void ferry_readsAFrameWrittenByPandas() throws Exception {
    List<Full> rows = pandasDataset().open(Full.class).all();
    assertThat(rows)
        .containsExactly(
            new Full(
                Optional.of("alpha"),
                1,
                Optional.of(0.5),
                Instant.parse("2024-01-01T00:00:00.123456Z"),
                true,
                LocalDate.of(2024, 2, 29),
                7L),
            new Full(
                Optional.empty(),
                2,
                Optional.empty(),
                Instant.parse("1999-12-31T23:59:59Z"),
                false,
                LocalDate.of(1970, 1, 1),
                null),
            new Full(
                Optional.of("gamma"),
                3,
                Optional.of(2.5),
                Instant.parse("2030-06-15T12:00:00Z"),
                true,
                LocalDate.of(2000, 1, 2),
                9L));
  }

  @Test
  void ferry_projectsAFrameWrittenByPandas() throws Exception {
    assertThat(pandasDataset().open(Projected.class).all())
        .containsExactly(new Projected(1, true), new Projected(2, false), new Projected(3, true));
  }

  @Test
  void pyarrow_readsWhatFerryWrites() throws Exception {
    List<Trade> trades =
        List.of(
            new Trade("ACME", 10, 1.5, Instant.parse("2024-01-02T03:04:05.000006Z")),
            new Trade("INIT", -3, 99.25, Instant.parse("1999-12-31T23:59:59Z")));
    Literal literal =
        engine.toLiteral(
            StructuredDataset.of(trades, Trade.class), TypeRef.of(StructuredDataset.class), ctx);
    Path dir = Path.of(URI.create(literal.getScalar().getStructuredDataset().getUri()));
    assertThat(py(READ_FRAME, dir.resolve("00000").toString()))
        .isEqualTo(
            String.join(
                "\n",
                "timestamp[us, tz=UTC]",
                "ACME 10 1.5 2024-01-02T03:04:05.000006+00:00",
                "INIT -3 99.25 1999-12-31T23:59:59+00:00"));
  }

  static final String WRITE_NESTED =
      """
      import sys, decimal, pyarrow as pa, pyarrow.parquet as pq
      t = pa.table(
          {
              "amount": pa.array([decimal.Decimal("12.34"), None, decimal.Decimal("-0.01")],
                                 pa.decimal128(10, 2)),
              "wide": pa.array([decimal.Decimal("1234567890123456789.5"), decimal.Decimal("0"),
                                decimal.Decimal("-1.5")], pa.decimal128(30, 1)),
              "ids": pa.array([[1, 2], [], None], pa.list_(pa.int64())),
              "labels": pa.array([["a", None], ["b"], []], pa.list_(pa.string())),
              "point": pa.array([{"x": 1.0, "y": 2.0}, None, {"x": 5.0, "y": None}],
                                pa.struct([("x", pa.float64()), ("y", pa.float64())])),
          }
      )
      pq.write_table(t, sys.argv[1])
      print(pq.read_schema(sys.argv[1]).names)
      """;

  record Point(double x, Optional<Double> y) {}

  record NestedRow(
      Optional<BigDecimal> amount,
      BigDecimal wide,
      Optional<List<Long>> ids,
      List<Optional<String>> labels,
      Optional<Point> point) {}

  @Test
  void ferry_readsDecimalListAndStructWrittenByPyarrow() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("nested"));
    py(WRITE_NESTED, dir.resolve("00000").toString());
    Literal literal =
        engine.toLiteral(
            StructuredDataset.of(dir.toUri()), TypeRef.of(StructuredDataset.class), ctx);
    List<NestedRow> rows =
        engine
            .toJava(literal, TypeRef.of(StructuredDataset.class), ctx)
            .open(NestedRow.class)
            .all();
    assertThat(rows)
        .containsExactly(
            new NestedRow(
                Optional.of(new BigDecimal("12.34")),
                new BigDecimal("1234567890123456789.5"),
                Optional.of(List.of(1L, 2L)),
                Arrays.asList(Optional.of("a"), Optional.empty()),
                Optional.of(new Point(1.0, Optional.of(2.0)))),
            new NestedRow(
                Optional.empty(),
                new BigDecimal("0.0"),
                Optional.of(List.of()),
                List.of(Optional.of("b")),
                Optional.empty()),
            new NestedRow(
                Optional.of(new BigDecimal("-0.01")),
                new BigDecimal("-1.5"),
                Optional.empty(),
                List.of(),
                Optional.of(new Point(5.0, Optional.empty()))));
  }

  static final String READ_IPC_SCHEMA =
      """
      import sys, pyarrow as pa
      with open(sys.argv[1], "rb") as f:
          print(pa.ipc.read_schema(pa.py_buffer(f.read())))
      """;

  @Test
  void pyarrow_readsTheExternalSchemaBytes() throws Exception {
    TypeEngine declared =
        TypeEngine.builder()
            .add(dev.ferry.dataframe.StructuredDatasetTransformer.declaring(NestedRow.class, true))
            .build();
    byte[] bytes =
        declared
            .literalType(TypeRef.of(StructuredDataset.class))
            .getStructuredDatasetType()
            .getExternalSchemaBytes()
            .toByteArray();
    Path file = Files.write(tmp.resolve("schema.arrow"), bytes);
    assertThat(py(READ_IPC_SCHEMA, file.toString()))
        .isEqualTo(
            String.join(
                "\n",
                "amount: decimal128(38, 18)",
                "wide: decimal128(38, 18) not null",
                "ids: list<element: int64 not null>",
                "  child 0, element: int64 not null",
                "labels: list<element: string> not null",
                "  child 0, element: string",
                "point: struct<x: double not null, y: double>",
                "  child 0, x: double not null",
                "  child 1, y: double"));
  }
}
