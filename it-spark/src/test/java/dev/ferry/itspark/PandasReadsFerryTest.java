package dev.ferry.itspark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.dataframe.testing.PythonEnv;
import dev.ferry.itspark.Rows.Everything;
import dev.ferry.transformers.blob.DataPlane;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pd.read_parquet} (pinned pyarrow and pandas) on a dataset Ferry wrote: the {@code
 * "pandas"} metadata Ferry writes makes a nullable long column {@code Int64} (exact above 2^53),
 * and every column gets the dtype pandas gives the same frame when it writes it itself.
 */
@Tag("integration")
class PandasReadsFerryTest {
  private static final Path SCRIPT =
      Path.of("src", "test", "python", "pandas_dtypes.py").toAbsolutePath();

  @TempDir Path tmp;

  @Test
  void pandasReadParquet_nullableLongIsInt64_dtypesAsPandasWrites() throws Exception {
    Path python = PythonEnv.require();
    List<Everything> rows = Rows.everything(3000);
    URI uri;
    try (BlobStores stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()))) {
      DataPlane plane = DataPlane.of(stores, tmp.resolve("raw").toUri(), tmp.resolve("dl"));
      uri = FerryWrites.write(plane, rows, Everything.class, 64 * 1024);
    }

    PythonEnv.Result r =
        PythonEnv.run(List.of(python.toString(), SCRIPT.toString(), Path.of(uri).toString()), 300);

    assertThat(r.ok()).as(r.output()).isTrue();
    JsonNode out = new ObjectMapper().readTree(r.output());
    assertThat(out.get("has_pandas_metadata").asBoolean()).isTrue();
    assertThat(out.get("rows").asInt()).isEqualTo(rows.size());
    assertThat(out.get("index").asText()).isEqualTo("RangeIndex");
    Map<String, String> dtypes = strings(out.get("dtypes"));
    System.out.println("pd.read_parquet dtypes: " + dtypes); // for the build log
    assertThat(dtypes)
        .containsEntry("id", "int64")
        .containsEntry("b", "int8")
        .containsEntry("s", "int16")
        .containsEntry("i", "int32")
        .containsEntry("f", "float32")
        .containsEntry("d", "float64")
        .containsEntry("flag", "bool")
        .containsEntry("maybeLong", "Int64")
        .containsEntry("maybeInt", "Int32")
        .containsEntry("maybeFlag", "boolean")
        .containsEntry("day", "object")
        .containsEntry("amount", "object")
        .containsEntry("at", "datetime64[us, UTC]")
        .containsEntry("maybeAt", "datetime64[us, UTC]");
    // what pandas itself writes for this frame and reads back: the same dtype for every column
    assertThat(dtypes).isEqualTo(strings(out.get("pandas_own_dtypes")));

    List<String> longs = new ArrayList<>();
    out.get("maybeLong").forEach(v -> longs.add(v.isNull() ? null : v.asText()));
    assertThat(longs)
        .isEqualTo(
            rows.stream().map(e -> e.maybeLong().map(String::valueOf).orElse(null)).toList());
    assertThat(out.get("day").get(0).asText()).isEqualTo("2024-02-28");
    assertThat(out.get("amount").get(1).asText()).isEqualTo("1.01");
    assertThat(out.get("at").get(1).asText()).isEqualTo("2023-11-14 23:13:20.000001+00:00");
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> m = new LinkedHashMap<>();
    node.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }
}
