package dev.ferry.dataframe.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PandasIndexTest {
  private static final Map<String, String> PANDAS =
      Map.of(
          "pandas",
          "{\"index_columns\": [\"__index_level_0__\"], \"columns\": [{\"name\": \"a\"}]}");

  @Test
  void isUnnamedIndex_listedInPandasMetadata() {
    assertThat(PandasIndex.isUnnamedIndex("__index_level_0__", PANDAS)).isTrue();
  }

  @Test
  void isUnnamedIndex_notListed_orNoMetadata_isData() {
    assertThat(PandasIndex.isUnnamedIndex("__index_level_1__", PANDAS)).isFalse();
    assertThat(PandasIndex.isUnnamedIndex("__index_level_0__", null)).isFalse();
    assertThat(PandasIndex.isUnnamedIndex("__index_level_0__", Map.of("other", "x"))).isFalse();
  }

  @Test
  void isUnnamedIndex_namedColumn_isData() {
    assertThat(PandasIndex.isUnnamedIndex("a", PANDAS)).isFalse();
    assertThat(
            PandasIndex.isUnnamedIndex(
                "id", Map.of("pandas", "{\"index_columns\": [\"id\"], \"columns\": []}")))
        .isFalse();
  }
}
