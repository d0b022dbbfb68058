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

import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.ReadOptions;
import dev.ferry.blob.testing.FaultProxy;
import dev.ferry.blob.testing.S3MockServer;
import dev.ferry.blob.testing.S3StoreExtension;
import dev.ferry.testdata.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Faults between the store and S3Mock, injected by a {@link FaultProxy}: each ends in a correct
 * object (content and CRC32C checked) after retries, or in a clear error with no object under the
 * key and no multipart upload left behind.
 */
@IntegrationTest
class S3FaultTest {
  @RegisterExtension static final S3StoreExtension s3 = S3StoreExtension.on(S3MockServer::shared);

  @TempDir Path local;

  private FaultProxy proxy;
  private S3BlobStore faulty; // the store that talks through the proxy

  @BeforeEach
  void startProxy() throws IOException {
    proxy = FaultProxy.start(s3.server().endpoint());
    faulty = new S3BlobStore(s3.server().settings(proxy.endpoint()));
  }

  @AfterEach
  void stopProxy() throws IOException {
    proxy.close();
    faulty.close();
  }

  @Test
  void connectionCutMidPart_partIsRetried() throws IOException {
    byte[] data = random(23 * MIB + 5, 11);
    URI uri = s3.uri("cut.bin");
    FaultProxy.Rule cut = proxy.cutRequestBody(FaultProxy.uploadPart(), 2, 1_000_000);

    BlobOutputStream out = faulty.create(uri, options(3));
    writeInChunks(out, data, 250_000);
    out.commit();

    assertThat(cut.fired()).isEqualTo(1);
    assertThat(proxy.requests(FaultProxy.uploadPart())).hasSize(6); // 5 parts, one sent twice
    assertCorrect(uri, data);
    assertThat(out.info().crc32c()).isEqualTo(hexCrc(data));
  }

  @Test
  void slowDown503_everyRequestKindIsRetried() throws IOException {
    byte[] data = random(12 * MIB + 1, 12);
    URI uri = s3.uri("throttled.bin");
    FaultProxy.Rule create = proxy.respondSlowDown(FaultProxy.createMultipartUpload(), 1, 1);
    FaultProxy.Rule parts = proxy.respondSlowDown(FaultProxy.uploadPart(), 1, 3);
    FaultProxy.Rule complete = proxy.respondSlowDown(FaultProxy.completeMultipartUpload(), 1, 2);

    try (BlobOutputStream out = faulty.create(uri, options(2))) {
      writeInChunks(out, data, 1 << 20);
      out.commit();
    }

    assertThat(create.fired()).isEqualTo(1);
    assertThat(parts.fired()).isEqualTo(3);
    assertThat(complete.fired()).isEqualTo(2);
    assertCorrect(uri, data);
  }

  @Test
  void createResponseLost_createIsRetried_objectIsCorrect() throws IOException {
    byte[] data = random(12 * MIB + 1, 15);
    URI uri = s3.uri("lost-create.bin");
    // the server creates the upload, the client never hears of it and creates another
    FaultProxy.Rule lost = proxy.cutResponse(FaultProxy.createMultipartUpload(), 1, 0);

    try (BlobOutputStream out = faulty.create(uri, options(2))) {
      writeInChunks(out, data, 1 << 20);
      out.commit();
    }

    assertThat(lost.fired()).isEqualTo(1);
    assertThat(proxy.requests(FaultProxy.createMultipartUpload())).hasSize(2);
    assertCorrect(uri, data); // S3Mock drops the orphan at Complete; S3 keeps it (see the note)
  }

  @Test
  void createResponseLost_thenAborted_noUploadLeft() throws Exception {
    URI uri = s3.uri("lost-create-aborted.bin");
    FaultProxy.Rule lost = proxy.cutResponse(FaultProxy.createMultipartUpload(), 1, 0);

    BlobOutputStream out = faulty.create(uri, options(2));
    writeInChunks(out, random(9 * MIB, 16), 1 << 20);
    out.abort();

    assertThat(lost.fired()).isEqualTo(1);
    assertThat(s3.store().exists(uri)).isFalse();
    await(() -> uploads("lost-create-aborted.bin").isEmpty());
  }

  @Test
  void slowDown503_onSinglePutAndReads_isRetried() throws IOException {
    byte[] data = random(3 * MIB, 13);
    URI uri = s3.uri("small-throttled.bin");
    FaultProxy.Rule put = proxy.respondSlowDown(FaultProxy.putObject(), 1, 2);
    FaultProxy.Rule get = proxy.respondSlowDown(FaultProxy.getObject(), 1, 2);

    try (BlobOutputStream out = faulty.create(uri, options(2))) {
      out.write(data);
      out.commit();
    }
    byte[] back;
    try (InputStream in = faulty.open(uri)) {
      back = in.readAllBytes();
    }

    assertThat(put.fired()).isEqualTo(2);
    assertThat(get.fired()).isEqualTo(2);
    assertBytes(back, data);
    assertCorrect(uri, data);
  }

  @Test
  void serverKilledMidUpload_clearError_noObject_noUploadLeft() throws Exception {
    byte[] data = random(4 * PART, 14);
    URI uri = s3.uri("killed.bin");
    AtomicBoolean killed = new AtomicBoolean();
    BlobOutputStream out =
        faulty.create(
            uri,
            options(2)
                .withProgress(
                    (u, done, total) -> {
                      if (done >= PART && killed.compareAndSet(false, true)) {
                        proxy.kill(); // the first part is in: the server dies
                      }
                    }));

    assertThatThrownBy(
            () -> {
              writeInChunks(out, data, 256 * 1024);
              out.commit();
            })
        .isInstanceOfSatisfying(
            BlobStoreException.class,
            e -> {
              assertThat(e.operation()).isEqualTo("write");
              assertThat(e.uri()).isEqualTo(uri);
              assertThat(e.getMessage())
                  .startsWith("write " + uri + " failed: ")
                  .containsPattern("(UploadPart \\d|CompleteMultipartUpload): ");
            });
    assertThat(killed).isTrue();
    assertThatThrownBy(out::commit)
        .isInstanceOf(BlobStoreException.class)
        .hasMessageStartingWith("write " + uri + " failed: nothing committed: ");

    assertThat(s3.store().exists(uri)).isFalse(); // asked past the proxy
    assertThat(uploads("killed.bin")).hasSize(1); // the abort could not get through
    assertThat(faulty.pendingAborts()).isEqualTo(1);

    proxy.revive(); // the server is back: the store's janitor aborts the upload
    await(() -> uploads("killed.bin").isEmpty());
    await(() -> faulty.pendingAborts() == 0);
    assertThat(s3.store().exists(uri)).isFalse();
  }

  @Test
  void connectionCutMidDownload_chunkIsFetchedAgain() throws IOException {
    byte[] data = random(9 * MIB + 3, 15);
    URI uri = s3.uri("download-cut.bin");
    try (BlobOutputStream out = s3.store().create(uri, options(2))) {
      out.write(data);
      out.commit();
    }
    FaultProxy.Rule cut = proxy.cutResponse(FaultProxy.getObject(), 2, 300_000);

    byte[] back;
    try (InputStream in =
        faulty.open(uri, ReadOptions.defaults().withChunkSize(2 * MIB).withReadAhead(2))) {
      back = in.readAllBytes();
    }
    Path file = local.resolve("download-cut.bin");
    proxy.cutResponse(FaultProxy.getObject(), 1, 100_000);
    faulty.download(uri, file, ReadOptions.defaults().withChunkSize(4 * MIB));

    assertThat(cut.fired()).isEqualTo(1);
    assertBytes(back, data);
    assertBytes(Files.readAllBytes(file), data);
  }

  @Test
  void partCorruptedOnTheWay_s3RejectsIt_nothingCommitted() throws IOException {
    URI uri = s3.uri("corrupt-part.bin");
    FaultProxy.Rule corrupt = proxy.corruptRequestBody(FaultProxy.uploadPart(), 2, 123_457);
    BlobOutputStream out = faulty.create(uri, options(2));

    assertThatThrownBy(
            () -> {
              writeInChunks(out, random(3 * PART, 18), 1 << 20);
              out.commit();
            })
        .isInstanceOf(BlobStoreException.class)
        .hasMessageContaining("UploadPart ")
        .hasMessageContaining(
            "HTTP 400 BadRequest: Value for x-amz-checksum-crc32c header is invalid");
    assertThat(corrupt.fired()).isEqualTo(1);
    assertThat(s3.store().exists(uri)).isFalse();
    assertThat(uploads("corrupt-part.bin")).isEmpty();
  }

  @Test
  void putCorruptedOnTheWay_s3RejectsIt_nothingCommitted() throws IOException {
    URI uri = s3.uri("corrupt-put.bin");
    proxy.corruptRequestBody(FaultProxy.putObject(), 1, 999);
    BlobOutputStream out = faulty.create(uri, options(2));
    out.write(random(100_000, 19));

    assertThatThrownBy(out::commit)
        .isInstanceOf(BlobStoreException.class)
        .hasMessage(
            "write "
                + uri
                + " failed: PutObject: HTTP 400 BadRequest: Value for x-amz-checksum-crc32c header"
                + " is invalid.");
    assertThat(s3.store().exists(uri)).isFalse();
  }

  @Test
  void chunkCorruptedOnTheWay_readFailsOnTheChecksum() throws IOException {
    byte[] data = random(6 * MIB, 20);
    URI uri = s3.uri("corrupt-read.bin");
    try (BlobOutputStream out = s3.store().create(uri, options(2))) {
      out.write(data);
      out.commit();
    }
    proxy.corruptResponse(FaultProxy.getObject(), 2, 100_000);

    try (InputStream in = faulty.open(uri, ReadOptions.defaults().withChunkSize(2 * MIB))) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(BlobStoreException.class)
          .hasMessageStartingWith(
              "read "
                  + uri
                  + " failed: checksum mismatch: expected crc32c "
                  + hexCrc(data)
                  + " but read ");
    }
    Path file = local.resolve("never.bin");
    proxy.corruptResponse(FaultProxy.getObject(), 2, 100_000);
    assertThatThrownBy(
            () -> faulty.download(uri, file, ReadOptions.defaults().withChunkSize(2 * MIB)))
        .isInstanceOf(BlobStoreException.class)
        .hasMessageContaining("checksum mismatch");
    assertThat(file).doesNotExist();
  }

  @Test
  void wholeObjectCorruptedOnTheWay_sdkCatchesIt_andTheChunkIsFetchedAgain() throws IOException {
    byte[] data = random(MIB, 21);
    URI uri = s3.uri("corrupt-small.bin");
    try (BlobOutputStream out = s3.store().create(uri, options(2))) {
      out.write(data);
      out.commit();
    }
    FaultProxy.Rule corrupt = proxy.corruptResponse(FaultProxy.getObject(), 1, 100_000);

    try (InputStream in = faulty.open(uri)) {
      assertBytes(in.readAllBytes(), data);
    }
    assertThat(corrupt.fired()).isEqualTo(1);
    assertThat(proxy.requests(FaultProxy.getObject())).hasSize(2);
  }

  @Test
  void objectReplacedMidRead_readFails() throws IOException {
    URI uri = s3.uri("replaced.bin");
    try (BlobOutputStream out = s3.store().create(uri, options(2))) {
      out.write(random(3 * MIB, 16));
      out.commit();
    }
    InputStream in =
        s3.store().open(uri, ReadOptions.defaults().withChunkSize(1024 * 1024).withReadAhead(0));
    assertThat(in.read(new byte[1000])).isEqualTo(1000); // the first chunk is in
    try (BlobOutputStream out = s3.store().create(uri, options(2))) {
      out.write(random(3 * MIB, 17));
      out.commit();
    }

    assertThatThrownBy(in::readAllBytes)
        .isInstanceOf(BlobStoreException.class)
        .hasMessageStartingWith(
            "read " + uri + " failed: GetObject bytes=1048576-2097151: HTTP 412");
    in.close();
  }

  private void assertCorrect(URI uri, byte[] data) throws IOException {
    assertThat(s3.store().stat(uri).orElseThrow().crc32c()).isEqualTo(hexCrc(data));
    try (InputStream in = s3.store().open(uri)) {
      assertBytes(in.readAllBytes(), data); // and the read checks the CRC32C too
    }
    assertThat(uploads(uri.getPath().substring(1 + s3.bucket().length() + 1))).isEmpty();
  }

  private List<MultipartUpload> uploads(String key) {
    String full = key.startsWith(s3.prefix()) ? key : s3.key(key);
    return s3.store()
        .client()
        .listMultipartUploads(r -> r.bucket(s3.bucket()).prefix(full))
        .join()
        .uploads();
  }
}
