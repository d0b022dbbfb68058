package dev.ferry.blob.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStoreContract;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.BlobStores;
import dev.ferry.blob.ReadOptions;
import dev.ferry.blob.WriteOptions;
import dev.ferry.blob.gcs.server.FakeGcsServer;
import dev.ferry.blob.gcs.server.FakeGcsServer.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of every store, then what is particular to GCS, on the fake GCS server with the real
 * client: resumable chunks, invisibility, cancelled sessions, retries, preconditions, pagination,
 * odd names and integrity. Each test gets a bucket of its own.
 */
class GcsBlobStoreTest extends BlobStoreContract {
  private static final int MIB = 1024 * 1024;
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static Path serverDir;
  private static FakeGcsServer server;
  private static GcsBlobStore store;

  private String bucket;

  @BeforeAll
  static void startServer() throws IOException {
    serverDir = Files.createTempDirectory("fake-gcs-");
    server = FakeGcsServer.start(serverDir);
    store = GcsBlobStore.create(GcsSettings.from(config(server, Map.of())));
  }

  @AfterAll
  static void stopServer() throws IOException {
    store.close();
    server.close();
    GcsTesting.deleteTree(serverDir);
  }

  @BeforeEach
  void newBucket() throws IOException {
    bucket = "bucket-" + BUCKETS.incrementAndGet();
    server.createBucket(bucket);
  }

  @AfterEach
  void serverSawNothingItLacks() {
    server.clearFaults();
    assertThat(server.unimplemented()).isEmpty();
    assertThat(server.openUploadSessions()).isEmpty();
  }

  @Override
  protected BlobStore store() {
    return store;
  }

  @Override
  protected URI uri(String key) {
    return URI.create("gs://" + bucket + "/" + key);
  }

  // ---- streaming writes ----

  @Test
  public void create_twentyMiB_sendsChunksAndIsInvisibleUntilTheLast() throws IOException {
    byte[] data = random(20 * MIB, 11);
    URI uri = uri("stream/twenty");
    BlobOutputStream out = store.create(uri, WriteOptions.defaults().withPartSize(5 * MIB));
    out.write(data, 0, 16 * MIB);
    await("two chunks uploaded", () -> chunks("stream/twenty").size() >= 2);

    assertThat(store.stat(uri)).isEmpty();
    assertThat(store.list(uri("stream"))).isEmpty();
    assertNotFound(() -> store.open(uri), "open", uri);

    out.write(data, 16 * MIB, 4 * MIB);
    out.commit();

    assertThat(chunks("stream/twenty"))
        .extracting(RecordedRequest::contentRange, RecordedRequest::status)
        .containsExactly(
            tuple("bytes 0-5242879/*", 308),
            tuple("bytes 5242880-10485759/*", 308),
            tuple("bytes 10485760-15728639/*", 308),
            tuple("bytes 15728640-20971519/*", 308));
    assertThat(requestsFor("stream/twenty"))
        .filteredOn(r -> r.status() == 200 && r.contentRange() != null)
        .extracting(RecordedRequest::contentRange)
        .first() // the chunks were whole: the final PUT carries none, only the total
        .isEqualTo("bytes */20971520");
    assertThat(out.info().crc32c()).isEqualTo(hexCrc(data));
    assertThat(Arrays.equals(read(uri), data)).isTrue();
  }

  @Test
  public void create_oneConcurrency_uploadsChunksInTheWritersThread() throws IOException {
    byte[] data = random(11 * MIB + 3, 12);
    URI uri = uri("serial");

    try (BlobOutputStream out =
        store.create(uri, WriteOptions.defaults().withPartSize(5 * MIB).withConcurrency(1))) {
      out.write(data, 0, 6 * MIB);
      assertThat(chunks("serial")).hasSize(1); // sent before write() returned
      out.write(data, 6 * MIB, data.length - 6 * MIB);
      out.commit();
    }

    assertThat(chunks("serial")).hasSize(3);
    assertThat(Arrays.equals(read(uri), data)).isTrue();
  }

  @Test
  public void create_oneChunkOrLess_isOneMultipartRequest() throws IOException {
    byte[] data = random(5 * MIB, 13); // exactly one chunk
    URI uri = uri("single");
    server.clearRequests();

    write(uri, data, WriteOptions.defaults().withPartSize(5 * MIB));

    assertThat(requestsFor("single"))
        .singleElement()
        .satisfies(r -> assertThat(r.query()).containsEntry("uploadType", "multipart"));
    assertThat(Arrays.equals(read(uri), data)).isTrue();
  }

  @Test
  public void create_partSize_isRoundedToWholeQuarterMebibytes() {
    assertThat(GcsBlobStore.chunkSize(5 * MIB)).isEqualTo(5 * MIB);
    assertThat(GcsBlobStore.chunkSize(5 * MIB + 262_143)).isEqualTo(5 * MIB);
    assertThat(GcsBlobStore.chunkSize(5 * MIB + 262_144)).isEqualTo(5 * MIB + 262_144);
    assertThat(GcsBlobStore.chunkSize(WriteOptions.DEFAULT_PART_SIZE))
        .isEqualTo(WriteOptions.DEFAULT_PART_SIZE);
  }

  @Test
  public void abort_afterChunks_cancelsTheSession() throws IOException {
    URI uri = uri("aborted/big");
    BlobOutputStream out = store.create(uri, WriteOptions.defaults().withPartSize(5 * MIB));
    out.write(random(6 * MIB, 14));
    await("a chunk uploaded", () -> chunks("aborted/big").size() == 1);

    out.abort();

    assertThat(cancelledSessions()).containsExactly(bucket + "/aborted/big");
    assertThat(store.exists(uri)).isFalse();
    assertThat(store.list(uri("aborted"))).isEmpty();
  }

  @Test
  public void abandonedStream_theCleanerCancelsTheSession() throws IOException {
    URI uri = uri("abandoned/big");
    startAndDrop(uri);

    await(
        "the session of the dropped stream cancelled",
        () -> {
          System.gc();
          return cancelledSessions().contains(bucket + "/abandoned/big");
        });
    assertThat(store.exists(uri)).isFalse();
  }

  private void startAndDrop(URI uri) throws IOException {
    BlobOutputStream out = store.create(uri, WriteOptions.defaults().withPartSize(5 * MIB));
    out.write(random(6 * MIB, 15));
    await("a chunk uploaded", () -> chunks("abandoned/big").size() == 1);
  }

  @Test
  public void create_chunkFailingForGood_failsTheWriteAndCancelsTheSession() throws IOException {
    URI uri = uri("doomed");
    server.failNext(100, 503, r -> r.isChunk() && "doomed".equals(r.query().get("name")));
    BlobOutputStream out =
        store.create(uri, WriteOptions.defaults().withPartSize(5 * MIB).withConcurrency(1));

    assertThatThrownBy(() -> out.write(random(6 * MIB, 16)))
        .isInstanceOf(BlobStoreException.class)
        .hasMessageStartingWith("write " + uri + " failed: 503 Service Unavailable");
    assertThatThrownBy(out::commit)
        .hasMessageStartingWith("write " + uri + " failed: nothing committed: 503");
    assertThat(cancelledSessions()).containsExactly(bucket + "/doomed");
    assertThat(store.exists(uri)).isFalse();
  }

  // ---- retries ----

  @Test
  public void transientFailures_areRetried() throws IOException {
    URI small = uri("retried/small");
    URI big = uri("retried/big");
    byte[] bigData = random(6 * MIB, 17);

    server.failNext(2, 503, r -> r.path().contains("/b/" + bucket + "/"));
    write(small, bytes("small"));
    server.failNext(2, 429, r -> r.isChunk() && "retried/big".equals(r.query().get("name")));
    write(big, bigData, WriteOptions.defaults().withPartSize(5 * MIB));
    server.failNext(1, 503, r -> r.path().startsWith("/download/"));
    server.failNext(1, 503, r -> r.path().equals("/storage/v1/b/" + bucket + "/o"));

    assertThat(read(small)).isEqualTo(bytes("small"));
    assertThat(Arrays.equals(read(big), bigData)).isTrue();
    assertThat(store.list(uri("retried"))).hasSize(2);
    assertThat(server.pendingFaults()).isZero();
    assertThat(server.requests())
        .filteredOn(r -> r.path().contains("/b/" + bucket + "/"))
        .filteredOn(r -> r.status() == 503 || r.status() == 429)
        .hasSize(6);
  }

  @Test
  public void transientFailures_beyondMaxAttempts_failClearly() throws IOException {
    URI uri = uri("unlucky");
    write(uri, bytes("x"));
    server.failNext(10, 503, r -> r.path().endsWith("/unlucky"));

    assertThatThrownBy(() -> store.stat(uri))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage(
            "stat " + uri + " failed: 503 Service Unavailable (backendError): Injected fault: 503");
    assertThat(server.requests())
        .filteredOn(r -> r.path().equals("/storage/v1/b/" + bucket + "/o/unlucky"))
        .filteredOn(r -> r.status() == 503)
        .hasSize(4); // gs.max-attempts
  }

  @ParameterizedTest(name = "read-ahead {0}")
  @ValueSource(ints = {0, 2})
  public void connectionsCutMidway_areResumed(int readAhead) throws IOException {
    byte[] data = random(6 * MIB + 5, 24);
    URI uri = uri("cut");
    server.cutNext(1, r -> r.isChunk() && "cut".equals(r.query().get("name")));
    write(uri, data, WriteOptions.defaults().withPartSize(5 * MIB));
    server.cutNext(2, r -> r.path().startsWith("/download/") && r.path().endsWith("/cut"));
    ReadOptions options = ReadOptions.defaults().withChunkSize(MIB).withReadAhead(readAhead);

    try (InputStream in = store.open(uri, options)) {
      assertThat(Arrays.equals(in.readAllBytes(), data)).isTrue();
    }
    assertThat(server.pendingFaults()).isZero();
  }

  // ---- preconditions ----

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {4, 6 * MIB})
  public void generationPrecondition_concurrentWriter_failsClearly(int size) throws IOException {
    URI uri = uri("guarded");
    try (GcsBlobStore guarded = storeWith(Map.of("gs.write-precondition", "generation"))) {
      BlobOutputStream slow = guarded.create(uri, WriteOptions.defaults().withPartSize(5 * MIB));
      slow.write(random(size, 18));
      if (size > 5 * MIB) {
        await("a chunk uploaded", () -> chunks("guarded").size() == 1);
      }
      write(uri, bytes("fast")); // another writer commits first

      assertThatThrownBy(slow::commit)
          .isInstanceOf(BlobStoreException.class)
          .hasMessage(
              "write "
                  + uri
                  + " failed: 412 Precondition Failed (conditionNotMet): At least one of the"
                  + " pre-conditions you specified did not hold. (the object changed since this"
                  + " write began: another writer?)");
      assertThat(read(uri)).isEqualTo(bytes("fast"));

      try (BlobOutputStream next = guarded.create(uri)) { // sees the generation of "fast"
        next.write(bytes("next"));
        next.commit();
      }
      assertThat(read(uri)).isEqualTo(bytes("next"));
    }
  }

  // ---- listing and names ----

  @Test
  public void list_paginates() throws IOException {
    for (int i = 0; i < 10; i++) {
      write(uri("paged/k" + i), bytes("v" + i));
    }
    write(uri("paged/sub/deeper"), bytes("d"));
    write(uri("pagedother/x"), bytes("x"));
    try (GcsBlobStore paged = storeWith(Map.of("gs.list-page-size", "3"))) {
      server.clearRequests();

      List<URI> listed =
          paged.list(uri("paged")).stream().map(dev.ferry.blob.BlobInfo::uri).toList();

      assertThat(listed)
          .containsExactly(
              uri("paged/k0"),
              uri("paged/k1"),
              uri("paged/k2"),
              uri("paged/k3"),
              uri("paged/k4"),
              uri("paged/k5"),
              uri("paged/k6"),
              uri("paged/k7"),
              uri("paged/k8"),
              uri("paged/k9"),
              uri("paged/sub/deeper"));
      assertThat(server.requests())
          .filteredOn(r -> r.path().equals("/storage/v1/b/" + bucket + "/o"))
          .extracting(r -> r.query().containsKey("pageToken"))
          .containsExactly(false, true, true, true);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "with space/a b.txt",
        "ünïcødé/日本語/ファイル.bin",
        "emoji 😀/x",
        "plus+and&amp=eq",
        "percent%20not an escape",
        "hash#and?question",
        "tilde~star*(parens)'quote'",
      })
  public void oddNames_roundTrip(String name) throws IOException {
    URI uri = GcsLocation.uri(bucket, name);
    byte[] data = bytes("data of " + name);

    write(uri, data);

    assertThat(server.objectFile(bucket, name))
        .as("the server stored the name as given")
        .isPresent();
    assertThat(store.stat(uri))
        .hasValueSatisfying(i -> assertThat(i.size()).isEqualTo(data.length));
    assertThat(read(uri)).isEqualTo(data);
    String dir = name.contains("/") ? name.substring(0, name.lastIndexOf('/')) : null;
    if (dir != null) {
      assertThat(store.list(GcsLocation.uri(bucket, dir)))
          .extracting(dev.ferry.blob.BlobInfo::uri)
          .containsExactly(uri);
    }
    assertThat(store.list(URI.create("gs://" + bucket)))
        .extracting(dev.ferry.blob.BlobInfo::uri)
        .containsExactly(uri);
    assertThat(store.delete(uri)).isTrue();
    assertThat(store.exists(uri)).isFalse();
  }

  @Test
  public void list_skipsDirectoryPlaceholders() throws IOException {
    write(uri("tree/a"), bytes("a"));
    createBehindTheStore("tree/", new byte[0]);
    createBehindTheStore("tree/sub/", new byte[0]);

    assertThat(store.list(uri("tree")))
        .extracting(dev.ferry.blob.BlobInfo::uri)
        .containsExactly(uri("tree/a"));
    assertThat(store.downloadDirectory(uri("tree"), local.resolve("t"), ReadOptions.defaults()))
        .containsExactly(local.resolve("t").resolve("a"));
  }

  @Test
  public void downloadDirectory_unsafeNames_rejectedBeforeWritingAnything() throws IOException {
    write(uri("tree/fine"), bytes("fine"));
    createBehindTheStore("tree/../escaped", bytes("evil"));
    Path target = local.resolve("target");

    assertThatThrownBy(() -> store.downloadDirectory(uri("tree"), target, ReadOptions.defaults()))
        .isInstanceOf(BlobStoreException.class)
        .hasMessageContaining("unsafe key '../escaped': it has a '..' segment");
    assertThat(target).doesNotExist();
    assertThat(local.resolve("escaped")).doesNotExist();
  }

  @Test
  public void badUris_areRefusedClearly() {
    assertThatThrownBy(() -> store.create(URI.create("gs:///x")))
        .hasMessage(
            "write gs:///x failed: it names no bucket (gs URIs look like gs://bucket/name)");
    assertThatThrownBy(() -> store.create(uri("dir/")))
        .hasMessage(
            "write "
                + uri("dir/")
                + " failed: an object name cannot end with '/' (gs URIs look like"
                + " gs://bucket/name)");
    assertThatThrownBy(() -> store.stat(URI.create("gs://" + bucket)))
        .hasMessage(
            "stat gs://"
                + bucket
                + " failed: it names no object (gs URIs look like gs://bucket/name)");
    assertThatThrownBy(() -> store.open(URI.create("s3://b/k")))
        .hasMessage("open s3://b/k failed: not a gs URI (gs URIs look like gs://bucket/name)");
  }

  @Test
  public void list_missingBucket_failsWithTheStatus() {
    URI uri = URI.create("gs://no-such-bucket/dir");

    assertThatThrownBy(() -> store.list(uri))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage(
            "list "
                + uri
                + " failed: 404 Not Found (notFound): The specified bucket does not exist.");
  }

  // ---- reads and integrity ----

  @ParameterizedTest(name = "read-ahead {0}")
  @ValueSource(ints = {0, 1, 3})
  public void open_readAhead_rangedReadsInOrder(int readAhead) throws IOException {
    byte[] data = random(3 * MIB + 17, 19);
    URI uri = uri("ranged/big");
    write(uri, data);
    server.clearRequests();
    ReadOptions options = ReadOptions.defaults().withChunkSize(256 * 1024).withReadAhead(readAhead);

    try (InputStream in = store.open(uri, options)) {
      assertThat(Arrays.equals(in.readAllBytes(), data)).isTrue();
    }

    List<RecordedRequest> gets =
        server.requests().stream().filter(r -> r.path().startsWith("/download/")).toList();
    assertThat(gets).hasSize(readAhead == 0 ? 1 : 13);
    assertThat(gets).allSatisfy(r -> assertThat(r.query()).containsKey("generation"));
  }

  @Test
  public void open_objectReplacedWhileRead_failsInsteadOfMixing() throws IOException {
    URI uri = uri("replaced");
    write(uri, random(2 * MIB, 20));
    ReadOptions options = ReadOptions.defaults().withChunkSize(64 * 1024).withReadAhead(1);

    try (InputStream in = store.open(uri, options)) {
      assertThat(in.readNBytes(10)).hasSize(10);
      write(uri, random(2 * MIB, 21));

      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(BlobStoreException.class)
          .hasMessageStartingWith("read " + uri + " failed: 404 Not Found")
          .hasMessageEndingWith("(the object was replaced or deleted while it was read)");
    }
  }

  @ParameterizedTest(name = "read-ahead {0}")
  @ValueSource(ints = {0, 2})
  public void corruptedOnTheServer_readAndDownloadFail(int readAhead) throws IOException {
    byte[] data = random(300_000, 22);
    URI uri = uri("corrupt/me");
    write(uri, data);
    Path file = server.objectFile(bucket, "corrupt/me").orElseThrow();
    byte[] corrupted = data.clone();
    corrupted[1000] ^= 0x01;
    Files.write(file, corrupted); // behind the server's back
    ReadOptions options = ReadOptions.defaults().withChunkSize(64 * 1024).withReadAhead(readAhead);
    Path target = Files.write(local.resolve("target"), bytes("precious"));
    String mismatch =
        "checksum mismatch: expected crc32c " + hexCrc(data) + " but read " + hexCrc(corrupted);

    assertThatThrownBy(() -> store.download(uri, target, options))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage("download " + uri + " failed: " + mismatch);
    assertThat(Files.readAllBytes(target)).isEqualTo(bytes("precious"));
    assertThat(tempFiles(local)).isEmpty();
    try (InputStream in = store.open(uri, options)) {
      assertThatThrownBy(in::readAllBytes).hasMessage("read " + uri + " failed: " + mismatch);
    }
    try (InputStream in = store.open(uri, options.withChecksum(false))) {
      assertThat(Arrays.equals(in.readAllBytes(), corrupted)).isTrue();
    }
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {1000, 6 * MIB})
  public void corruptedOnUpload_failsAndDeletesTheBadGeneration(int size) throws IOException {
    byte[] data = random(size, 23);
    URI uri = uri("corrupt/upload");
    byte[] corrupted = data.clone();
    corrupted[0] ^= (byte) 0xff;
    server.corruptNextUploads(1);

    assertThatThrownBy(() -> write(uri, data, WriteOptions.defaults().withPartSize(5 * MIB)))
        .isInstanceOf(BlobStoreException.class)
        .hasMessageMatching(
            "write "
                + java.util.regex.Pattern.quote(uri.toString())
                + " failed: checksum mismatch: wrote crc32c "
                + hexCrc(data)
                + " but the store has "
                + hexCrc(corrupted)
                + "; generation \\d+ was deleted");
    assertThat(store.exists(uri)).isFalse();
  }

  // ---- registry ----

  @Test
  public void provider_isFoundByScheme() throws IOException {
    try (BlobStores stores = BlobStores.create(config(server, Map.of()))) {
      BlobStore gs = stores.forUri(uri("x"));

      assertThat(gs).isInstanceOf(GcsBlobStore.class);
      assertThat(gs.scheme()).isEqualTo("gs");
      write(uri("x"), bytes("x"));
      assertThat(gs.exists(uri("x"))).isTrue();
    }
  }

  // ---- helpers ----

  /** Returns the config of a store talking to {@code server}, fast retries, plus {@code more}. */
  static BlobStoreConfig config(FakeGcsServer server, Map<String, String> more) {
    Map<String, String> settings = new HashMap<>();
    settings.put("gs.host", server.endpoint());
    settings.put("gs.project", "test-project");
    settings.put("gs.max-attempts", "4");
    settings.put("gs.retry-delay-ms", "5");
    settings.put("gs.max-retry-delay-ms", "50");
    settings.putAll(more);
    return BlobStoreConfig.of(settings, Map.of());
  }

  /** Creates an object with the client itself, for names this store would not write. */
  private void createBehindTheStore(String name, byte[] content) {
    Storage raw = GcsBlobStore.storageOptions(store.settings()).getService();
    try {
      raw.create(BlobInfo.newBuilder(bucket, name).build(), content);
    } finally {
      try {
        raw.close();
      } catch (Exception e) {
        throw new AssertionError("closing the client failed", e);
      }
    }
  }

  @Test
  void unreachableHost_failsWithinTheTotalRetryTime() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort(); // closed again: nothing listens there
    }
    // the default backoff (1 s doubling, 6 attempts) alone would take over 30 s
    BlobStoreConfig config =
        BlobStoreConfig.of(
            Map.of("gs.host", "http://127.0.0.1:" + port, "gs.retry-total-ms", "2000"), Map.of());
    URI uri = URI.create("gs://" + bucket + "/unreachable.bin");
    try (GcsBlobStore unreachable = GcsBlobStore.create(GcsSettings.from(config))) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(15),
          () ->
              assertThatThrownBy(() -> unreachable.stat(uri))
                  .isInstanceOf(BlobStoreException.class)
                  .hasMessageStartingWith("stat " + uri + " failed: "));
    }
  }

  private static GcsBlobStore storeWith(Map<String, String> more) {
    return GcsBlobStore.create(GcsSettings.from(config(server, more)));
  }

  private void write(URI uri, byte[] data, WriteOptions options) throws IOException {
    store.write(uri, options, out -> out.write(data));
  }

  /** Returns the objects of this test's bucket whose upload sessions were cancelled. */
  private List<String> cancelledSessions() {
    return server.cancelledUploadSessions().stream()
        .filter(o -> o.startsWith(bucket + "/"))
        .toList();
  }

  /** Returns the chunk PUTs of the resumable sessions of {@code name} in this test's bucket. */
  private List<RecordedRequest> chunks(String name) {
    return requestsFor(name).stream().filter(RecordedRequest::isChunk).toList();
  }

  /** Returns the uploads and session requests of {@code name} in this test's bucket. */
  private List<RecordedRequest> requestsFor(String name) {
    String path = "/upload/storage/v1/b/" + bucket + "/o";
    return server.requests().stream()
        .filter(r -> r.path().equals(path))
        .filter(r -> name.equals(r.query().get("name")) || r.query().get("name") == null)
        .toList();
  }

  private static void await(String what, BooleanSupplier condition) {
    Awaitility.await(what)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(10))
        .until(condition::getAsBoolean);
  }
}
