package dev.ferry.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class BlobStoreExceptionTest {
  private static final URI URI_ = URI.create("s3://bucket/key");

  @Test
  void message_namesOperationUriAndReason() {
    IOException cause = new IOException("503");
    BlobStoreException e = new BlobStoreException("upload", URI_, "503 Slow Down", cause);

    assertThat(e).hasMessage("upload s3://bucket/key failed: 503 Slow Down").hasCause(cause);
    assertThat(e.operation()).isEqualTo("upload");
    assertThat(e.uri()).isEqualTo(URI_);
    assertThat(e.reason()).isEqualTo("503 Slow Down");
    assertThat(e.isNotFound()).isFalse();
  }

  @Test
  void notFound() {
    BlobStoreException e = BlobStoreException.notFound("open", URI_);

    assertThat(e).hasMessage("open s3://bucket/key failed: no such object").hasNoCause();
    assertThat(e.reason()).isEqualTo("no such object");
    assertThat(e.isNotFound()).isTrue();
  }

  @Test
  void retryable_notFoundIsNot() {
    assertThat(BlobStoreException.notFound("open", URI_).retryable()).isFalse();
  }

  @Test
  void retryable_statedByTheStoreWins() {
    assertThat(new BlobStoreException("upload", URI_, "x", null, true).retryable()).isTrue();
    assertThat(
            new BlobStoreException("upload", URI_, "x", new java.net.ConnectException(), false)
                .retryable())
        .isFalse();
  }

  @Test
  void retryable_refusedConnectionIs() throws IOException {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    IOException refused = null;
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", closedPort)) {
      socket.getInputStream();
    } catch (IOException e) {
      refused = e;
    }
    assertThat(refused).isInstanceOf(java.net.ConnectException.class);
    BlobStoreException e = new BlobStoreException("read", URI_, "refused", refused);
    assertThat(e.retryable()).isTrue();
    // a wrapper of a retryable failure is retryable too
    assertThat(new BlobStoreException("download", URI_, "refused", e).retryable()).isTrue();
  }

  @Test
  void retryable_fileSystemRefusalIsNot(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws IOException {
    java.nio.file.Path blocker = java.nio.file.Files.writeString(tmp.resolve("blocker"), "file");
    URI target = blocker.resolve("sub/x.bin").toUri();
    try (BlobStores stores =
        BlobStores.create(BlobStoreConfig.of(java.util.Map.of(), java.util.Map.of()))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> stores.forUri(target).create(target).close())
          .isInstanceOfSatisfying(
              BlobStoreException.class, ex -> assertThat(ex.retryable()).isFalse());
    }
  }

  @Test
  void retryable_checksumMismatchWithoutCauseIsNot() {
    assertThat(
            new BlobStoreException(
                    "read", URI_, "checksum mismatch: expected crc32c 1 but read 2", null)
                .retryable())
        .isFalse();
  }
}
