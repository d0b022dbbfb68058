package dev.ferry.blob;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.file.FileBlobStore;
import dev.ferry.blob.memory.MemoryBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlobStoresTest {
  private final BlobStores stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()));

  @AfterEach
  void close() throws IOException {
    stores.close();
  }

  @Test
  void forUri_fileUri_fileStore() {
    assertThat(stores.forUri(URI.create("file:///tmp/x"))).isInstanceOf(FileBlobStore.class);
  }

  @Test
  void forUri_schemeLessPaths_fileStore() {
    BlobStore file = stores.forScheme("file");

    assertThat(stores.forUri(URI.create("/tmp/x"))).isSameAs(file);
    assertThat(stores.forUri(URI.create("relative/x"))).isSameAs(file);
    assertThat(file.scheme()).isEqualTo("file");
  }

  @Test
  void forUri_memoryUri_memoryStore() {
    BlobStore memory = stores.forUri(URI.create("memory://b/x"));

    assertThat(memory).isInstanceOf(MemoryBlobStore.class);
    assertThat(memory.scheme()).isEqualTo("memory");
  }

  @Test
  void forUri_schemeInAnyCase_sameStore() {
    assertThat(stores.forUri(URI.create("MEMORY://b/x"))).isSameAs(stores.forScheme("memory"));
    assertThat(stores.forScheme("File")).isSameAs(stores.forScheme("file"));
  }

  @Test
  void forUri_unknownScheme_namesTheKnownOnes() {
    assertThatThrownBy(() -> stores.forUri(URI.create("nope://bucket/key")))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .matches(
            "no blob store for scheme 'nope' of nope://bucket/key: the class path has stores for"
                + " \\[(.*, )?file, (.*, )?memory(, .*)?\\] \\(stores are found through"
                + " ServiceLoader: dev.ferry.blob.BlobStoreProvider\\)");
  }

  @Test
  void forScheme_unknown_namesTheKnownOnes() {
    assertThatThrownBy(() -> stores.forScheme("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no blob store for scheme 'nope': the class path has stores for [");
  }

  @Test
  void memory_isSharedWithinARegistry() throws IOException {
    BlobStore first = stores.forUri(URI.create("memory://b/x"));
    try (BlobOutputStream out = first.create(URI.create("memory://b/x"))) {
      out.write("shared".getBytes(UTF_8));
      out.commit();
    }

    BlobStore second = stores.forUri(URI.create("memory://b/y"));
    assertThat(second).isSameAs(first);
    try (InputStream in = second.open(URI.create("memory://b/x"))) {
      assertThat(in.readAllBytes()).isEqualTo("shared".getBytes(UTF_8));
    }
  }

  @Test
  void memory_isNotSharedAcrossRegistries() throws IOException {
    try (BlobOutputStream out = stores.forScheme("memory").create(URI.create("memory://b/x"))) {
      out.write(1);
      out.commit();
    }

    try (BlobStores other = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()))) {
      BlobStore memory = other.forScheme("memory");
      assertThat(memory).isNotSameAs(stores.forScheme("memory"));
      assertThat(memory.exists(URI.create("memory://b/x"))).isFalse();
    }
  }

  @Test
  void close_dropsTheStores() throws IOException {
    BlobStore before = stores.forScheme("memory");

    stores.close();

    assertThat(stores.forScheme("memory")).isNotSameAs(before);
  }
}
