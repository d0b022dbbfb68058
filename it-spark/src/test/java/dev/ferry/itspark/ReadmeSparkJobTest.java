package dev.ferry.itspark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.transformers.blob.DataPlane;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Spark job: a StructuredDataset literal from a task's {@code outputs.pb} resolved to
 * its URI and read by Spark. The job's lines below are the README's, checked line for line.
 */
@Tag("integration")
class ReadmeSparkJobTest {
  record Trade(long id, String sku, double price) {}

  @TempDir Path tmp;

  @Test
  void readmeSparkJob_readsTheDatasetOfOutputsPb() throws Exception {
    // a task wrote a dataset and its outputs.pb, as the executor does
    List<Trade> trades =
        IntStream.range(0, 500).mapToObj(i -> new Trade(i, "S" + (i % 7), i * 0.5)).toList();
    Path taskDir = Files.createDirectories(tmp.resolve("task"));
    try (BlobStores stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()))) {
      DataPlane plane = DataPlane.of(stores, tmp.resolve("raw").toUri(), tmp.resolve("dl"));
      Literal literal = FerryWrites.literal(plane, trades, Trade.class, 0);
      Files.write(
          taskDir.resolve("outputs.pb"),
          LiteralMap.newBuilder().putLiterals("trades", literal).build().toByteArray());
    }
    SparkSession spark = SparkSessions.start("ferry-readme", Map.of());
    try {
      // README: begin
      LiteralMap outputs = LiteralMap.parseFrom(Files.readAllBytes(taskDir.resolve("outputs.pb")));
      String uri = outputs.getLiteralsOrThrow("trades").getScalar().getStructuredDataset().getUri();
      Dataset<Row> df = spark.read().parquet(uri);
      df.groupBy("sku").sum("price").show();
      // README: end

      assertThat(df.count()).isEqualTo(trades.size());
      assertThat(df.filter("sku = 'S3'").agg(org.apache.spark.sql.functions.sum("price")).first())
          .isEqualTo(
              Row.fromSeq(
                  scala.jdk.javaapi.CollectionConverters.asScala(
                          List.<Object>of(
                              trades.stream()
                                  .filter(t -> t.sku().equals("S3"))
                                  .mapToDouble(Trade::price)
                                  .sum()))
                      .toSeq()));
    } finally {
      spark.stop();
    }
  }

  @Test
  void readmeSparkJob_sameLinesAsReadme() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    String source =
        Files.readString(
            Path.of("src/test/java/dev/ferry/itspark/ReadmeSparkJobTest.java"),
            StandardCharsets.UTF_8);
    String fromSource = between(source, "// README: begin\n", "      // README: end");
    String fromReadme = between(readme, "<!-- spark-job: begin -->\n```java\n", "```\n");

    assertThat(fromReadme.lines().map(String::strip).toList())
        .isEqualTo(fromSource.lines().map(String::strip).toList())
        .hasSize(4);
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    assertThat(from).as("marker %s", start).isNotNegative();
    int to = text.indexOf(end, from + start.length());
    assertThat(to).as("marker %s", end).isPositive();
    return text.substring(from + start.length(), to);
  }
}
