package dev.ferry.blob;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every {@link BlobStore} does, whatever it talks to. A store's test extends this class and
 * gives a fresh, empty place to write for each test: {@link #store()} and {@link #uri(String)},
 * which maps a key ({@code dir/a.txt}) to a URI in that place.
 */
public abstract class BlobStoreContract {
  /** A local directory for the files of upload and download tests. */
  @TempDir protected Path local;

  /** Returns the store under test. */
  protected abstract BlobStore store();

  /** Returns the URI of {@code key} in this test's place. */
  protected abstract URI uri(String key);

  // ---- write and read ----

  @Test
  public void create_emptyObject_roundTrips() throws IOException {
    URI uri = uri("empty");
    BlobOutputStream out = store().create(uri);
    out.commit();

    assertThat(read(uri)).isEmpty();
    assertThat(store().stat(uri)).hasValueSatisfying(info -> assertThat(info.size()).isZero());
    assertThat(out.info().size()).isZero();
  }

  @Test
  public void create_oneByte_roundTrips() throws IOException {
    URI uri = uri("one");
    try (BlobOutputStream out = store().create(uri)) {
      out.write(0xA5);
      out.commit();
    }

    assertThat(read(uri)).containsExactly((byte) 0xA5);
  }

  @Test
  public void create_tenMiBInOddChunks_roundTrips() throws IOException {
    byte[] data = random(10 * 1024 * 1024 + 13, 1);
    URI uri = uri("big/ten-mib.bin");
    int[] sizes = {1, 7, 4093, 65537, 1_000_003, 3, 262_147};
    int pos = 0;
    int turn = 0;
    try (BlobOutputStream out = store().create(uri)) {
      while (pos < data.length) {
        int len = Math.min(sizes[turn % sizes.length], data.length - pos);
        switch (turn % 5) {
          case 0:
            out.write(data, pos, len);
            break;
          case 1:
            assertThat(out.write(ByteBuffer.wrap(data, pos, len))).isEqualTo(len);
            break;
          case 2:
            ByteBuffer direct = ByteBuffer.allocateDirect(len).put(data, pos, len).flip();
            assertThat(out.write(direct)).isEqualTo(len);
            assertThat(direct.hasRemaining()).isFalse();
            break;
          case 3:
            out.write(ByteBuffer.wrap(data, pos, len).asReadOnlyBuffer());
            break;
          default:
            for (int i = 0; i < Math.min(len, 5); i++) {
              out.write(data[pos + i]);
            }
            len = Math.min(len, 5);
        }
        pos += len;
        turn++;
        assertThat(out.bytesWritten()).isEqualTo(pos);
      }
      out.commit();
    }

    byte[] back = read(uri);
    assertThat(back).hasSize(data.length);
    assertThat(Arrays.mismatch(back, data)).isEqualTo(-1);
  }

  @Test
  public void create_info_reportsSizeAndChecksum() throws IOException {
    byte[] data = "123456789".getBytes(UTF_8);
    URI uri = uri("info");
    BlobOutputStream out = store().create(uri);
    out.write(data);
    assertThat(out.isOpen()).isTrue();
    BlobInfo committed = out.commit();

    assertThat(out.isOpen()).isFalse();
    assertThat(out.uri()).isEqualTo(uri);
    assertThat(out.info().size()).isEqualTo(9);
    assertThat(out.commit()).isSameAs(committed); // a second commit returns the same info
    out.close(); // does nothing after commit
    assertThat(out.info().crc32c()).isIn(null, "e3069283");
    assertThat(store().stat(uri).orElseThrow().crc32c()).isIn(null, "e3069283");
  }

  @Test
  public void create_notVisibleBeforeCommit() throws IOException {
    URI uri = uri("pending/object");
    try (BlobOutputStream out = store().create(uri)) {
      out.write(random(100_000, 2));

      assertThat(store().exists(uri)).isFalse();
      assertThat(store().stat(uri)).isEmpty();
      assertThat(store().list(uri("pending"))).isEmpty();
      assertThatThrownBy(() -> store().open(uri))
          .isInstanceOfSatisfying(
              BlobStoreException.class, e -> assertThat(e.isNotFound()).isTrue());
      out.commit();
    }
    assertThat(store().exists(uri)).isTrue();
  }

  @Test
  public void close_withoutCommit_leavesNothing() throws IOException {
    URI uri = uri("uncommitted/object");
    BlobOutputStream out = store().create(uri);
    out.write(random(70_000, 6));
    out.close();
    out.close(); // a second close does nothing

    assertThat(store().exists(uri)).isFalse();
    assertThat(store().list(uri("uncommitted"))).isEmpty();
    assertThatThrownBy(out::commit)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "commit after close: " + uri + " was discarded when the stream was closed uncommitted");
    assertThatThrownBy(() -> out.write(1))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage("write " + uri + " failed: the stream was closed uncommitted");
  }

  @Test
  public void tryWithResources_producerThrows_publishesNothing() throws IOException {
    URI uri = uri("partial/object");
    write(uri, bytes("old"));

    assertThatThrownBy(
            () -> {
              try (BlobOutputStream out = store().create(uri)) {
                out.write(random(200_000, 7));
                throw new IllegalStateException("row source failed at row 150000");
              }
            })
        .hasMessage("row source failed at row 150000");

    assertThat(read(uri)).isEqualTo(bytes("old"));
    assertThat(store().list(uri("partial")).stream().map(BlobInfo::uri)).containsExactly(uri);
  }

  @Test
  public void write_producerReturns_commits() throws IOException {
    URI uri = uri("helper/object");

    BlobInfo info = store().write(uri, out -> out.write(bytes("123456789")));

    assertThat(info.size()).isEqualTo(9);
    assertThat(read(uri)).isEqualTo(bytes("123456789"));
  }

  @Test
  public void write_producerThrows_leavesNothing() throws IOException {
    URI uri = uri("helper/failed");

    assertThatThrownBy(
            () ->
                store()
                    .write(
                        uri,
                        out -> {
                          out.write(random(100_000, 8));
                          throw new IOException("producer failed");
                        }))
        .isInstanceOf(IOException.class)
        .hasMessage("producer failed");

    assertThat(store().exists(uri)).isFalse();
    assertThat(store().list(uri("helper"))).isEmpty();
  }

  @Test
  public void abort_leavesNothing() throws IOException {
    URI uri = uri("aborted/object");
    BlobOutputStream out = store().create(uri);
    out.write(random(70_000, 3));
    out.abort();
    out.close(); // does nothing after abort
    out.abort(); // nor does a second abort
    assertThatThrownBy(out::commit)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("commit after abort: nothing was written to " + uri);

    assertThat(store().exists(uri)).isFalse();
    assertThat(store().list(uri("aborted"))).isEmpty();
    assertThatThrownBy(() -> out.write(1))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage("write " + uri + " failed: the stream was aborted");
  }

  @Test
  public void abort_keepsPreviousObject() throws IOException {
    URI uri = uri("kept");
    write(uri, bytes("old"));
    BlobOutputStream out = store().create(uri);
    out.write(bytes("new and longer"));
    out.abort();

    assertThat(read(uri)).isEqualTo(bytes("old"));
  }

  @Test
  public void failedWrite_commitDoesNotCommit() throws IOException {
    URI uri = uri("failed");
    write(uri, bytes("old"));
    BlobOutputStream out = store().create(uri);
    out.write(random(1000, 4));

    assertThatThrownBy(() -> out.write(new byte[10], 5, 10))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(out.isOpen()).isFalse();
    assertThatThrownBy(out::commit)
        .isInstanceOfSatisfying(
            BlobStoreException.class,
            e -> {
              assertThat(e.operation()).isEqualTo("write");
              assertThat(e.uri()).isEqualTo(uri);
              assertThat(e.getMessage())
                  .startsWith("write " + uri + " failed: nothing committed: ");
              assertThat(e.getCause()).isInstanceOf(IndexOutOfBoundsException.class);
            });
    assertThat(read(uri)).isEqualTo(bytes("old"));
    out.abort(); // harmless on a failed stream
    out.close(); // and so is a close
    assertThat(store().list(uri("")).stream().map(BlobInfo::uri)).containsExactly(uri);
  }

  @Test
  public void write_afterCommit_throws() throws IOException {
    URI uri = uri("closed");
    BlobOutputStream out = store().create(uri);
    out.commit();
    out.close(); // a close after commit does nothing

    assertThatThrownBy(() -> out.write(new byte[1]))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage("write " + uri + " failed: the stream is closed");
    assertThatThrownBy(out::abort).isInstanceOf(IllegalStateException.class);
    assertThat(store().exists(uri)).isTrue();
  }

  @Test
  public void create_overwrite_replaces() throws IOException {
    URI uri = uri("dir/replaced");
    write(uri, random(5000, 5));
    write(uri, bytes("short"));

    assertThat(read(uri)).isEqualTo(bytes("short"));
    assertThat(store().stat(uri).orElseThrow().size()).isEqualTo(5);
  }

  @Test
  public void create_concurrentWritersToOneKey_oneWholeObjectWins() throws Exception {
    URI uri = uri("contended");
    int writers = 6;
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      contents.add(random(300_000 + i, 100 + i));
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (byte[] content : contents) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  try (BlobOutputStream out = store().create(uri)) {
                    for (int pos = 0; pos < content.length; pos += 10_000) {
                      out.write(content, pos, Math.min(10_000, content.length - pos));
                    }
                    out.commit();
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    byte[] back = read(uri);
    assertThat(contents).anySatisfy(c -> assertThat(Arrays.equals(c, back)).isTrue());
  }

  // ---- ranged reads ----

  @ParameterizedTest(name = "offset {0} length {1}")
  @CsvSource({
    "0, 10, 0, 10", // start
    "0, 0, 0, 0", // nothing
    "400, 200, 400, 600", // middle
    "990, 10, 990, 1000", // the last bytes
    "995, 10, 995, 1000", // across the end
    "0, 5000, 0, 1000", // longer than the object
    "1000, 10, 1000, 1000", // at the end
    "1500, 10, 1000, 1000", // past the end
  })
  public void openRange_returnsTheRange(long offset, long length, int from, int to)
      throws IOException {
    byte[] data = random(1000, 6);
    URI uri = uri("ranged");
    write(uri, data);

    try (InputStream in = store().openRange(uri, offset, length)) {
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, from, to));
    }
  }

  @Test
  public void openRange_negative_rejected() throws IOException {
    URI uri = uri("ranged");
    write(uri, random(10, 7));

    assertThatThrownBy(() -> store().openRange(uri, -1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offset must not be negative");
    assertThatThrownBy(() -> store().openRange(uri, 0, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("length must not be negative");
  }

  @Test
  public void openRange_missing_notFound() {
    URI uri = uri("missing");

    assertNotFound(() -> store().openRange(uri, 0, 10), "openRange", uri);
  }

  // ---- stat, exists, open of missing objects ----

  @Test
  public void open_missing_notFound() {
    URI uri = uri("missing");

    assertNotFound(() -> store().open(uri), "open", uri);
  }

  @Test
  public void stat_missing_empty() throws IOException {
    assertThat(store().stat(uri("missing"))).isEmpty();
    assertThat(store().exists(uri("missing"))).isFalse();
    assertThat(store().exists(uri("missing/deeper/still"))).isFalse();
  }

  @Test
  public void stat_prefixOfObjects_isNoObject() throws IOException {
    write(uri("dir/a"), bytes("a"));

    assertThat(store().stat(uri("dir"))).isEmpty();
    assertNotFound(() -> store().open(uri("dir")), "open", uri("dir"));
  }

  @Test
  public void stat_existing_reportsSize() throws IOException {
    byte[] data = random(12_345, 8);
    URI uri = uri("stat/me");
    write(uri, data);

    BlobInfo info = store().stat(uri).orElseThrow();
    assertThat(info.size()).isEqualTo(12_345);
    assertThat(info.crc32c()).isIn(null, hexCrc(data));
    assertThat(store().exists(uri)).isTrue();
  }

  // ---- list and delete ----

  @Test
  public void list_nestedKeys_sortedAndOnlyUnderThePrefix() throws IOException {
    for (String key :
        List.of("prefix/b", "prefix/a", "prefix/x/y/z", "prefix/x/c", "prefixother/a", "pre/a")) {
      write(uri(key), bytes(key));
    }

    List<BlobInfo> listed = store().list(uri("prefix"));

    assertThat(listed)
        .extracting(BlobInfo::uri)
        .containsExactly(uri("prefix/a"), uri("prefix/b"), uri("prefix/x/c"), uri("prefix/x/y/z"));
    assertThat(listed).isSortedAccordingTo(Comparator.comparing(BlobInfo::uri));
    assertThat(listed).extracting(BlobInfo::size).containsExactly(8L, 8L, 10L, 12L);
    assertThat(store().list(uri("prefix/x")))
        .extracting(BlobInfo::uri)
        .containsExactly(uri("prefix/x/c"), uri("prefix/x/y/z"));
  }

  @Test
  public void list_trailingSlash_sameAsWithout() throws IOException {
    write(uri("dir/a"), bytes("a"));
    write(uri("dir/b/c"), bytes("c"));
    String plain = uri("dir").toString();
    URI slashed = URI.create(plain.endsWith("/") ? plain : plain + "/");

    assertThat(store().list(slashed)).isEqualTo(store().list(uri("dir")));
    assertThat(store().list(slashed)).hasSize(2);
  }

  @Test
  public void list_missingPrefix_empty() throws IOException {
    write(uri("present/a"), bytes("a"));

    assertThat(store().list(uri("absent"))).isEmpty();
    assertThat(store().list(uri("present/a"))).isEmpty(); // an object is no prefix
  }

  @Test
  public void delete_existing_thenMissing() throws IOException {
    URI uri = uri("dir/doomed");
    write(uri, bytes("x"));
    write(uri("dir/kept"), bytes("y"));

    assertThat(store().delete(uri)).isTrue();
    assertThat(store().exists(uri)).isFalse();
    assertThat(store().delete(uri)).isFalse();
    assertThat(store().delete(uri("never"))).isFalse();
    assertThat(store().exists(uri("dir/kept"))).isTrue();
  }

  // ---- upload and download ----

  @Test
  public void upload_download_roundTrip() throws IOException {
    byte[] data = random(1024 * 1024 + 17, 9);
    Path source = Files.write(local.resolve("source.bin"), data);
    URI uri = uri("files/source.bin");
    ProgressRecorder upload = new ProgressRecorder();
    ProgressRecorder download = new ProgressRecorder();

    store().upload(source, uri, WriteOptions.defaults().withProgress(upload));
    Path target = local.resolve("nested/dirs/target.bin");
    store().download(uri, target, ReadOptions.defaults().withProgress(download));

    assertThat(Files.readAllBytes(target)).isEqualTo(data);
    upload.assertComplete(uri, data.length);
    download.assertComplete(uri, data.length);
    assertThat(tempFiles(java.util.Objects.requireNonNull(target.getParent()))).isEmpty();
  }

  @Test
  public void download_replacesExistingFile() throws IOException {
    URI uri = uri("replacing");
    write(uri, bytes("new"));
    Path target = Files.write(local.resolve("target"), bytes("old and longer"));

    store().download(uri, target, ReadOptions.defaults());

    assertThat(Files.readAllBytes(target)).isEqualTo(bytes("new"));
  }

  @Test
  public void download_missing_notFoundAndTargetUntouched() throws IOException {
    URI uri = uri("missing");
    Path target = Files.write(local.resolve("target"), bytes("precious"));

    assertNotFound(() -> store().download(uri, target, ReadOptions.defaults()), "download", uri);
    assertThat(Files.readAllBytes(target)).isEqualTo(bytes("precious"));
    assertThat(tempFiles(local)).isEmpty();
  }

  @Test
  public void download_failingMidway_leavesTargetUntouched() throws IOException {
    URI uri = uri("big");
    write(uri, random(1024 * 1024, 10));
    Path target = Files.write(local.resolve("target"), bytes("precious"));
    ProgressListener failing =
        (u, done, total) -> {
          if (done > 0) {
            throw new IllegalStateException("boom at " + done);
          }
        };

    assertThatThrownBy(
            () -> store().download(uri, target, ReadOptions.defaults().withProgress(failing)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("boom at ");
    assertThat(Files.readAllBytes(target)).isEqualTo(bytes("precious"));
    assertThat(tempFiles(local)).isEmpty();
  }

  @Test
  public void upload_missingFile_fails() {
    Path missing = local.resolve("missing");
    URI uri = uri("up");

    assertThatThrownBy(() -> store().upload(missing, uri, WriteOptions.defaults()))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage("upload " + uri + " failed: no such file: " + missing);
  }

  @Test
  public void uploadDirectory_downloadDirectory_fiftyFiles() throws IOException {
    Path source = Files.createDirectories(local.resolve("source"));
    List<String> keys = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < 50; i++) {
      String key =
          (i % 3 == 0 ? "" : "d" + (i % 3) + "/") + (i % 7 == 0 ? "deep/er/" : "") + "f" + i;
      byte[] data = random(100 + 37 * i, 200 + i);
      Files.createDirectories(source.resolve(key).getParent());
      Files.write(source.resolve(key), data);
      keys.add(key);
      total += data.length;
    }
    Collections.sort(keys);
    URI prefix = uri("tree");
    ProgressRecorder up = new ProgressRecorder();

    List<URI> uploaded =
        store()
            .uploadDirectory(
                source, prefix, WriteOptions.defaults().withConcurrency(4).withProgress(up));

    assertThat(uploaded)
        .containsExactlyElementsOf(keys.stream().map(k -> uri("tree/" + k)).toList());
    assertThat(store().list(prefix)).hasSize(50);
    up.assertComplete(prefix, total);

    Path target = local.resolve("target");
    ProgressRecorder down = new ProgressRecorder();
    List<Path> downloaded =
        store()
            .downloadDirectory(
                prefix, target, ReadOptions.defaults().withConcurrency(4).withProgress(down));

    assertThat(downloaded).hasSize(50);
    down.assertComplete(prefix, total);
    assertThat(filesUnder(target)).isEqualTo(filesUnder(source));
    for (String key : keys) {
      assertThat(Files.readAllBytes(target.resolve(key)))
          .as(key)
          .isEqualTo(Files.readAllBytes(source.resolve(key)));
    }
  }

  @Test
  public void uploadDirectory_empty_uploadsNothing() throws IOException {
    Path empty = Files.createDirectories(local.resolve("empty"));
    ProgressRecorder progress = new ProgressRecorder();

    assertThat(
            store()
                .uploadDirectory(
                    empty, uri("nothing"), WriteOptions.defaults().withProgress(progress)))
        .isEmpty();
    assertThat(store().list(uri("nothing"))).isEmpty();
    progress.assertComplete(uri("nothing"), 0);
  }

  @Test
  public void uploadDirectory_notADirectory_fails() throws IOException {
    Path file = Files.write(local.resolve("file"), bytes("x"));
    URI prefix = uri("p");

    assertThatThrownBy(() -> store().uploadDirectory(file, prefix, WriteOptions.defaults()))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage("uploadDirectory " + prefix + " failed: not a directory: " + file);
  }

  @Test
  public void downloadDirectory_emptyPrefix_downloadsNothing() throws IOException {
    assertThat(store().downloadDirectory(uri("none"), local.resolve("t"), ReadOptions.defaults()))
        .isEmpty();
  }

  // ---- helpers ----

  /** Writes {@code data} to {@code uri} in one call. */
  protected void write(URI uri, byte[] data) throws IOException {
    store().write(uri, out -> out.write(data));
  }

  /** Returns all the bytes of the object at {@code uri}. */
  protected byte[] read(URI uri) throws IOException {
    try (InputStream in = store().open(uri)) {
      return in.readAllBytes();
    }
  }

  /** Returns {@code n} bytes from a generator seeded with {@code seed}. */
  protected static byte[] random(int n, long seed) {
    byte[] bytes = new byte[n];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Returns the UTF-8 bytes of {@code s}. */
  protected static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  /** Returns the CRC32C of {@code data} as 8 lower-case hex digits. */
  protected static String hexCrc(byte[] data) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    return String.format("%08x", crc.getValue());
  }

  /** Asserts that {@code call} fails with {@code <operation> <uri> failed: no such object}. */
  protected static void assertNotFound(ThrowingCallable call, String operation, URI uri) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            BlobStoreException.class,
            e -> {
              assertThat(e).hasMessage(operation + " " + uri + " failed: no such object");
              assertThat(e.isNotFound()).isTrue();
              assertThat(e.operation()).isEqualTo(operation);
              assertThat(e.uri()).isEqualTo(uri);
              assertThat(e.reason()).isEqualTo("no such object");
            });
  }

  /** Returns the hidden temp files left in {@code dir}. */
  protected static List<Path> tempFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().contains(".ferry-")).toList();
    }
  }

  private static List<String> filesUnder(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
