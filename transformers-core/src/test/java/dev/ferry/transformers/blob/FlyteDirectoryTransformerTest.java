package dev.ferry.transformers.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.engine.DataTransferException;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.BlobType;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlyteDirectoryTransformerTest {
  @TempDir Path tmp;

  record Run(String name, FlyteFile log, FlyteDirectory outputs) {}

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TypeRef<FlyteDirectory> type = TypeRef.of(FlyteDirectory.class);
  private DataPlane plane;
  private TransformContext ctx;

  @BeforeEach
  void setUp() {
    BlobStores stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()));
    plane = DataPlane.of(stores, URI.create("memory://raw"), tmp.resolve("downloads"));
    ctx = plane.attach(TransformContext.at("inputs"));
  }

  private Path tree() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("data/nested"));
    Files.writeString(tmp.resolve("data/a.txt"), "A");
    Files.writeString(dir.resolve("b.txt"), "B");
    return tmp.resolve("data");
  }

  @Test
  void roundTrip_localDirectoryUploadedAndListedLazily() throws Exception {
    Literal literal = engine.toLiteral(FlyteDirectory.of(tree()), type, ctx);
    String uri = literal.getScalar().getBlob().getUri();
    assertThat(uri).matches("memory://raw/[0-9a-f]{32}");
    assertThat(literal.getScalar().getBlob().getMetadata().getType().getDimensionality())
        .isEqualTo(BlobType.BlobDimensionality.MULTIPART);

    FlyteDirectory back = engine.toJava(literal, type, ctx);
    List<FlyteFile> files = back.list();
    assertThat(files)
        .extracting(f -> f.uri().toString())
        .containsExactly(uri + "/a.txt", uri + "/nested/b.txt");
    try (InputStream in = back.file("nested/b.txt").open()) {
      assertThat(in.readAllBytes()).containsExactly('B');
    }
    Path local = back.path();
    assertThat(local.resolve("a.txt")).hasContent("A");
    assertThat(local.resolve("nested/b.txt")).hasContent("B");
  }

  @Test
  void remoteDirectoryPassesThroughKeepingItsTrailingSlash() {
    Literal literal =
        engine.toLiteral(FlyteDirectory.of(URI.create("gs://bucket/run/out/")), type, ctx);
    assertThat(literal.getScalar().getBlob().getUri()).isEqualTo("gs://bucket/run/out/");
  }

  @Test
  void insideRecord_pathMapsAndBlobTypesAsThePythonSdk() throws Exception {
    Files.writeString(tmp.resolve("run.log"), "ok");
    Run run = new Run("r1", FlyteFile.of(tmp.resolve("run.log")), FlyteDirectory.of(tree()));
    TypeRef<Run> runType = TypeRef.of(Run.class);
    LiteralType lt = engine.literalType(runType);
    assertThat(lt.getStructure().getDataclassTypeOrThrow("log"))
        .isEqualTo(LiteralType.newBuilder().setBlob(BlobType.getDefaultInstance()).build());
    assertThat(lt.getStructure().getDataclassTypeOrThrow("outputs").getBlob().getDimensionality())
        .isEqualTo(BlobType.BlobDimensionality.MULTIPART);

    Literal literal = engine.toLiteral(run, runType, ctx);
    Run back = engine.toJava(literal, runType, ctx);
    assertThat(back.name()).isEqualTo("r1");
    assertThat(back.log().uri().toString()).matches("memory://raw/[0-9a-f]{32}/run\\.log");
    try (InputStream in = back.log().open()) {
      assertThat(in.readAllBytes()).containsExactly('o', 'k');
    }
    assertThat(back.outputs().list()).hasSize(2);
    assertThat(literal.getScalar().getBinary().getValue().toStringUtf8())
        .contains("path")
        .contains(back.log().uri().toString());
  }

  @Test
  void toLiteral_uploadThatTheStoreRefusesIsATransferError() throws Exception {
    Path blocker = Files.writeString(tmp.resolve("blocker"), "not a directory");
    DataPlane broken =
        DataPlane.of(plane.stores(), blocker.resolve("raw").toUri(), tmp.resolve("downloads"));

    assertThatThrownBy(() -> engine.toLiteral(FlyteDirectory.of(tree()), type, broken.attach(ctx)))
        .isInstanceOfSatisfying(
            DataTransferException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.location()).matches("file://" + blocker + "/raw/[0-9a-f]{32}");
              assertThat(e.getMessage())
                  .startsWith("upload of " + e.location() + " failed: ")
                  .endsWith(" (not retryable)");
            });
  }

  @Test
  void listAndDownload_aStoreThatRefusesTheUriIsATransferError() {
    FlyteDirectory bucketless = FlyteDirectory.remote(URI.create("memory:///data/"), "", plane);

    assertThatThrownBy(bucketless::list)
        .isInstanceOf(DataTransferException.class)
        .hasMessage(
            "list of memory:///data/ failed: it names no bucket (memory URIs look like"
                + " memory://bucket/key) (not retryable)")
        .satisfies(e -> assertThat(((DataTransferException) e).retryable()).isFalse());
    assertThatThrownBy(bucketless::path)
        .isInstanceOf(DataTransferException.class)
        .hasMessageStartingWith("download of memory:///data/ failed: ");
  }
}
