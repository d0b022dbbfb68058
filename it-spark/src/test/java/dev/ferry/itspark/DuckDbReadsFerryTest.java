package dev.ferry.itspark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.itspark.Rows.Everything;
import dev.ferry.transformers.blob.DataPlane;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB on a dataset directory Ferry wrote: Ferry's files have no extension ({@code 00000}, ...,
 * as the Python SDK's), so {@code read_parquet('<dir>')} finds none; {@code
 * read_parquet('<dir>/*')} (the README's form) reads them all.
 */
class DuckDbReadsFerryTest {
  private static BlobStores stores;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()));
  }

  @AfterAll
  static void stop() throws Exception {
    stores.close();
  }

  @Test
  void duckDbReadParquet_dirStar_readsEveryFile() throws Exception {
    List<Everything> rows = Rows.everything(3000);
    DataPlane plane = DataPlane.of(stores, tmp.resolve("raw").toUri(), tmp.resolve("dl"));
    URI uri = FerryWrites.write(plane, rows, Everything.class, 64 * 1024);
    String dir = Path.of(uri).toString();

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement bare = c.createStatement()) {
        assertThatThrownBy(
                () -> bare.executeQuery("SELECT count(*) FROM read_parquet('" + dir + "')"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("No files found that match the pattern \"" + dir + "\"");
      }
      try (Statement st = c.createStatement()) {

        try (ResultSet rs =
            st.executeQuery(
                "SELECT count(*), count(DISTINCT filename), sum(maybeLong), max(maybeLong),"
                    + " sum(amount), count(note) FROM read_parquet('"
                    + dir
                    + "/*', filename = true)")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong(1)).isEqualTo(rows.size());
          assertThat(rs.getLong(2)).isGreaterThan(2);
          assertThat(rs.getBigDecimal(3))
              .isEqualByComparingTo(
                  rows.stream()
                      .map(r -> java.math.BigDecimal.valueOf(r.maybeLong().orElse(0L)))
                      .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add));
          assertThat(rs.getLong(4)).isEqualTo(Rows.BIG + 2999);
          assertThat(rs.getBigDecimal(5))
              .isEqualByComparingTo(
                  rows.stream()
                      .map(Everything::amount)
                      .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add));
          assertThat(rs.getLong(6)).isEqualTo(rows.stream().filter(r -> r.note() != null).count());
        }

        Map<String, String> types = new LinkedHashMap<>();
        try (ResultSet rs =
            st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + dir + "/*') LIMIT 0")) {
          while (rs.next()) {
            types.put(rs.getString("column_name"), rs.getString("column_type"));
          }
        }
        assertThat(types)
            .containsEntry("b", "TINYINT")
            .containsEntry("s", "SMALLINT")
            .containsEntry("i", "INTEGER")
            .containsEntry("id", "BIGINT")
            .containsEntry("f", "FLOAT")
            .containsEntry("d", "DOUBLE")
            .containsEntry("flag", "BOOLEAN")
            .containsEntry("text", "VARCHAR")
            .containsEntry("bytes", "BLOB")
            .containsEntry("wide", "DECIMAL(38,18)")
            .containsEntry("amount", "DECIMAL(12,2)")
            .containsEntry("day", "DATE")
            .containsEntry("at", "TIMESTAMP WITH TIME ZONE")
            .containsEntry("ids", "BIGINT[]")
            .containsEntry("matrix", "INTEGER[][]")
            .containsEntry("tags", "STRUCT(\"name\" VARCHAR, weight BIGINT)[]")
            .containsEntry("point", "STRUCT(x DOUBLE, y DOUBLE, \"label\" VARCHAR)");
      }
    }
  }
}
