package dev.ferry.dataframe.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PandasMetadataTest {
  record Inner(int a) {}

  record Row(
      long id,
      Optional<Long> count,
      @Nullable Boolean ok,
      @DecimalColumn(precision = 12, scale = 2) BigDecimal amount,
      Instant at,
      LocalDate day,
      List<String> tags,
      Inner inner) {}

  @Test
  void of_recordRow_columnsAsPyarrowWritesThem() {
    String json = PandasMetadata.of(RowSchema.of(Row.class)).get("pandas");

    assertThat(json)
        .isEqualTo(
            "{\"index_columns\": [], \"column_indexes\": [{\"name\": null, \"field_name\": null,"
                + " \"pandas_type\": \"unicode\", \"numpy_type\": \"object\","
                + " \"metadata\": {\"encoding\": \"UTF-8\"}}], \"columns\": ["
                + "{\"name\": \"id\", \"field_name\": \"id\", \"pandas_type\": \"int64\","
                + " \"numpy_type\": \"int64\", \"metadata\": null}, "
                + "{\"name\": \"count\", \"field_name\": \"count\", \"pandas_type\": \"int64\","
                + " \"numpy_type\": \"Int64\", \"metadata\": null}, "
                + "{\"name\": \"ok\", \"field_name\": \"ok\", \"pandas_type\": \"bool\","
                + " \"numpy_type\": \"boolean\", \"metadata\": null}, "
                + "{\"name\": \"amount\", \"field_name\": \"amount\", \"pandas_type\": \"decimal\","
                + " \"numpy_type\": \"object\", \"metadata\": {\"precision\": 12, \"scale\": 2}}, "
                + "{\"name\": \"at\", \"field_name\": \"at\", \"pandas_type\": \"datetimetz\","
                + " \"numpy_type\": \"datetime64[us]\", \"metadata\": {\"timezone\": \"UTC\"}}, "
                + "{\"name\": \"day\", \"field_name\": \"day\", \"pandas_type\": \"date\","
                + " \"numpy_type\": \"object\", \"metadata\": null}, "
                + "{\"name\": \"tags\", \"field_name\": \"tags\", \"pandas_type\": \"list[unicode]\","
                + " \"numpy_type\": \"object\", \"metadata\": null}, "
                + "{\"name\": \"inner\", \"field_name\": \"inner\", \"pandas_type\": \"object\","
                + " \"numpy_type\": \"object\", \"metadata\": null}"
                + "], \"creator\": {\"library\": \"ferry\"}}");
  }

  @Test
  void quote_escapesJson() {
    assertThat(PandasMetadata.quote("a\"b\\c\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\"");
  }
}
