package dev.ferry.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.blob.BlobStores;
import dev.ferry.blob.testing.S3MockServer;
import dev.ferry.executor.internal.Blobs;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import dev.ferry.testdata.IntegrationTest;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run whose documents live on the s3 store (S3Mock as a subprocess, as blob-io starts it). */
@IntegrationTest
class S3RunTest {
  record Words(String a, String b) {}

  static String concat(Words w) {
    return w.a() + w.b();
  }

  static final Task<Words, String> CONCAT =
      TaskEnvironment.of("s3").task("concat", S3RunTest::concat);

  static String outer(Words w) {
    return CONCAT.call(w).toUpperCase(java.util.Locale.ROOT);
  }

  static final Task<Words, String> OUTER = TaskEnvironment.of("s3").task("outer", S3RunTest::outer);

  static S3MockServer server;
  static BlobStores stores;

  @BeforeAll
  static void start() {
    server = S3MockServer.startDedicated();
    server.createBucket("ferry-runs");
    stores = server.stores();
  }

  @AfterAll
  static void stop() throws Exception {
    if (stores != null) {
      stores.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @TempDir Path tmp;

  @Test
  void run_onS3_writesEveryDocumentToTheBucket() throws Exception {
    try (LocalExecutor ferry =
        LocalExecutor.builder()
            .root(URI.create("s3://ferry-runs/runs"))
            .stores(stores)
            .cacheDir(tmp.resolve("cache"))
            .downloads(tmp.resolve("downloads"))
            .build()) {
      Run<String> run = ferry.run(OUTER, new Words("ab", "cd"));

      assertThat(run.output()).isEqualTo("ABCD");
      assertThat(run.directory().toString()).startsWith("s3://ferry-runs/runs/r");
      URI inputs = run.action("a1").attempts().get(0).inputsUri();
      assertThat(inputs.toString()).isEqualTo(run.directory() + "/a1/0/inputs.pb");
      LiteralMap in = LiteralMap.parseFrom(Blobs.read(stores, inputs));
      assertThat(in.getLiteralsOrThrow("a").getScalar().getPrimitive().getStringValue())
          .isEqualTo("ab");
      assertThat(run.outputs().getLiteralsOrThrow("o0").getScalar().getPrimitive().getStringValue())
          .isEqualTo("ABCD");
      assertThat(Blobs.exists(stores, URI.create(run.directory() + "/report.html"))).isTrue();
    }
  }
}
