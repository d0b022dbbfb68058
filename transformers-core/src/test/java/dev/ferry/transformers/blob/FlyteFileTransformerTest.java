package dev.ferry.transformers.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.BlobStores;
import dev.ferry.engine.DataTransferException;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.BlobType;
import dev.ferry.idl.core.Literal;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlyteFileTransformerTest {
  @TempDir Path tmp;

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TypeRef<FlyteFile> type = TypeRef.of(FlyteFile.class);
  private BlobStores stores;
  private DataPlane plane;
  private TransformContext ctx;

  @BeforeEach
  void setUp() {
    stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()));
    plane = DataPlane.of(stores, URI.create("memory://raw/prefix/"), tmp.resolve("downloads"));
    ctx = plane.attach(TransformContext.at("inputs.report"));
  }

  private Path localFile(String name, String content) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  @Test
  void toLiteral_localFileIsUploadedUnderTheRawPrefix() throws Exception {
    Path local = localFile("report.csv", "a,b\n1,2\n");
    Literal literal = engine.toLiteral(FlyteFile.of(local).withFormat("csv"), type, ctx);

    String uri = literal.getScalar().getBlob().getUri();
    assertThat(uri).matches("memory://raw/prefix/[0-9a-f]{32}/report\\.csv");
    assertThat(literal.getScalar().getBlob().getMetadata().getType().getFormat()).isEqualTo("csv");
    assertThat(literal.getScalar().getBlob().getMetadata().getType().getDimensionality())
        .isEqualTo(BlobType.BlobDimensionality.SINGLE);
    assertThat(literal.getHash()).isEmpty();
    try (InputStream in = stores.forUri(URI.create(uri)).open(URI.create(uri))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
    }
  }

  @Test
  void toLiteral_contentHashIsTheSha256OfTheBytes() throws Exception {
    Path local = localFile("data.bin", "hello");
    Literal literal =
        engine.toLiteral(FlyteFile.of(local), type, plane.withContentHash(true).attach(ctx));
    String expected =
        Base64.getEncoder()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest("hello".getBytes(StandardCharsets.UTF_8)));
    assertThat(literal.getHash()).isEqualTo(expected);
    assertThat(engine.toJava(literal, type, ctx).hash()).contains(expected);
  }

  @Test
  void toLiteral_remoteFilePassesThroughWithoutACopy() throws Exception {
    URI remote = URI.create("s3://bucket/data/x.parquet");
    Literal literal = engine.toLiteral(FlyteFile.of(remote), type, ctx);
    assertThat(literal.getScalar().getBlob().getUri()).isEqualTo("s3://bucket/data/x.parquet");
    assertThat(
            stores
                .forUri(URI.create("memory://raw/prefix"))
                .list(URI.create("memory://raw/prefix")))
        .isEmpty();
  }

  @Test
  void toJava_isALazyHandleThatStreamsAndDownloads() throws Exception {
    Literal literal = engine.toLiteral(FlyteFile.of(localFile("notes.txt", "lazy")), type, ctx);
    FlyteFile back = engine.toJava(literal, type, ctx);

    assertThat(back.isLocal()).isFalse();
    assertThat(back.name()).isEqualTo("notes.txt");
    try (InputStream in = back.open()) {
      assertThat(in.readAllBytes()).isEqualTo("lazy".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(tmp.resolve("downloads")).doesNotExist(); // open() did not download
    Path downloaded = back.path();
    assertThat(downloaded).startsWith(tmp.resolve("downloads")).hasContent("lazy");
    assertThat(back.path()).isEqualTo(downloaded);
  }

  @Test
  void create_newRemoteFileWrittenByStream() throws Exception {
    FlyteFile fresh = FlyteFile.create(plane, "model.bin");
    try (BlobOutputStream out = fresh.openWrite()) {
      out.write(new byte[] {1, 2, 3});
      out.commit();
    }
    Literal literal = engine.toLiteral(fresh, type, ctx);
    assertThat(literal.getScalar().getBlob().getUri()).isEqualTo(fresh.uri().toString());
    try (InputStream in = engine.toJava(literal, type, ctx).open()) {
      assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
    }
  }

  @Test
  void create_writeHelper_commitsWhenTheProducerReturns() throws Exception {
    FlyteFile fresh = FlyteFile.create(plane, "weights.bin");

    assertThat(fresh.write(out -> out.write(new byte[] {4, 5})).size()).isEqualTo(2);

    try (InputStream in = fresh.open()) {
      assertThat(in.readAllBytes()).containsExactly(4, 5);
    }
  }

  @Test
  void create_producerThrows_nothingAppears() throws Exception {
    FlyteFile fresh = FlyteFile.create(plane, "partial.bin");

    assertThatThrownBy(
            () ->
                fresh.write(
                    out -> {
                      out.write(new byte[1000]);
                      throw new IOException("model export failed");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("model export failed");
    try (BlobOutputStream out = fresh.openWrite()) {
      out.write(new byte[] {9}); // a try block left without commit() discards too
    }

    assertThat(stores.forUri(fresh.uri()).exists(fresh.uri())).isFalse();
  }

  @Test
  void literal_metadataTypeIsPresentEvenWhenEmpty() {
    Literal literal = engine.toLiteral(FlyteFile.of(URI.create("s3://b/k")), type, ctx);
    assertThat(literal.getScalar().getBlob().hasMetadata()).isTrue();
    assertThat(literal.getScalar().getBlob().getMetadata().hasType()).isTrue();
    assertThat(engine.literalType(type).hasBlob()).isTrue();
    assertThat(Literals.toBytes(literal))
        .startsWith(0x0a) // scalar
        .containsSequence(0x0a, 0x02, 0x0a, 0x00); // metadata { type {} }
  }

  @Test
  void toLiteral_missingLocalFileIsADataError() {
    assertThatThrownBy(() -> engine.toLiteral(FlyteFile.of(tmp.resolve("nope.csv")), type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected an existing regular file but was '"
                + tmp.resolve("nope.csv")
                + "' at inputs.report");
  }

  @Test
  void toJava_directoryBlobIsNotAFile() {
    Literal dir =
        BlobLiterals.literal(
            URI.create("s3://b/dir"), "", BlobType.BlobDimensionality.MULTIPART, null);
    assertThatThrownBy(() -> engine.toJava(dir, type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected a single-file blob but was a multipart blob (a directory) 's3://b/dir' at"
                + " inputs.report");
  }

  @Test
  void toLiteral_localFileWithoutADataPlaneSaysHowToAddOne() throws Exception {
    Path local = localFile("x.txt", "x");
    assertThatThrownBy(() -> engine.toLiteral(FlyteFile.of(local), type, TransformContext.at("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "files and directories need a DataPlane in the TransformContext: "
                + "ctx = DataPlane.local(dir).attach(ctx)");
  }

  @Test
  void toLiteral_uploadThatTheStoreRefusesIsATransferError() throws Exception {
    Path blocker = localFile("blocker", "a regular file where the raw prefix needs a directory");
    DataPlane broken = DataPlane.of(stores, blocker.resolve("raw").toUri(), tmp);
    Path local = localFile("report.csv", "a,b\n");

    assertThatThrownBy(() -> engine.toLiteral(FlyteFile.of(local), type, broken.attach(ctx)))
        .isInstanceOfSatisfying(
            DataTransferException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.location())
                  .matches("file://" + blocker + "/raw/[0-9a-f]{32}/report.csv");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "upload of "
                          + e.location()
                          + " failed: not a directory: "
                          + blocker
                          + " (not retryable)");
              assertThat(e).hasCauseInstanceOf(BlobStoreException.class);
            });
  }

  @Test
  void open_missingRemoteFileIsATransferErrorNamingTheUri() {
    FlyteFile missing =
        engine.toJava(
            BlobLiterals.literal(
                URI.create("memory://raw/prefix/none.txt"),
                "",
                BlobType.BlobDimensionality.SINGLE,
                null),
            type,
            ctx);

    assertThatThrownBy(missing::open)
        .isInstanceOf(DataTransferException.class)
        .hasMessage("open of memory://raw/prefix/none.txt failed: no such object (not retryable)")
        .satisfies(e -> assertThat(((DataTransferException) e).retryable()).isFalse());
    assertThatThrownBy(missing::path)
        .isInstanceOf(DataTransferException.class)
        .hasMessage(
            "download of memory://raw/prefix/none.txt failed: no such object (not retryable)");
  }
}
