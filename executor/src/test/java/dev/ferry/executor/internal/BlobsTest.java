package dev.ferry.executor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.blob.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobsTest {
  @TempDir Path tmp;

  @Test
  void writeKeeping_smallDocument_returnsExactlyTheStoredBytes() throws IOException {
    URI uri = tmp.resolve("run/a0/0/outputs.pb").toUri();
    byte[] doc = new byte[1000];
    Arrays.fill(doc, (byte) 7);
    doc[0] = 1;
    try (BlobStores stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()))) {
      byte[] kept =
          Blobs.writeKeeping(
              stores,
              WriteOptions.defaults(),
              uri,
              1000,
              out -> {
                out.write(doc[0]); // a single byte, then the rest in two slices
                out.write(doc, 1, 499);
                out.write(doc, 500, 500);
              });

      assertThat(kept).isEqualTo(doc).isEqualTo(Files.readAllBytes(Path.of(uri)));
      try (InputStream in = Blobs.open(stores, uri, kept)) {
        assertThat(in.readAllBytes()).isEqualTo(doc);
      }
    }
  }

  @Test
  void writeKeeping_overTheLimit_keepsNothing_andReadsTheObject() throws IOException {
    URI uri = tmp.resolve("big.pb").toUri();
    byte[] doc = new byte[1001];
    doc[1000] = 9;
    try (BlobStores stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()))) {
      byte[] kept =
          Blobs.writeKeeping(stores, WriteOptions.defaults(), uri, 1000, out -> out.write(doc));

      assertThat(kept).isNull();
      assertThat(Blobs.read(stores, uri, kept)).isEqualTo(doc);
    }
  }

  @Test
  void writeKeeping_producerFails_publishesNothing() throws IOException {
    URI uri = tmp.resolve("failed/outputs.pb").toUri();
    try (BlobStores stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()))) {
      assertThatThrownBy(
              () ->
                  Blobs.writeKeeping(
                      stores,
                      WriteOptions.defaults(),
                      uri,
                      1000,
                      out -> {
                        out.write(new byte[10]);
                        throw new IOException("producer broke");
                      }))
          .hasMessageContaining("producer broke");
      assertThat(Path.of(uri)).doesNotExist();
    }
  }
}
