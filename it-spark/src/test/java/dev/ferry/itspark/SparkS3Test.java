package dev.ferry.itspark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.blob.BlobStores;
import dev.ferry.blob.testing.S3MockServer;
import dev.ferry.dataframe.StructuredDataset;
import dev.ferry.idl.core.Literal;
import dev.ferry.itspark.Rows.Everything;
import dev.ferry.transformers.blob.DataPlane;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Datasets Ferry writes to {@code s3://} (S3Mock on loopback, started as blob-io's tests start it),
 * read by Spark's {@code s3a} (hadoop-aws with the modular AWS SDK v2), through Ferry's own {@code
 * s3://} URI as the literal holds it ({@code fs.s3.impl} set to S3A, as the README says) and as
 * {@code s3a://}.
 */
@Tag("integration")
class SparkS3Test {
  private static final String BUCKET = "ferry-spark";
  private static SparkSession spark;
  private static BlobStores stores;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    S3MockServer server = S3MockServer.shared();
    server.createBucket(BUCKET);
    stores = server.stores();
    spark =
        SparkSessions.start(
            "ferry-it-s3",
            Map.of(
                // the README's settings: s3:// as Ferry writes it, read by S3A
                "spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem",
                "spark.hadoop.fs.s3a.endpoint", server.endpoint().toString(),
                "spark.hadoop.fs.s3a.endpoint.region", "us-east-1",
                "spark.hadoop.fs.s3a.path.style.access", "true",
                "spark.hadoop.fs.s3a.connection.ssl.enabled", "false",
                "spark.hadoop.fs.s3a.access.key", server.accessKeyId(),
                "spark.hadoop.fs.s3a.secret.key", server.secretAccessKey(),
                "spark.hadoop.fs.s3a.aws.credentials.provider",
                    "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider"));
  }

  @AfterAll
  static void stop() throws Exception {
    spark.stop();
    stores.close();
  }

  private static DataPlane plane(String run) {
    return DataPlane.of(stores, URI.create("s3://" + BUCKET + "/" + run), tmp.resolve("dl"));
  }

  @Test
  void sparkReadsS3_oneFile_asFerryWroteTheUri() {
    List<Everything> rows = Rows.everything(200);
    URI uri = FerryWrites.write(plane("one"), rows, Everything.class, 0);
    assertThat(uri.getScheme()).isEqualTo("s3");

    Dataset<Row> df = spark.read().parquet(uri.toString());

    SparkReadsFerryTest.assertReads(df, rows);
  }

  @Test
  void sparkReadsS3_severalFiles_s3aAndS3() throws Exception {
    List<Everything> rows = Rows.everything(3000);
    Literal literal = FerryWrites.literal(plane("several"), rows, Everything.class, 64 * 1024);
    StructuredDataset ds = FerryWrites.read(plane("several"), literal);
    assertThat(ds.open(Everything.class).files()).hasSizeGreaterThan(2);
    String uri = ds.uri().orElseThrow().toString();

    SparkReadsFerryTest.assertReads(spark.read().parquet(uri), rows);
    SparkReadsFerryTest.assertReads(
        spark.read().parquet(uri.replaceFirst("^s3://", "s3a://")), rows);
  }
}
