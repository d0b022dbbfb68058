package dev.ferry.itspark;

import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createDecimalType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.dataframe.StructuredDataset;
import dev.ferry.idl.core.Literal;
import dev.ferry.itspark.Rows.Everything;
import dev.ferry.transformers.blob.DataPlane;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datasets Ferry writes on local disk, read by {@code spark.read().parquet(uri)}. */
@Tag("integration")
class SparkReadsFerryTest {
  private static SparkSession spark;
  private static BlobStores stores;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    spark = SparkSessions.start("ferry-it-local", Map.of());
    stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()));
  }

  @AfterAll
  static void stop() throws Exception {
    spark.stop();
    stores.close();
  }

  private static DataPlane plane() {
    return DataPlane.of(stores, tmp.resolve("raw").toUri(), tmp.resolve("dl"));
  }

  /** The schema Spark reads from Ferry's Parquet: every field nullable, as Spark reads files. */
  static StructType expectedSchema() {
    DataType point =
        createStructType(
            List.of(
                createStructField("x", DataTypes.DoubleType, true),
                createStructField("y", DataTypes.DoubleType, true),
                createStructField("label", DataTypes.StringType, true)));
    DataType tag =
        createStructType(
            List.of(
                createStructField("name", DataTypes.StringType, true),
                createStructField("weight", DataTypes.LongType, true)));
    return createStructType(
        List.of(
            createStructField("id", DataTypes.LongType, true),
            createStructField("b", DataTypes.ByteType, true),
            createStructField("s", DataTypes.ShortType, true),
            createStructField("i", DataTypes.IntegerType, true),
            createStructField("f", DataTypes.FloatType, true),
            createStructField("d", DataTypes.DoubleType, true),
            createStructField("flag", DataTypes.BooleanType, true),
            createStructField("text", DataTypes.StringType, true),
            createStructField("bytes", DataTypes.BinaryType, true),
            createStructField("wide", createDecimalType(38, 18), true),
            createStructField("amount", createDecimalType(12, 2), true),
            createStructField("small", createDecimalType(5, 1), true),
            createStructField("day", DataTypes.DateType, true),
            createStructField("at", DataTypes.TimestampType, true),
            createStructField("ids", createArrayType(DataTypes.LongType, true), true),
            createStructField("labels", createArrayType(DataTypes.StringType, true), true),
            createStructField("tags", createArrayType(tag, true), true),
            createStructField(
                "matrix",
                createArrayType(createArrayType(DataTypes.IntegerType, true), true),
                true),
            createStructField("point", point, true),
            createStructField("anchor", point, true),
            createStructField("maybeLong", DataTypes.LongType, true),
            createStructField("maybeInt", DataTypes.IntegerType, true),
            createStructField("maybeFlag", DataTypes.BooleanType, true),
            createStructField("note", DataTypes.StringType, true),
            createStructField("maybeDay", DataTypes.DateType, true),
            createStructField("maybeAt", DataTypes.TimestampType, true),
            createStructField("maybeWide", createDecimalType(38, 18), true),
            createStructField("maybeIds", createArrayType(DataTypes.LongType, true), true)));
  }

  /** Checks that Spark read {@code rows} with the expected schema, every value equal. */
  static void assertReads(Dataset<Row> df, List<Everything> rows) {
    assertThat(df.schema().treeString()).isEqualTo(expectedSchema().treeString());
    assertThat(df.schema()).isEqualTo(expectedSchema());
    List<Row> read = df.orderBy("id").collectAsList();
    assertThat(read).hasSize(rows.size());
    for (int k = 0; k < rows.size(); k++) {
      assertThat(Plain.of(read.get(k))).as("row %d", k).isEqualTo(Plain.of(rows.get(k)));
    }
  }

  @Test
  void sparkReadsParquet_oneFile_schemaAndEveryValue() throws Exception {
    List<Everything> rows = Rows.everything(300);
    URI uri = FerryWrites.write(plane(), rows, Everything.class, 0);
    try (Stream<Path> files = Files.list(Path.of(uri))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("00000");
    }

    Dataset<Row> df = spark.read().parquet(uri.toString());

    assertReads(df, rows);
    // the values above 2^53 arrive exact
    assertThat(df.filter("maybeLong = " + (Rows.BIG + 3)).count()).isEqualTo(1);
  }

  @Test
  void sparkReadsParquet_severalFiles_everyFileAndRow() throws Exception {
    List<Everything> rows = Rows.everything(3000);
    Literal literal = FerryWrites.literal(plane(), rows, Everything.class, 64 * 1024);
    StructuredDataset ds = FerryWrites.read(plane(), literal);
    List<URI> files = ds.open(Everything.class).files();
    assertThat(files).hasSizeGreaterThan(2);

    Dataset<Row> df = spark.read().parquet(ds.uri().orElseThrow().toString());

    assertReads(df, rows);
    assertThat(
            df.select(functions.input_file_name()).distinct().collectAsList().stream()
                .map(r -> URI.create(r.getString(0)).getPath())
                .sorted()
                .toList())
        .isEqualTo(files.stream().map(URI::getPath).sorted().toList());
  }
}
