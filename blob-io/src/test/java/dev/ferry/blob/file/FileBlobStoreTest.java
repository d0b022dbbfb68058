package dev.ferry.blob.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStoreContract;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.ReadOptions;
import dev.ferry.blob.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobStoreTest extends BlobStoreContract {
  private static final String TEMP_NAME = "\\.data\\.bin\\.ferry-[0-9a-f]{16}\\.tmp";

  @TempDir Path root;
  private final FileBlobStore store = new FileBlobStore();

  @Override
  protected BlobStore store() {
    return store;
  }

  @Override
  protected URI uri(String key) {
    return key.isEmpty() ? root.toUri() : root.resolve(key).toUri();
  }

  // ---- temp files ----

  @Test
  public void create_writesHiddenTempFileBesideTarget() throws IOException {
    Path dir = root.resolve("d");
    try (BlobOutputStream out = store.create(uri("d/data.bin"))) {
      out.write(random(200_000, 1));

      List<Path> files = children(dir);
      assertThat(files).hasSize(1);
      assertThat(files.get(0).getFileName().toString()).matches(TEMP_NAME);
      assertThat(dir.resolve("data.bin")).doesNotExist();
      out.commit();
    }
    assertThat(children(dir)).containsExactly(dir.resolve("data.bin"));
    assertThat(dir.resolve("data.bin")).hasSize(200_000);
  }

  @Test
  public void create_notDurable_stillPublishesWholeObjectsAtomically() throws IOException {
    assertThat(WriteOptions.defaults().durable()).isTrue();
    WriteOptions fast = WriteOptions.defaults().withDurable(false);
    assertThat(fast.durable()).isFalse();
    Path dir = root.resolve("fast");
    byte[] first = random(70_000, 3);
    byte[] second = random(90_000, 4);
    store.write(uri("fast/doc.pb"), fast, out -> out.write(first));
    try (BlobOutputStream out = store.create(uri("fast/doc.pb"), fast)) {
      out.write(second);
      assertThat(dir.resolve("doc.pb")).hasBinaryContent(first); // the old one until the commit
      out.commit();
    }
    assertThat(dir.resolve("doc.pb")).hasBinaryContent(second);
    assertThat(children(dir)).containsExactly(dir.resolve("doc.pb"));
  }

  @Test
  public void abort_deletesTempFile() throws IOException {
    BlobOutputStream out = store.create(uri("d/data.bin"));
    out.write(random(10, 2));
    out.abort();

    assertThat(children(root.resolve("d"))).isEmpty();
  }

  @Test
  public void close_withoutCommit_deletesTempFile() throws IOException {
    BlobOutputStream out = store.create(uri("d/data.bin"));
    out.write(random(10, 2));
    out.close();

    assertThat(children(root.resolve("d"))).isEmpty();
  }

  @Test
  public void failedWrite_deletesTempFile() throws IOException {
    BlobOutputStream out = store.create(uri("d/data.bin"));
    out.write(random(10, 2));
    assertThatThrownBy(() -> out.write(null, 0, 1)).isInstanceOf(NullPointerException.class);

    assertThat(children(root.resolve("d"))).isEmpty();
  }

  @Test
  public void failedCommit_deletesTempFileAndKeepsWhatIsThere() throws IOException {
    URI uri = uri("d/data.bin");
    BlobOutputStream out = store.create(uri);
    out.write(random(10, 2));
    Files.createDirectories(root.resolve("d/data.bin/inside")); // the rename cannot replace it

    assertThatThrownBy(out::commit)
        .isInstanceOfSatisfying(
            BlobStoreException.class,
            e -> assertThat(e.getMessage()).startsWith("write " + uri + " failed: "));
    assertThat(children(root.resolve("d"))).containsExactly(root.resolve("d/data.bin"));
    assertThat(root.resolve("d/data.bin/inside")).isDirectory();
  }

  @Test
  public void abandonedStream_tempFileCleanedAfterGc() throws Exception {
    Path dir = root.resolve("d");
    abandon(uri("d/data.bin"));
    assertThat(children(dir)).hasSize(1);

    await("the Cleaner removes the abandoned temp file")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              System.gc(); // the Cleaner runs once the stream is collected
              return children(dir).isEmpty();
            });

    assertThat(store.list(uri("d"))).isEmpty();
  }

  private void abandon(URI uri) throws IOException {
    BlobOutputStream out = store.create(uri);
    out.write(random(1000, 3));
  }

  @Test
  public void list_skipsTempFilesButNotOtherDotFiles() throws IOException {
    Files.createDirectories(root.resolve("d"));
    Files.write(root.resolve("d/.data.bin.ferry-0123456789abcdef.tmp"), bytes("half"));
    Files.write(root.resolve("d/.hidden"), bytes("dot"));
    Files.write(root.resolve("d/.x.ferry-notatemp.tmp"), bytes("not ours"));

    assertThat(store.list(uri("d")))
        .extracting(BlobInfo::uri)
        .containsExactly(uri("d/.hidden"), uri("d/.x.ferry-notatemp.tmp"));
  }

  @Test
  public void create_longName_works() throws IOException {
    String name = "n".repeat(250);
    write(uri(name), bytes("long"));

    assertThat(read(uri(name))).isEqualTo(bytes("long"));
  }

  // ---- atomic replace ----

  @Test
  public void create_replacesAtomically() throws IOException {
    URI uri = uri("data.bin");
    byte[] old = random(300_000, 4);
    byte[] fresh = random(200_000, 5);
    write(uri, old);

    try (InputStream reader = store.open(uri)) {
      byte[] head = reader.readNBytes(1000);
      try (BlobOutputStream out = store.create(uri)) {
        out.write(fresh);
        assertThat(read(uri)).isEqualTo(old);
        out.commit();
      }
      assertThat(read(uri)).isEqualTo(fresh);
      // A reader opened before the commit goes on reading the old file.
      byte[] rest = reader.readAllBytes();
      assertThat(head.length + rest.length).isEqualTo(old.length);
      assertThat(rest[rest.length - 1]).isEqualTo(old[old.length - 1]);
    }
  }

  // ---- paths and URIs ----

  @Test
  public void create_createsParentDirectories() throws IOException {
    write(uri("a/b/c/d"), bytes("deep"));

    assertThat(root.resolve("a/b/c/d")).hasContent("deep");
  }

  @Test
  public void create_onDirectory_fails() throws IOException {
    Files.createDirectories(root.resolve("dir"));
    URI uri = uri("dir");

    assertThatThrownBy(() -> store.create(uri))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage("write " + uri + " failed: is a directory: " + root.resolve("dir"));
  }

  @Test
  public void create_underRegularFile_fails() throws IOException {
    write(uri("a"), bytes("file"));
    URI uri = uri("a/b");

    assertThatThrownBy(() -> store.create(uri))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage("write " + uri + " failed: not a directory: " + root.resolve("a"));
    assertThat(store.stat(uri)).isEmpty();
    assertThat(store.delete(uri)).isFalse();
    assertNotFound(() -> store.open(uri), "open", uri);
  }

  @Test
  public void create_deepUnderRegularFile_failsNamingTheFile() throws IOException {
    write(uri("a"), bytes("file"));
    URI uri = uri("a/b/c/d");

    assertThatThrownBy(() -> store.create(uri))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage("write " + uri + " failed: not a directory: " + root.resolve("a"));
    assertThat(root.resolve("a")).hasContent("file");
  }

  @Test
  public void create_besideExistingObjects_andInNewDirectories_publishesEach() throws IOException {
    write(uri("run/a0/0/inputs.pb"), bytes("in"));
    write(uri("run/a0/0/outputs.pb"), bytes("out")); // the directory exists now
    write(uri("run/a1/0/inputs.pb"), bytes("in1")); // two new levels

    assertThat(root.resolve("run/a0/0/inputs.pb")).hasContent("in");
    assertThat(root.resolve("run/a0/0/outputs.pb")).hasContent("out");
    assertThat(root.resolve("run/a1/0/inputs.pb")).hasContent("in1");
    try (var files = Files.list(root.resolve("run/a0/0"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("inputs.pb", "outputs.pb");
    }
  }

  @Test
  public void delete_directory_returnsFalseAndKeepsIt() throws IOException {
    Files.createDirectories(root.resolve("dir"));

    assertThat(store.delete(uri("dir"))).isFalse();
    assertThat(root.resolve("dir")).isDirectory();
  }

  @Test
  public void uris_schemeLessPathsAndSingleSlash_work() throws IOException {
    write(uri("x"), bytes("x"));
    Path path = root.resolve("x");

    assertThat(store.stat(URI.create(path.toString()))).isPresent();
    assertThat(store.stat(URI.create("file:" + path))).isPresent();
    assertThat(store.stat(URI.create("FILE://" + path))).isPresent();
    assertThat(FileBlobStore.toPath("stat", URI.create("relative/x")))
        .isEqualTo(Path.of("relative/x").toAbsolutePath());
  }

  @Test
  public void uris_specialCharacters_roundTrip() throws IOException {
    String key = "sp ace/ü%25 #?.txt";
    URI uri = root.resolve(key).toUri();
    write(uri, bytes("odd"));

    assertThat(root.resolve(key)).hasContent("odd");
    assertThat(store.list(uri("sp ace"))).extracting(BlobInfo::uri).containsExactly(uri);
    Path target = local.resolve("t");
    assertThat(store.downloadDirectory(uri("sp ace"), target, ReadOptions.defaults()))
        .containsExactly(target.resolve("ü%25 #?.txt"));
  }

  @Test
  public void uris_badForms_rejected() {
    assertBadUri("file://host/x", "file URIs must not name a host: file:///path");
    assertBadUri("file:relative", "file URIs take an absolute path: file:///path");
    assertBadUri("file:///x?q=1", "file URIs take no query or fragment");
    assertBadUri("memory://b/x", "not a file URI");
    assertBadUri("//host/x", "a path must not name a host");
  }

  private void assertBadUri(String uri, String reason) {
    assertThatThrownBy(() -> store.stat(URI.create(uri)))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage("stat " + uri + " failed: " + reason);
  }

  // ---- links ----

  @Test
  public void uploadDirectory_followsFileLinksNotDirectoryLinks() throws IOException {
    Path outside = Files.createDirectories(local.resolve("outside"));
    Files.write(outside.resolve("o"), bytes("o"));
    Path source = Files.createDirectories(local.resolve("source"));
    Files.write(source.resolve("real"), bytes("r"));
    Files.createSymbolicLink(source.resolve("file-link"), outside.resolve("o"));
    Files.createSymbolicLink(source.resolve("dir-link"), outside);
    Files.createSymbolicLink(source.resolve("dangling"), local.resolve("nowhere"));
    Files.write(source.resolve(".real.ferry-0123456789abcdef.tmp"), bytes("half"));

    List<URI> uploaded = store.uploadDirectory(source, uri("up"), WriteOptions.defaults());

    assertThat(uploaded).containsExactly(uri("up/file-link"), uri("up/real"));
    assertThat(root.resolve("up/file-link")).hasContent("o");
  }

  @Test
  public void list_prefixThroughLink_listsUnderTheLink() throws IOException {
    write(uri("real/a"), bytes("a"));
    Files.createSymbolicLink(root.resolve("link"), root.resolve("real"));

    assertThat(store.list(uri("link"))).extracting(BlobInfo::uri).containsExactly(uri("link/a"));
  }

  @Test
  public void downloadDirectory_linkOutOfTarget_rejectedBeforeWriting() throws IOException {
    write(uri("p/a"), bytes("a"));
    write(uri("p/evil/x"), bytes("x"));
    Path outside = Files.createDirectories(local.resolve("outside"));
    Path target = Files.createDirectories(local.resolve("target"));
    Files.createSymbolicLink(target.resolve("evil"), outside);

    assertThatThrownBy(() -> store.downloadDirectory(uri("p"), target, ReadOptions.defaults()))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage(
            "downloadDirectory "
                + uri("p/evil/x")
                + " failed: unsafe key 'evil/x': it would land outside "
                + target
                + " through the symbolic link "
                + target.resolve("evil"));
    assertThat(children(outside)).isEmpty();
    assertThat(target.resolve("a")).doesNotExist();
  }

  @Test
  public void downloadDirectory_sourceLinkToAFileOutsideThePrefix_refusedBeforeWriting()
      throws IOException {
    write(uri("src/a"), bytes("a"));
    Path secret = Files.write(root.resolve("secret.txt"), bytes("secret")); // beside the prefix
    Path link = Files.createSymbolicLink(root.resolve("src/z-link"), secret);
    Path target = local.resolve("target");

    assertThatThrownBy(() -> store.downloadDirectory(uri("src"), target, ReadOptions.defaults()))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage(
            "downloadDirectory "
                + link.toUri()
                + " failed: refused: the symbolic link "
                + link
                + " leads to "
                + secret.toRealPath()
                + ", outside the prefix "
                + root.resolve("src"));
    assertThat(target).doesNotExist();
  }

  @Test
  public void downloadDirectory_sourceLinkInsideThePrefix_isDownloaded() throws IOException {
    write(uri("src/a"), bytes("a"));
    Files.createSymbolicLink(root.resolve("src/b-link"), root.resolve("src/a"));
    Path target = local.resolve("target");

    assertThat(store.downloadDirectory(uri("src"), target, ReadOptions.defaults()))
        .containsExactly(target.resolve("a"), target.resolve("b-link"));
    assertThat(target.resolve("b-link")).hasContent("a");
  }

  // ---- special files ----

  @Test
  public void open_fifo_refusedNamingThePathInsteadOfBlocking() throws Exception {
    Path fifo = root.resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).as("mkfifo exit code").isZero();
    URI uri = fifo.toUri();
    String message =
        " "
            + uri
            + " failed: not a regular file: "
            + fifo
            + " is a FIFO (named pipe), not an object";

    // on a thread of its own: before the fix, opening the FIFO blocked forever
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          assertThatThrownBy(() -> store.open(uri))
              .isInstanceOf(BlobStoreException.class)
              .hasMessage("open" + message);
          assertThatThrownBy(() -> store.openRange(uri, 0, 10))
              .isInstanceOf(BlobStoreException.class)
              .hasMessage("openRange" + message);
        });
    assertThat(store.stat(uri)).isEmpty();
  }

  private static List<Path> children(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
