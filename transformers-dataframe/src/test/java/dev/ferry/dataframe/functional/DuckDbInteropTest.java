package dev.ferry.dataframe.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.dataframe.StructuredDataset;
import dev.ferry.dataframe.parquet.DecimalColumn;
import dev.ferry.dataframe.parquet.ParquetOptions;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.transformers.blob.DataPlane;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DuckDB (a third-party engine) reads the Parquet that Ferry writes, with the same values. */
class DuckDbInteropTest {
  record Row(
      byte tiny,
      short small,
      int id,
      long big,
      float ratio,
      double price,
      boolean flag,
      String name,
      byte[] blob,
      Instant at,
      LocalDate day,
      Optional<Long> maybe) {}

  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rows.add(
          new Row(
              (byte) (i % 100 - 50),
              (short) (i * 7),
              i,
              i * 10_000_000_000L,
              i / 8f,
              i * 1.25,
              i % 3 == 0,
              "name-" + (i % 13) + "-é",
              new byte[] {(byte) i, 1, 2},
              Instant.parse("2020-02-29T12:34:56.789012Z").plusSeconds(i * 3600L),
              LocalDate.of(1970, 1, 1).plusDays(i * 17L),
              i % 4 == 0 ? Optional.empty() : Optional.of((long) i * i)));
    }
    return rows;
  }

  @TempDir Path tmp;

  private Path write(ParquetOptions options) throws Exception {
    DataPlane plane =
        DataPlane.of(
            BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of())),
            tmp.resolve("raw").toUri(),
            tmp.resolve("downloads"));
    TransformContext ctx = plane.attach(TransformContext.at("outputs.o0"));
    var literal =
        TypeEngine.createDefault()
            .toLiteral(
                StructuredDataset.of(rows(), Row.class).withParquetOptions(options),
                TypeRef.of(StructuredDataset.class),
                ctx);
    return Path.of(URI.create(literal.getScalar().getStructuredDataset().getUri()));
  }

  @ParameterizedTest
  @EnumSource(
      value = ParquetOptions.Compression.class,
      names = {"SNAPPY", "ZSTD", "UNCOMPRESSED"})
  void duckdb_readsWhatFerryWrites(ParquetOptions.Compression compression) throws Exception {
    Path dir = write(ParquetOptions.defaults().withCompression(compression));
    String file = dir.resolve("00000").toString().replace("'", "''");
    List<Row> expected = rows();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT tiny, small, id, big, ratio, price, flag, name, blob, epoch_us(\"at\"),"
                  + " CAST(\"day\" AS VARCHAR), maybe FROM read_parquet('"
                  + file
                  + "') ORDER BY id")) {
        int i = 0;
        while (rs.next()) {
          Row r = expected.get(i++);
          assertThat(rs.getByte(1)).isEqualTo(r.tiny());
          assertThat(rs.getShort(2)).isEqualTo(r.small());
          assertThat(rs.getInt(3)).isEqualTo(r.id());
          assertThat(rs.getLong(4)).isEqualTo(r.big());
          assertThat(rs.getFloat(5)).isEqualTo(r.ratio());
          assertThat(rs.getDouble(6)).isEqualTo(r.price());
          assertThat(rs.getBoolean(7)).isEqualTo(r.flag());
          assertThat(rs.getString(8)).isEqualTo(r.name());
          assertThat(rs.getBytes(9)).isEqualTo(r.blob());
          assertThat(rs.getLong(10))
              .isEqualTo(r.at().getEpochSecond() * 1_000_000L + r.at().getNano() / 1000);
          assertThat(rs.getString(11)).isEqualTo(r.day().toString());
          long maybe = rs.getLong(12);
          assertThat(rs.wasNull() ? Optional.<Long>empty() : Optional.of(maybe))
              .isEqualTo(r.maybe());
        }
        assertThat(i).isEqualTo(expected.size());
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT typeof(\"at\"), typeof(\"day\"), typeof(tiny), typeof(name)"
                  + " FROM read_parquet('"
                  + file
                  + "') LIMIT 1")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("TIMESTAMP WITH TIME ZONE");
        assertThat(rs.getString(2)).isEqualTo("DATE");
        assertThat(rs.getString(3)).isEqualTo("TINYINT");
        assertThat(rs.getString(4)).isEqualTo("VARCHAR");
      }
      try (ResultSet rs =
          s.executeQuery("SELECT DISTINCT compression FROM parquet_metadata('" + file + "')")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo(compression.name());
      }
    }
  }

  @Test
  void duckdb_readsTheDatasetDirectory() throws Exception {
    Path dir = write(ParquetOptions.defaults());
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*), sum(id), count(maybe) FROM read_parquet('"
                    + dir.toString().replace("'", "''")
                    + "/*')")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(1000);
      assertThat(rs.getLong(2)).isEqualTo(999 * 1000 / 2);
      assertThat(rs.getLong(3)).isEqualTo(750);
    }
  }

  record Point(double x, double y) {}

  record Nested(
      int id,
      @DecimalColumn(precision = 12, scale = 2) BigDecimal amount,
      BigDecimal wide,
      List<Long> ids,
      List<Optional<String>> labels,
      Point center,
      Optional<Point> anchor,
      List<Point> path) {}

  @Test
  void duckdb_readsDecimalListAndStructColumns() throws Exception {
    List<Nested> rows =
        List.of(
            new Nested(
                0,
                new BigDecimal("-1234567890.12"),
                new BigDecimal("12345678901234567890.123456789012345678"),
                List.of(1L, 2L, 3L),
                Arrays.asList(Optional.of("a"), Optional.empty()),
                new Point(1.5, -2.5),
                Optional.empty(),
                List.of(new Point(1, 2), new Point(3, 4))),
            new Nested(
                1,
                new BigDecimal("0.05"),
                new BigDecimal("-1"),
                List.of(),
                List.of(),
                new Point(0, 0),
                Optional.of(new Point(9, 8)),
                List.of()));
    DataPlane plane =
        DataPlane.of(
            BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of())),
            tmp.resolve("raw").toUri(),
            tmp.resolve("downloads"));
    var literal =
        TypeEngine.createDefault()
            .toLiteral(
                StructuredDataset.of(rows, Nested.class),
                TypeRef.of(StructuredDataset.class),
                plane.attach(TransformContext.at("outputs.o0")));
    String file =
        Path.of(URI.create(literal.getScalar().getStructuredDataset().getUri()))
            .resolve("00000")
            .toString()
            .replace("'", "''");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT CAST(amount AS VARCHAR), CAST(wide AS VARCHAR), typeof(amount),"
                    + " CAST(ids AS VARCHAR), len(ids), CAST(labels AS VARCHAR), center.x,"
                    + " center.y, anchor IS NULL, CAST(path AS VARCHAR), typeof(path)"
                    + " FROM read_parquet('"
                    + file
                    + "') ORDER BY id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("-1234567890.12");
      assertThat(rs.getString(2)).isEqualTo("12345678901234567890.123456789012345678");
      assertThat(rs.getString(3)).isEqualTo("DECIMAL(12,2)");
      assertThat(rs.getString(4)).isEqualTo("[1, 2, 3]");
      assertThat(rs.getLong(5)).isEqualTo(3);
      assertThat(rs.getString(6)).isEqualTo("[a, NULL]");
      assertThat(rs.getDouble(7)).isEqualTo(1.5);
      assertThat(rs.getDouble(8)).isEqualTo(-2.5);
      assertThat(rs.getBoolean(9)).isTrue();
      assertThat(rs.getString(10)).isEqualTo("[{'x': 1.0, 'y': 2.0}, {'x': 3.0, 'y': 4.0}]");
      assertThat(rs.getString(11)).isEqualTo("STRUCT(x DOUBLE, y DOUBLE)[]");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("0.05");
      assertThat(rs.getString(2)).isEqualTo("-1.000000000000000000");
      assertThat(rs.getString(4)).isEqualTo("[]");
      assertThat(rs.getBoolean(9)).isFalse();
      assertThat(rs.next()).isFalse();
    }
  }
}
