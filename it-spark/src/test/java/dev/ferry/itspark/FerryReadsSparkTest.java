package dev.ferry.itspark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.dataframe.DatasetReader;
import dev.ferry.dataframe.StructuredDataset;
import dev.ferry.dataframe.parquet.DecimalColumn;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.transformers.blob.DataPlane;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reverse: a directory Spark wrote ({@code _SUCCESS}, {@code .crc} files, {@code
 * part-*.snappy.parquet}) read by Ferry as a dataset, the bookkeeping files ignored.
 */
@Tag("integration")
class FerryReadsSparkTest {
  /** The rows as Ferry reads them back. */
  record Sold(
      long id,
      String name,
      Optional<Double> score,
      @DecimalColumn(precision = 12, scale = 2) BigDecimal amount,
      LocalDate day,
      Instant at,
      List<Long> ids) {}

  private static SparkSession spark;
  private static BlobStores stores;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    // Spark writes timestamps as INT96 unless told otherwise; Ferry reads the standard type
    spark =
        SparkSessions.start(
            "ferry-it-reverse",
            Map.of("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS"));
    stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()));
  }

  @AfterAll
  static void stop() throws Exception {
    spark.stop();
    stores.close();
  }

  static List<Sold> sold(int n) {
    return IntStream.range(0, n)
        .mapToObj(
            k ->
                new Sold(
                    k,
                    "n" + k,
                    k % 3 == 0 ? Optional.empty() : Optional.of(k / 4.0),
                    BigDecimal.valueOf(k * 7L, 2),
                    LocalDate.of(2025, 1, 1).plusDays(k),
                    Instant.ofEpochSecond(1_750_000_000L + k, k * 1000L),
                    List.of((long) k, -1L)))
        .toList();
  }

  @Test
  void ferryReadsSparkDirectory_ignoresSuccessAndCrcFiles() throws Exception {
    List<Sold> rows = sold(500);
    StructType schema =
        new StructType()
            .add("id", DataTypes.LongType, false)
            .add("name", DataTypes.StringType, false)
            .add("score", DataTypes.DoubleType, true)
            .add("amount", DataTypes.createDecimalType(12, 2), false)
            .add("day", DataTypes.DateType, false)
            .add("at", DataTypes.TimestampType, false)
            .add("ids", DataTypes.createArrayType(DataTypes.LongType, false), false);
    List<org.apache.spark.sql.Row> sparkRows = new ArrayList<>();
    for (Sold s : rows) {
      sparkRows.add(
          org.apache.spark.sql.RowFactory.create(
              s.id(),
              s.name(),
              s.score().orElse(null),
              s.amount(),
              s.day(),
              s.at(),
              scala.jdk.javaapi.CollectionConverters.asScala(s.ids()).toSeq()));
    }
    Path dir = tmp.resolve("spark-out");
    spark
        .createDataFrame(sparkRows, schema)
        .repartition(3)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(dir.toString());
    List<String> names;
    try (Stream<Path> files = Files.list(dir)) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(names).contains("_SUCCESS", "._SUCCESS.crc");
    assertThat(names).filteredOn(n -> n.endsWith(".crc")).hasSize(4);
    assertThat(names)
        .filteredOn(n -> !n.startsWith("_") && !n.startsWith("."))
        .hasSize(3)
        .allMatch(n -> n.matches("part-0000[0-2]-.*\\.snappy\\.parquet"));

    DataPlane plane = DataPlane.of(stores, tmp.resolve("raw").toUri(), tmp.resolve("dl"));
    StructuredDataset ds = StructuredDataset.of(dir.toUri(), "parquet").withDataPlane(plane);
    DatasetReader<Sold> reader = ds.open(Sold.class);

    assertThat(reader.files())
        .extracting(u -> Path.of(u).getFileName().toString())
        .hasSize(3)
        .allMatch(n -> n.startsWith("part-") && n.endsWith(".snappy.parquet"));
    List<Sold> read = new ArrayList<>(reader.all());
    read.sort((a, b) -> Long.compare(a.id(), b.id()));
    assertThat(read).isEqualTo(rows);
    try (var allocator = new RootAllocator();
        var batches = ds.openArrow(allocator, List.of("id", "name"), 1000)) {
      long n = 0;
      while (batches.loadNextBatch()) {
        n += batches.root().getRowCount();
      }
      assertThat(n).isEqualTo(rows.size());
    }
  }

  @Test
  void ferryReadsSparkDirectory_throughTheTypeEngine() throws Exception {
    Path dir = tmp.resolve("spark-ids");
    spark.range(0, 1000).coalesce(2).write().parquet(dir.toString());
    record Id(long id) {}
    TypeEngine engine = TypeEngine.createDefault();
    DataPlane plane = DataPlane.of(stores, tmp.resolve("raw").toUri(), tmp.resolve("dl"));
    TransformContext ctx = plane.attach(TransformContext.at("inputs.ids"));
    TypeRef<StructuredDataset> type = TypeRef.of(StructuredDataset.class);
    Literal literal = engine.toLiteral(StructuredDataset.of(dir.toUri(), "parquet"), type, ctx);
    assertThat(literal.getScalar().getStructuredDataset().getUri())
        .isEqualTo(dir.toUri().toString());

    List<Id> ids = new ArrayList<>(engine.toJava(literal, type, ctx).open(Id.class).all());

    assertThat(ids.stream().map(Id::id).sorted().toList())
        .isEqualTo(spark.range(0, 1000).as(Encoders.LONG()).collectAsList());
  }
}
