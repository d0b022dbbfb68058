package dev.ferry.blob.s3;

import static dev.ferry.blob.s3.S3StreamingTests.MIB;
import static dev.ferry.blob.s3.S3StreamingTests.PART;
import static dev.ferry.blob.s3.S3StreamingTests.assertBytes;
import static dev.ferry.blob.s3.S3StreamingTests.await;
import static dev.ferry.blob.s3.S3StreamingTests.hexCrc;
import static dev.ferry.blob.s3.S3StreamingTests.options;
import static dev.ferry.blob.s3.S3StreamingTests.random;
import static dev.ferry.blob.s3.S3StreamingTests.writeInChunks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.BlobStores;
import dev.ferry.blob.ReadOptions;
import dev.ferry.blob.testing.S3MockServer;
import dev.ferry.blob.testing.S3StoreExtension;
import dev.ferry.testdata.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/** What the S3 store does beyond the contract, on S3Mock. */
@IntegrationTest
class S3BlobStoreTest {
  @RegisterExtension static final S3StoreExtension s3 = S3StoreExtension.on(S3MockServer::shared);

  @TempDir Path local;

  @Test
  void create_abandonedStream_isAbortedOnceUnreachable() throws Exception {
    String key = s3.key("abandoned.bin");
    writeWithoutClosing(s3.uri("abandoned.bin"));

    Awaitility.await("the Cleaner aborts the upload of the dropped stream")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              System.gc(); // the Cleaner aborts once the stream is collected
              return uploads(key).isEmpty();
            });
    assertThat(s3.store().exists(s3.uri("abandoned.bin"))).isFalse();
  }

  /** Writes two parts and a bit, waits until the upload exists, and drops the stream. */
  private void writeWithoutClosing(URI uri) throws Exception {
    BlobOutputStream out = s3.store().create(uri, options(2));
    writeInChunks(out, random(2 * PART + 100, 30), 1 << 20);
    String key = s3.key("abandoned.bin");
    await(() -> uploads(key).size() == 1);
  }

  @Test
  void stat_singlePut_reportsTheCrc32cS3Checked() throws IOException {
    byte[] data = random(300_000, 31);
    URI uri = s3.uri("small.bin");
    try (BlobOutputStream out = s3.store().create(uri)) {
      out.write(data);
      out.commit();
    }

    BlobInfo info = s3.store().stat(uri).orElseThrow();
    assertThat(info.size()).isEqualTo(data.length);
    assertThat(info.crc32c()).isEqualTo(hexCrc(data));
    assertThat(info.etag()).isNotEmpty().doesNotContain("\"");
  }

  @Test
  void open_readAheadOverManyChunks_returnsTheBytes() throws IOException {
    byte[] data = random(7 * MIB + 5, 32);
    URI uri = s3.uri("chunks.bin");
    try (BlobOutputStream out = s3.store().create(uri, options(3))) {
      out.write(data);
      out.commit();
    }

    for (int readAhead : new int[] {0, 1, 6}) {
      ReadOptions options =
          ReadOptions.defaults().withChunkSize(512 * 1024).withReadAhead(readAhead);
      try (InputStream in = s3.store().open(uri, options)) {
        assertBytes(in.readAllBytes(), data);
      }
    }
    try (InputStream in = s3.store().openRange(uri, 3 * MIB - 10, 2 * MIB)) {
      assertBytes(in.readAllBytes(), Arrays.copyOfRange(data, 3 * MIB - 10, 5 * MIB - 10));
    }
  }

  @Test
  void openRange_acrossChunks_clampedToTheEnd() throws IOException {
    byte[] data = random(9 * MIB + 5, 34);
    URI uri = s3.uri("ranges.bin");
    try (BlobOutputStream out = s3.store().create(uri, options(2))) {
      out.write(data);
      out.commit();
    }

    try (InputStream in =
        s3.store().openRange(uri, 100, data.length - 200)) { // 8 MiB, then the rest
      assertBytes(in.readAllBytes(), Arrays.copyOfRange(data, 100, data.length - 100));
    }
    try (InputStream in = s3.store().openRange(uri, MIB, 20L * MIB)) {
      assertBytes(in.readAllBytes(), Arrays.copyOfRange(data, MIB, data.length));
    }
    URI empty = s3.uri("empty.bin");
    s3.store().create(empty).commit();
    try (InputStream in = s3.store().openRange(empty, 0, 10)) {
      assertThat(in.readAllBytes()).isEmpty();
    }
  }

  @Test
  void create_checksumsOff_sendsNone_andStillRoundTrips() throws IOException {
    byte[] data = random(11 * MIB, 35);
    URI uri = s3.uri("no-checksums.bin");
    BlobOutputStream out = s3.store().create(uri, options(2).withChecksum(false));
    out.write(data);
    out.commit();

    assertThat(out.info().crc32c()).isNull();
    assertThat(s3.store().stat(uri).orElseThrow().crc32c()).isNull();
    try (InputStream in = s3.store().open(uri, ReadOptions.defaults().withChecksum(false))) {
      assertBytes(in.readAllBytes(), data);
    }
  }

  @Test
  void create_noBucket_failsNamingS3sError() throws IOException {
    URI uri = URI.create("s3://ferry-no-such-bucket/key");
    BlobOutputStream out = s3.store().create(uri);
    out.write(1);

    assertThatThrownBy(out::commit)
        .isInstanceOf(BlobStoreException.class)
        .hasMessage(
            "write "
                + uri
                + " failed: PutObject: HTTP 404 NoSuchBucket: The specified bucket does not"
                + " exist.");
  }

  @Test
  void badUris_areRejectedNamingTheProblem() {
    assertThatThrownBy(() -> s3.store().create(URI.create("s3:///key")))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage(
            "write s3:///key failed: it names no bucket (s3 URIs look like s3://bucket/key)");
    assertThatThrownBy(() -> s3.store().open(URI.create("s3://bucket")))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage(
            "open s3://bucket failed: it names no object (s3 URIs look like s3://bucket/key)");
    assertThatThrownBy(() -> s3.store().stat(URI.create("gs://bucket/key")))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage(
            "stat gs://bucket/key failed: not an s3 URI (s3 URIs look like s3://bucket/key)");
  }

  @Test
  void list_skipsFolderMarkers() throws IOException {
    putRaw(s3.key("dir/"), new byte[0]);
    putRaw(s3.key("dir/sub/"), new byte[0]);
    putRaw(s3.key("dir/sub/a"), new byte[] {1});

    assertThat(s3.store().list(s3.uri("dir")))
        .extracting(BlobInfo::uri)
        .containsExactly(s3.uri("dir/sub/a"));
  }

  @Test
  void downloadDirectory_unsafeKeys_rejectedBeforeAnythingIsWritten() throws IOException {
    putRaw(s3.key("tree/fine.txt"), new byte[] {1});
    putRaw(s3.key("tree/../escaped.txt"), new byte[] {2});
    putRaw(s3.key("tree//etc/passwd"), new byte[] {3});
    // (S3Mock's Tomcat refuses keys with a backslash; SafePathsTest covers those)
    Path target = local.resolve("target");

    assertThatThrownBy(
            () -> s3.store().downloadDirectory(s3.uri("tree"), target, ReadOptions.defaults()))
        .isInstanceOfSatisfying(
            BlobStoreException.class,
            e -> {
              List<String> reasons =
                  Stream.concat(Stream.of(e), Stream.of(e.getSuppressed()))
                      .map(t -> ((BlobStoreException) t).reason())
                      .toList();
              assertThat(reasons)
                  .containsExactlyInAnyOrder(
                      "unsafe key '../escaped.txt': it has a '..' segment",
                      "unsafe key '/etc/passwd': it is absolute");
              assertThat(e.operation()).isEqualTo("downloadDirectory");
            });
    assertThat(target).doesNotExist();
    assertThat(local.resolve("escaped.txt")).doesNotExist();
  }

  @Test
  void uploadDirectory_downloadDirectory_withMultipartFiles() throws IOException {
    Path source = Files.createDirectories(local.resolve("source/nested"));
    byte[] big = random(11 * MIB, 33);
    Files.write(source.resolve("big.bin"), big);
    Files.write(source.resolve("small.txt"), new byte[] {1, 2, 3});
    URI prefix = s3.uri("dir-round-trip");

    List<URI> up = s3.store().uploadDirectory(local.resolve("source"), prefix, options(2));
    List<Path> down =
        s3.store()
            .downloadDirectory(
                prefix, local.resolve("back"), ReadOptions.defaults().withChunkSize(2 * MIB));

    assertThat(up)
        .containsExactly(
            s3.uri("dir-round-trip/nested/big.bin"), s3.uri("dir-round-trip/nested/small.txt"));
    assertThat(down).hasSize(2);
    assertBytes(Files.readAllBytes(local.resolve("back/nested/big.bin")), big);
    assertThat(s3.store().stat(up.get(0)).orElseThrow().crc32c()).isEqualTo(hexCrc(big));
  }

  @Test
  void provider_isFoundByScheme_andConfiguredFromSettings() throws IOException {
    BlobStoreConfig config =
        BlobStoreConfig.of(
            Map.of(
                "s3.endpoint", s3.server().endpoint().toString(),
                "s3.access-key-id", s3.server().accessKeyId(),
                "s3.secret-access-key", s3.server().secretAccessKey()),
            Map.of());
    URI uri = s3.uri("via-provider.txt");
    try (BlobStores stores = BlobStores.create(config)) {
      BlobStore store = stores.forUri(uri);
      assertThat(store).isInstanceOf(S3BlobStore.class);
      try (BlobOutputStream out = store.create(uri)) {
        out.write(new byte[] {42});
        out.commit();
      }
      try (InputStream in = store.open(uri)) {
        assertThat(in.readAllBytes()).containsExactly(42);
      }
    }
  }

  private void putRaw(String key, byte[] data) {
    s3.store()
        .client()
        .putObject(r -> r.bucket(s3.bucket()).key(key), AsyncRequestBody.fromBytes(data))
        .join();
  }

  private List<MultipartUpload> uploads(String key) {
    return s3.store()
        .client()
        .listMultipartUploads(r -> r.bucket(s3.bucket()).prefix(key))
        .join()
        .uploads();
  }
}
