package dev.ferry.blob.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStoreContract;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.ReadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MemoryBlobStoreTest extends BlobStoreContract {
  private final MemoryBlobStore store = new MemoryBlobStore();

  @Override
  protected BlobStore store() {
    return store;
  }

  @Override
  protected URI uri(String key) {
    return URI.create("memory://bucket/" + key);
  }

  // ---- integrity ----

  @Test
  public void open_corrupted_failsTheChecksum() throws IOException {
    URI uri = uri("x");
    store.putUnchecked(uri, bytes("123456789"), 0);

    try (InputStream in = store.open(uri)) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(BlobStoreException.class)
          .hasMessage(
              "read "
                  + uri
                  + " failed: checksum mismatch: expected crc32c 00000000 but read e3069283");
    }
  }

  @Test
  public void open_corruptedWithChecksumOff_reads() throws IOException {
    URI uri = uri("x");
    store.putUnchecked(uri, bytes("123456789"), 0);

    try (InputStream in = store.open(uri, ReadOptions.defaults().withChecksum(false))) {
      assertThat(in.readAllBytes()).isEqualTo(bytes("123456789"));
    }
  }

  @Test
  public void download_corrupted_failsAndLeavesTargetUntouched() throws IOException {
    URI uri = uri("x");
    store.putUnchecked(uri, random(200_000, 1), 42);
    Path target = Files.write(local.resolve("target"), bytes("precious"));

    assertThatThrownBy(() -> store.download(uri, target, ReadOptions.defaults()))
        .isInstanceOf(BlobStoreException.class)
        .hasMessageStartingWith(
            "download " + uri + " failed: checksum mismatch: expected crc32c 0000002a but read ");
    assertThat(target).hasContent("precious");
    assertThat(tempFiles(local)).isEmpty();
  }

  @Test
  public void stat_reportsChecksumAndANewEtagPerCommit() throws IOException {
    URI uri = uri("x");
    write(uri, bytes("123456789"));
    BlobInfo first = store.stat(uri).orElseThrow();
    write(uri, bytes("123456789"));
    BlobInfo second = store.stat(uri).orElseThrow();

    assertThat(first.crc32c()).isEqualTo("e3069283");
    assertThat(first.etag()).isNotNull().isNotEqualTo(second.etag());
  }

  // ---- directory downloads of hostile keys ----

  @Test
  public void downloadDirectory_unsafeKeys_rejectedBeforeWritingAnything() throws Exception {
    store.putUnchecked(uri("p/a-fine"), bytes("ok"), crc("ok"));
    URI dotDot = new URI("memory", "bucket", "/p/../evil", null, null);
    URI backslash = new URI("memory", "bucket", "/p/a\\b", null, null);
    URI doubled = new URI("memory", "bucket", "/p//abs", null, null);
    for (URI uri : new URI[] {dotDot, backslash, doubled}) {
      store.putUnchecked(uri, bytes("bad"), crc("bad"));
    }
    Path target = local.resolve("target");

    assertThatThrownBy(() -> store.downloadDirectory(uri("p"), target, ReadOptions.defaults()))
        .isInstanceOfSatisfying(
            BlobStoreException.class,
            e -> {
              assertThat(e)
                  .hasMessage(
                      "downloadDirectory "
                          + dotDot
                          + " failed: unsafe key '../evil': it has a '..' segment");
              assertThat(e.getSuppressed())
                  .extracting(Throwable::getMessage)
                  .containsExactly(
                      "downloadDirectory " + doubled + " failed: unsafe key '/abs': it is absolute",
                      "downloadDirectory "
                          + backslash
                          + " failed: unsafe key 'a\\b': it has a backslash");
            });
    assertThat(target).doesNotExist();
  }

  @Test
  public void downloadDirectory_objectThatIsAlsoADirectory_rejectedBeforeWriting()
      throws IOException {
    write(uri("p/a"), bytes("a"));
    write(uri("p/a/b"), bytes("b"));
    write(uri("p/c"), bytes("c"));
    Path target = local.resolve("target");

    assertThatThrownBy(() -> store.downloadDirectory(uri("p"), target, ReadOptions.defaults()))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage(
            "downloadDirectory "
                + uri("p/a")
                + " failed: key 'a' is an object and also the directory of 'a/b'");
    assertThat(target).doesNotExist();
  }

  @Test
  public void downloadDirectory_keyWithTrailingSlash_rejected() throws IOException {
    write(uri("p/marker/"), bytes(""));
    Path target = local.resolve("target");

    assertThatThrownBy(() -> store.downloadDirectory(uri("p"), target, ReadOptions.defaults()))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage(
            "downloadDirectory "
                + uri("p/marker/")
                + " failed: unsafe key 'marker/': it has an empty segment");
  }

  // ---- buckets, URIs, clear ----

  @Test
  public void buckets_areSeparate() throws IOException {
    write(URI.create("memory://one/x"), bytes("1"));
    write(URI.create("memory://two/x"), bytes("2"));

    assertThat(read(URI.create("memory://one/x"))).isEqualTo(bytes("1"));
    assertThat(store.list(URI.create("memory://two")))
        .extracting(BlobInfo::uri)
        .containsExactly(URI.create("memory://two/x"));
  }

  @Test
  public void clear_removesEverything() throws IOException {
    write(uri("a"), bytes("a"));
    write(URI.create("memory://other/b"), bytes("b"));
    assertThat(store.size()).isEqualTo(2);

    store.clear();

    assertThat(store.size()).isZero();
    assertThat(store.exists(uri("a"))).isFalse();
  }

  @Test
  public void uris_badForms_rejected() {
    assertBadUri("memory:/x", "it names no bucket");
    assertBadUri("memory:x", "it names no bucket");
    assertBadUri("memory://bucket", "it names no object");
    assertBadUri("memory://bucket/", "it names no object");
    assertBadUri("memory://bucket/x?v=1", "memory URIs take no query or fragment");
    assertBadUri("file:///x", "not a memory URI");
  }

  private void assertBadUri(String uri, String problem) {
    assertThatThrownBy(() -> store.stat(URI.create(uri)))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage(
            "stat " + uri + " failed: " + problem + " (memory URIs look like memory://bucket/key)");
  }

  private static int crc(String s) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(bytes(s));
    return (int) crc.getValue();
  }
}
