package dev.ferry.transformers.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataPlaneTest {
  @TempDir Path tmp;

  @Test
  void close_localClosesTheStoresItCreated() throws Exception {
    DataPlane plane = DataPlane.local(tmp);
    BlobStore before = plane.stores().forScheme("memory");

    plane.close();

    // a closed registry forgets its stores: asking again makes a new one
    assertThat(plane.stores().forScheme("memory")).isNotSameAs(before);
  }

  @Test
  void close_leavesStoresPassedInOpen() throws Exception {
    BlobStores stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()));
    BlobStore before = stores.forScheme("memory");

    try (DataPlane plane = DataPlane.of(stores, URI.create("memory://raw"), tmp)) {
      assertThat(plane.store(URI.create("memory://raw/x"))).isSameAs(before);
    }

    assertThat(stores.forScheme("memory")).isSameAs(before);
  }

  @Test
  void literalSources_defaultToTheRawAndMetadataPrefixes() throws Exception {
    BlobStores stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()));
    DataPlane plane =
        DataPlane.of(stores, URI.create("s3://bucket/raw/"), tmp)
            .withMetadataPrefix(URI.create("s3://bucket/metadata/run-1"));

    assertThat(plane.literalSources())
        .containsExactly("s3://bucket/raw/", "s3://bucket/metadata/run-1/");
    assertThat(plane.allowsLiteralAt(URI.create("s3://bucket/raw/ab/literal.pb"))).isTrue();
    assertThat(plane.allowsLiteralAt(URI.create("S3://bucket/metadata/run-1/inputs.pb"))).isTrue();
    assertThat(plane.allowsLiteralAt(URI.create("s3://bucket/raw2/literal.pb"))).isFalse();
    assertThat(plane.allowsLiteralAt(URI.create("s3://other/raw/literal.pb"))).isFalse();
    assertThat(plane.allowsLiteralAt(URI.create("s3://bucket/raw/../secret"))).isFalse();
    assertThat(plane.allowsLiteralAt(URI.create("gs://bucket/raw/literal.pb"))).isFalse();
  }

  @Test
  void literalSources_aWholeSchemeOrALocalPathCanBeAllowed() throws Exception {
    BlobStores stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()));
    DataPlane plane =
        DataPlane.of(stores, URI.create("memory://raw"), tmp)
            .withLiteralSources(List.of("s3://", tmp.resolve("inputs").toString()));

    assertThat(plane.allowsLiteralAt(URI.create("s3://any-bucket/any/key"))).isTrue();
    assertThat(plane.allowsLiteralAt(tmp.resolve("inputs/a.pb").toUri())).isTrue();
    assertThat(plane.allowsLiteralAt(URI.create(tmp.resolve("inputs/a.pb").toString()))).isTrue();
    assertThat(plane.allowsLiteralAt(URI.create("memory://raw/x"))).isFalse();
    assertThat(plane.withLiteralSources(List.of()).allowsLiteralAt(URI.create("s3://b/k")))
        .isFalse();
  }

  @Test
  void literalSources_notAUriIsRefused() throws Exception {
    BlobStores stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()));
    DataPlane plane = DataPlane.of(stores, URI.create("memory://raw"), tmp);

    assertThatThrownBy(() -> plane.withLiteralSources(List.of("s3://b/a b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a literal source: 's3://b/a b' (Illegal character in path");
  }
}
