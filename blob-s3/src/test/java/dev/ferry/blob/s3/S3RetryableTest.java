package dev.ferry.blob.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.testing.FaultProxy;
import dev.ferry.blob.testing.S3MockServer;
import dev.ferry.blob.testing.S3StoreExtension;
import dev.ferry.testdata.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whether the s3 store's failures are {@link BlobStoreException#retryable()}, on S3Mock. */
@IntegrationTest
class S3RetryableTest {
  @RegisterExtension static final S3StoreExtension s3 = S3StoreExtension.on(S3MockServer::shared);

  @Test
  void retryable_503SlowDownAfterTheLastAttempt_isRetryable() throws IOException {
    URI uri = s3.uri("throttled.bin");
    try (BlobOutputStream out = s3.store().create(uri)) {
      out.write(new byte[] {1, 2, 3});
      out.commit();
    }
    try (FaultProxy proxy = FaultProxy.start(s3.server().endpoint());
        S3BlobStore throttled =
            new S3BlobStore(
                s3.server()
                    .settings(proxy.endpoint())
                    .withRetries(2, Duration.ofMillis(1), Duration.ofMillis(2)))) {
      proxy.respondSlowDown(FaultProxy.getObject(), 1, 1_000);

      assertThatThrownBy(
              () -> {
                try (InputStream in = throttled.open(uri)) {
                  in.readAllBytes();
                }
              })
          .isInstanceOfSatisfying(
              BlobStoreException.class,
              e -> {
                assertThat(e.getMessage()).contains("503").contains(uri.toString());
                assertThat(e.retryable()).isTrue();
              });
    }
  }

  @Test
  void retryable_missingObjectOrBucket_isNot() {
    assertThatThrownBy(() -> s3.store().open(s3.uri("never-written.bin")).close())
        .isInstanceOfSatisfying(
            BlobStoreException.class,
            e -> {
              assertThat(e.isNotFound()).isTrue();
              assertThat(e.retryable()).isFalse();
            });
    URI noBucket = URI.create("s3://no-such-bucket-ferry/key.bin");
    assertThatThrownBy(() -> s3.store().open(noBucket).close())
        .isInstanceOfSatisfying(BlobStoreException.class, e -> assertThat(e.retryable()).isFalse());
  }

  @Test
  void retryable_refusedConnection_is() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI endpoint = URI.create("http://127.0.0.1:" + closedPort);
    try (S3BlobStore unreachable =
        new S3BlobStore(
            s3.server()
                .settings(endpoint)
                .withRetries(1, Duration.ofMillis(1), Duration.ofMillis(1)))) {
      assertThatThrownBy(() -> unreachable.open(s3.uri("any.bin")).close())
          .isInstanceOfSatisfying(
              BlobStoreException.class, e -> assertThat(e.retryable()).isTrue());
    }
  }
}
