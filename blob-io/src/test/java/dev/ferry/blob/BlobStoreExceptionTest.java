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
}
