package dev.ferry.blob.spi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.ReadOptions;
import dev.ferry.blob.WriteOptions;
import dev.ferry.blob.memory.MemoryBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AbstractBlobStoreTest {
  private static final URI PREFIX = URI.create("memory://b/tree");

  @TempDir Path local;

  /** A memory store seen through the base class, counting what it is asked. */
  private static class Probe extends AbstractBlobStore {
    final MemoryBlobStore memory = new MemoryBlobStore();
    final AtomicInteger stats = new AtomicInteger();
    final AtomicInteger transfers = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();

    @Override
    public String scheme() {
      return "memory";
    }

    @Override
    public BlobOutputStream create(URI uri, WriteOptions options) throws IOException {
      return memory.create(uri, options);
    }

    @Override
    public InputStream open(URI uri, ReadOptions options) throws IOException {
      return memory.open(uri, options);
    }

    @Override
    public InputStream openRange(URI uri, long offset, long length) throws IOException {
      return memory.openRange(uri, offset, length);
    }

    @Override
    public Optional<BlobInfo> stat(URI uri) throws IOException {
      stats.incrementAndGet();
      return memory.stat(uri);
    }

    @Override
    public List<BlobInfo> list(URI prefix) throws IOException {
      return memory.list(prefix);
    }

    @Override
    public boolean delete(URI uri) throws IOException {
      return memory.delete(uri);
    }

    @Override
    protected void uploadFile(Path file, URI uri, WriteOptions options, TransferProgress progress)
        throws IOException {
      enter();
      try {
        super.uploadFile(file, uri, options, progress);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    protected void downloadFile(
        URI uri, BlobInfo info, Path file, ReadOptions options, TransferProgress progress)
        throws IOException {
      enter();
      try {
        super.downloadFile(uri, info, file, options, progress);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    void enter() throws IOException {
      transfers.incrementAndGet();
      most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      pause();
    }

    void pause() throws IOException {}
  }

  private Path tree(int files) throws IOException {
    Path dir = Files.createDirectories(local.resolve("source"));
    for (int i = 0; i < files; i++) {
      Path file = dir.resolve(String.format("d%d/f%02d", i % 3, i));
      Files.createDirectories(file.getParent());
      Files.writeString(file, "file " + i);
    }
    return dir;
  }

  @Test
  void uploadDirectory_atMostConcurrencyInFlight() throws IOException {
    CountDownLatch fourRunning = new CountDownLatch(4);
    Probe store =
        new Probe() {
          @Override
          void pause() throws IOException {
            fourRunning.countDown();
            await(fourRunning);
          }
        };

    List<URI> uploaded =
        store.uploadDirectory(tree(30), PREFIX, WriteOptions.defaults().withConcurrency(4));

    assertThat(uploaded).hasSize(30);
    assertThat(store.most.get()).isEqualTo(4);
    assertThat(store.inFlight.get()).isZero();
  }

  @Test
  void downloadDirectory_concurrencyOne_oneAtATime_andNoStatPerObject() throws IOException {
    Probe store = new Probe();
    store.uploadDirectory(tree(10), PREFIX, WriteOptions.defaults());
    store.stats.set(0);
    store.most.set(0);

    List<Path> files =
        store.downloadDirectory(
            PREFIX, local.resolve("target"), ReadOptions.defaults().withConcurrency(1));

    assertThat(files).hasSize(10);
    assertThat(store.most.get()).isEqualTo(1);
    assertThat(store.stats.get()).isZero();
    assertThat(local.resolve("target/d1/f04")).hasContent("file 4");
  }

  @Test
  void uploadDirectory_firstFailureThrown_restNotStarted() throws IOException {
    Probe store =
        new Probe() {
          @Override
          void pause() throws IOException {
            throw new IOException("no network");
          }
        };

    assertThatThrownBy(
            () ->
                store.uploadDirectory(tree(30), PREFIX, WriteOptions.defaults().withConcurrency(2)))
        .isInstanceOf(IOException.class)
        .hasMessage("no network");
    assertThat(store.transfers.get()).isLessThanOrEqualTo(2); // the two first in flight at most
    assertThat(store.memory.size()).isZero();
  }

  @Test
  void downloadDirectory_unsafeKeyLast_noTransferStarts() throws Exception {
    Probe store = new Probe();
    store.uploadDirectory(tree(10), PREFIX, WriteOptions.defaults());
    URI evil = new URI("memory", "b", "/tree/zz/../../escape", null, null);
    try (BlobOutputStream out = store.create(evil)) {
      out.write(1);
      out.commit();
    }
    store.transfers.set(0);

    assertThatThrownBy(
            () -> store.downloadDirectory(PREFIX, local.resolve("t"), ReadOptions.defaults()))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage(
            "downloadDirectory "
                + evil
                + " failed: unsafe key 'zz/../../escape': it has a '..' segment");
    assertThat(store.transfers.get()).isZero();
    assertThat(local.resolve("t")).doesNotExist();
    assertThat(local.resolve("escape")).doesNotExist();
  }

  @Test
  void downloadDirectory_failsMidway_removesWhatItCreated() throws IOException {
    Probe store =
        new Probe() {
          @Override
          public InputStream open(URI uri, ReadOptions options) throws IOException {
            if (uri.getPath().endsWith("/c")) {
              throw new IOException("connection reset");
            }
            return super.open(uri, options);
          }
        };
    for (String key : List.of("a/x", "b", "c", "d")) {
      store.write(PREFIX.resolve("tree/" + key), out -> out.write(key.getBytes(UTF_8)));
    }
    Path fresh = local.resolve("fresh");
    Path existing = Files.createDirectories(local.resolve("existing/a"));
    Files.writeString(local.resolve("existing/keep.txt"), "mine");
    ReadOptions oneAtATime = ReadOptions.defaults().withConcurrency(1);

    for (Path target : List.of(fresh, existing.getParent())) {
      assertThatThrownBy(() -> store.downloadDirectory(PREFIX, target, oneAtATime))
          .isInstanceOf(BlobStoreException.class)
          .hasMessage("download memory://b/tree/c failed: IOException: connection reset");
    }

    assertThat(store.transfers.get()).isEqualTo(6); // a/x and b were written before c failed
    assertThat(fresh).doesNotExist();
    assertThat(children(java.util.Objects.requireNonNull(existing.getParent())))
        .containsExactly(existing, local.resolve("existing/keep.txt"));
    assertThat(children(existing)).isEmpty();
    assertThat(local.resolve("existing/keep.txt")).hasContent("mine");
  }

  @Test
  void downloadDirectory_nameOverTheFileSystemLimit_refusedBeforeWriting() throws IOException {
    Probe store = new Probe();
    String name = "n".repeat(300);
    for (String key : List.of("a", name, "z")) {
      store.write(PREFIX.resolve("tree/" + key), out -> out.write(1));
    }
    Path target = local.resolve("t");

    assertThatThrownBy(() -> store.downloadDirectory(PREFIX, target, ReadOptions.defaults()))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage(
            "downloadDirectory memory://b/tree/"
                + "n".repeat(44)
                + "...[216 chars]..."
                + "n".repeat(40)
                + " failed: key '"
                + "n".repeat(60)
                + "...[200 chars]..."
                + "n".repeat(40)
                + "' cannot be a local file: the name '"
                + "n".repeat(60)
                + "...[200 chars]..."
                + "n".repeat(40)
                + "' is 300 bytes, over the file system's limit of 255");
    assertThat(store.transfers.get()).isZero();
    assertThat(target).doesNotExist();
  }

  @Test
  void downloadDirectory_pathOverTheFileSystemLimit_saysSoBriefly() throws IOException {
    Probe store = new Probe();
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      key.append(String.format("s%02d", i)).append("x".repeat(200)).append('/');
    }
    key.append("f.txt");
    store.write(PREFIX.resolve("tree/" + key), out -> out.write(1));
    Path target = local.resolve("t");
    int pathBytes = target.toAbsolutePath().normalize().resolve(key.toString()).toString().length();

    assertThatThrownBy(() -> store.downloadDirectory(PREFIX, target, ReadOptions.defaults()))
        .isInstanceOf(BlobStoreException.class)
        .satisfies(e -> assertThat(String.valueOf(e.getMessage()).length()).isLessThan(400))
        .hasMessage(
            "downloadDirectory "
                + dev.ferry.blob.internal.SafePaths.abbreviate("memory://b/tree/" + key)
                + " failed: key '"
                + dev.ferry.blob.internal.SafePaths.abbreviate(key.toString())
                + "' cannot be a local file: the local path would be "
                + pathBytes
                + " bytes, over the file system's limit of 4095");
    assertThat(target).doesNotExist();
  }

  private static List<Path> children(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void upload_notARegularFile_fails() throws IOException {
    Probe store = new Probe();
    URI uri = URI.create("memory://b/x");

    assertThatThrownBy(() -> store.upload(local, uri, WriteOptions.defaults()))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage("upload memory://b/x failed: not a regular file: " + local);
  }

  @Test
  void upload_storeRefusesTheWrite_reportedAsUpload() throws IOException {
    Probe store = new Probe();
    Path file = Files.writeString(local.resolve("f"), "x");
    URI uri = URI.create("memory://b");

    assertThatThrownBy(() -> store.upload(file, uri, WriteOptions.defaults()))
        .isInstanceOfSatisfying(
            BlobStoreException.class,
            e -> {
              assertThat(e)
                  .hasMessage(
                      "upload memory://b failed: it names no object (memory URIs look like"
                          + " memory://bucket/key)");
              assertThat(e.getCause()).hasMessageStartingWith("write memory://b failed: ");
            });
  }

  @Test
  void download_ontoADirectory_fails() throws IOException {
    Probe store = new Probe();
    URI uri = URI.create("memory://b/x");
    try (BlobOutputStream out = store.create(uri)) {
      out.write("x".getBytes(UTF_8));
      out.commit();
    }
    Path dir = Files.createDirectories(local.resolve("dir"));

    assertThatThrownBy(() -> store.download(uri, dir, ReadOptions.defaults()))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage("download memory://b/x failed: is a directory: " + dir);
  }

  @Test
  void download_statsOnce() throws IOException {
    Probe store = new Probe();
    URI uri = URI.create("memory://b/x");
    try (BlobOutputStream out = store.create(uri)) {
      out.write("x".getBytes(UTF_8));
      out.commit();
    }

    store.download(uri, local.resolve("x"), ReadOptions.defaults());

    assertThat(store.stats.get()).isOne();
  }

  @Test
  void child_appendsTheKeyToThePrefixPath() throws IOException {
    Probe store = new Probe();

    assertThat(store.child(URI.create("memory://b/p"), "a/b c"))
        .hasToString("memory://b/p/a/b%20c");
    assertThat(store.child(URI.create("memory://b/p/"), "a")).hasToString("memory://b/p/a");
    assertThat(store.child(URI.create("memory://b"), "a%")).hasToString("memory://b/a%25");
  }

  @Test
  void relativeKey_isWhatFollowsThePrefix() {
    Probe store = new Probe();

    assertThat(store.relativeKey(URI.create("memory://b/p"), URI.create("memory://b/p/a/b")))
        .isEqualTo("a/b");
    assertThat(store.relativeKey(URI.create("memory://b/p/"), URI.create("memory://b/p/a")))
        .isEqualTo("a");
    assertThat(store.relativeKey(URI.create("memory://b"), URI.create("memory://b/x%20y")))
        .isEqualTo("x y");
    assertThatThrownBy(
            () -> store.relativeKey(URI.create("memory://b/p"), URI.create("memory://b/pq/a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("memory://b/pq/a is not under memory://b/p");
  }

  @Test
  void checkRange_rejectsNegatives() {
    AbstractBlobStore.checkRange(0, 0);
    assertThatThrownBy(() -> AbstractBlobStore.checkRange(-1, 0))
        .hasMessage("offset must not be negative");
    assertThatThrownBy(() -> AbstractBlobStore.checkRange(0, -1))
        .hasMessage("length must not be negative");
  }

  private static void await(CountDownLatch latch) throws IOException {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IOException("latch timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
