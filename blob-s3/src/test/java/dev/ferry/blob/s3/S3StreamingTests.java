package dev.ferry.blob.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.ProgressRecorder;
import dev.ferry.blob.ReadOptions;
import dev.ferry.blob.WriteOptions;
import dev.ferry.blob.spi.Crc32cs;
import dev.ferry.blob.testing.FaultProxy;
import dev.ferry.blob.testing.HttpRequestHead;
import dev.ferry.blob.testing.S3Server;
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
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * The streaming write path on a real server: multipart above one part with a CRC32C per part, parts
 * uploading while the stream is written, memory within {@code partSize x (concurrency + 1)}, one
 * PutObject within one part, abort and failure leaving nothing. Each server's test extends this
 * class.
 */
@IntegrationTest
abstract class S3StreamingTests {
  static final int MIB = 1024 * 1024;
  static final int PART = 5 * MIB;

  @TempDir Path local;

  /** Returns the store, bucket and prefix of the test. */
  protected abstract S3StoreExtension s3();

  @Test
  void create_aboveOnePart_uploadsPartsWithTheirCrc32c() throws IOException {
    byte[] data = random(23 * MIB + 17, 1);
    URI uri = s3().uri("multi.bin");
    BlobOutputStream out;
    try (FaultProxy proxy = FaultProxy.start(server().endpoint());
        S3BlobStore store = new S3BlobStore(server().settings(proxy.endpoint()))) {
      out = store.create(uri, options(3));
      writeInChunks(out, data, 100_003);
      out.commit();

      List<HttpRequestHead> parts = proxy.requests(FaultProxy.uploadPart());
      assertThat(parts).hasSize(5);
      for (HttpRequestHead part : parts) {
        int number = Integer.parseInt(String.valueOf(part.queryValue("partNumber")));
        int from = (number - 1) * PART;
        int to = Math.min(data.length, from + PART);
        assertThat(part.headers.get("x-amz-checksum-crc32c"))
            .as("part %d", number)
            .isEqualTo(Crc32cs.base64(Crc32cs.of(data, from, to - from)));
      }
      assertThat(proxy.requests(FaultProxy.createMultipartUpload())).hasSize(1);
      assertThat(proxy.requests(FaultProxy.completeMultipartUpload())).hasSize(1);
      assertThat(proxy.requests(FaultProxy.putObject())).isEmpty();
    }

    assertThat(out.info().size()).isEqualTo(data.length);
    assertThat(out.info().crc32c()).isEqualTo(hexCrc(data));
    BlobInfo stat = s3().store().stat(uri).orElseThrow();
    assertThat(stat.size()).isEqualTo(data.length);
    if (server().keepsChecksums()) {
      assertThat(stat.crc32c()).isEqualTo(hexCrc(data)); // the whole-object CRC32C S3 checked
    }
    assertBytes(read(uri), data);
  }

  @Test
  void create_partsUploadWhileTheStreamIsWritten() throws Exception {
    URI uri = s3().uri("while-writing.bin");
    List<Long> uploaded = new CopyOnWriteArrayList<>();
    BlobOutputStream out =
        s3().store().create(uri, options(2).withProgress((u, done, total) -> uploaded.add(done)));
    byte[] data = random(3 * PART + 1, 2); // the extra byte sends the third part
    writeInChunks(out, data, 64 * 1024);

    await(() -> !uploaded.isEmpty() && uploaded.get(uploaded.size() - 1) >= 2L * PART);
    assertThat(uploaded).contains((long) PART, 2L * PART);
    assertThat(s3().store().exists(uri)).isFalse(); // nothing visible before Complete
    if (server().listsMultipartUploads()) {
      assertThat(uploads(s3().key("while-writing.bin"))).hasSize(1);
    }

    out.commit();
    assertThat(uploaded.get(uploaded.size() - 1)).isEqualTo(data.length);
    assertBytes(read(uri), data);
  }

  @Test
  void create_memoryStaysWithinPartSizeTimesConcurrencyPlusOne() throws IOException {
    byte[] data = random(6 * PART + 123, 3);
    URI uri = s3().uri("bounded.bin");
    S3OutputStream stream;
    try (FaultProxy proxy = FaultProxy.start(server().endpoint());
        S3BlobStore store = new S3BlobStore(server().settings(proxy.endpoint()))) {
      proxy.slowLink(Duration.ofMillis(20), 25_000_000); // parts upload slower than they fill
      stream = (S3OutputStream) store.create(uri, options(2));
      writeInChunks(stream, data, 64 * 1024);
      stream.commit();
    }

    PartBuffers buffers = stream.buffers();
    assertThat(buffers.peakLiveBuffers()).isBetween(2, 3); // concurrency + 1 at most
    assertThat(buffers.peakRetainedBytes()).isLessThanOrEqualTo(3L * PART);
    assertThat(buffers.liveBuffers()).isZero();
    assertBytes(read(uri), data);
  }

  @Test
  void create_exactlyOnePart_isOnePutObject() throws IOException {
    byte[] data = random(PART, 4);
    URI uri = s3().uri("one-part.bin");
    try (FaultProxy proxy = FaultProxy.start(server().endpoint());
        S3BlobStore store = new S3BlobStore(server().settings(proxy.endpoint()))) {
      BlobOutputStream out = store.create(uri, options(2));
      writeInChunks(out, data, 1_000_000);
      out.commit();

      assertThat(proxy.requests(FaultProxy.putObject())).hasSize(1);
      assertThat(proxy.requests(FaultProxy.putObject()).get(0).headers)
          .containsEntry("x-amz-checksum-crc32c", Crc32cs.base64(Crc32cs.of(data)));
      assertThat(proxy.requests(FaultProxy.createMultipartUpload())).isEmpty();
      assertThat(out.info().crc32c()).isEqualTo(hexCrc(data));
    }
    assertBytes(read(uri), data);
  }

  @Test
  void abort_afterParts_leavesNoObjectAndNoUpload() throws Exception {
    URI uri = s3().uri("aborted.bin");
    List<Long> uploaded = new CopyOnWriteArrayList<>();
    BlobOutputStream out =
        s3().store().create(uri, options(2).withProgress((u, d, t) -> uploaded.add(d)));
    writeInChunks(out, random(2 * PART + 10, 5), 1_000_000);
    await(() -> !uploaded.isEmpty());

    out.abort();

    assertThat(s3().store().exists(uri)).isFalse();
    if (server().listsMultipartUploads()) {
      assertThat(uploads(s3().key("aborted.bin"))).isEmpty();
    }
  }

  @Test
  void failedPart_commitRethrows_andNothingIsLeft() throws IOException {
    URI uri = s3().uri("failing.bin");
    try (FaultProxy proxy = FaultProxy.start(server().endpoint());
        S3BlobStore store = new S3BlobStore(server().settings(proxy.endpoint()))) {
      proxy.respondSlowDown(FaultProxy.uploadPart(), 1, 1000);
      BlobOutputStream out = store.create(uri, options(2));

      assertThatThrownBy(
              () -> {
                writeInChunks(out, random(3 * PART, 6), 1_000_000);
                out.commit();
              })
          .isInstanceOfSatisfying(
              BlobStoreException.class,
              e -> {
                assertThat(e.operation()).isEqualTo("write");
                assertThat(e.uri()).isEqualTo(uri);
                assertThat(e.getMessage())
                    .startsWith("write " + uri + " failed: ")
                    .containsPattern(
                        "UploadPart \\d: HTTP 503 SlowDown: Please reduce your request"
                            + " rate\\. \\(after 5 attempts\\)");
              });
      assertThatThrownBy(out::commit)
          .isInstanceOf(BlobStoreException.class)
          .hasMessageStartingWith("write " + uri + " failed: nothing committed: UploadPart ");
    }
    assertThat(s3().store().exists(uri)).isFalse();
    if (server().listsMultipartUploads()) {
      assertThat(uploads(s3().key("failing.bin"))).isEmpty();
    }
  }

  @Test
  void upload_fileAboveOnePart_sendsRegionsOfTheFileAsParts() throws IOException {
    byte[] data = random(12 * MIB + 7, 7);
    Path file = Files.write(local.resolve("big.bin"), data);
    URI uri = s3().uri("uploaded.bin");
    ProgressRecorder progress = new ProgressRecorder();
    try (FaultProxy proxy = FaultProxy.start(server().endpoint());
        S3BlobStore store = new S3BlobStore(server().settings(proxy.endpoint()))) {
      store.upload(file, uri, options(2).withProgress(progress));

      List<HttpRequestHead> parts = proxy.requests(FaultProxy.uploadPart());
      assertThat(parts).hasSize(3);
      for (HttpRequestHead part : parts) {
        int number = Integer.parseInt(String.valueOf(part.queryValue("partNumber")));
        int from = (number - 1) * PART;
        int to = Math.min(data.length, from + PART);
        assertThat(part.headers.get("x-amz-checksum-crc32c"))
            .isEqualTo(Crc32cs.base64(Crc32cs.of(data, from, to - from)));
      }
    }

    progress.assertComplete(uri, data.length);
    if (server().keepsChecksums()) {
      assertThat(s3().store().stat(uri).orElseThrow().crc32c()).isEqualTo(hexCrc(data));
    }
    Path back = local.resolve("back/big.bin");
    s3().store().download(uri, back, ReadOptions.defaults().withChunkSize(2 * MIB));
    assertBytes(Files.readAllBytes(back), data);
  }

  // ---- helpers ----

  /** Returns the server of the test. */
  S3Server server() {
    return s3().server();
  }

  static WriteOptions options(int concurrency) {
    return WriteOptions.defaults().withPartSize(PART).withConcurrency(concurrency);
  }

  /** Returns the multipart uploads in progress whose key starts with {@code keyPrefix}. */
  List<MultipartUpload> uploads(String keyPrefix) {
    return s3().store()
        .client()
        .listMultipartUploads(r -> r.bucket(s3().bucket()).prefix(keyPrefix))
        .join()
        .uploads();
  }

  byte[] read(URI uri) throws IOException {
    try (InputStream in = s3().store().open(uri)) {
      return in.readAllBytes();
    }
  }

  static void writeInChunks(BlobOutputStream out, byte[] data, int chunk) throws IOException {
    for (int pos = 0; pos < data.length; pos += chunk) {
      out.write(data, pos, Math.min(chunk, data.length - pos));
    }
  }

  static byte[] random(int n, long seed) {
    byte[] bytes = new byte[n];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Asserts equal bytes without printing megabytes when they differ. */
  static void assertBytes(byte[] actual, byte[] expected) {
    assertThat(actual.length).as("length").isEqualTo(expected.length);
    assertThat(Arrays.mismatch(actual, expected))
        .as("index of the first differing byte")
        .isEqualTo(-1);
  }

  static String hexCrc(byte[] data) {
    return Crc32cs.hex(Crc32cs.of(data));
  }

  /** Waits up to 30 s for {@code condition}; fails the test if it never holds. */
  static void await(BooleanSupplier condition) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(condition::getAsBoolean);
  }
}
