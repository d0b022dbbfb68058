package dev.ferry.blob.s3;

import dev.ferry.blob.testing.S3MockServer;
import dev.ferry.blob.testing.S3StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The streaming write path on S3Mock. */
class S3MockStreamingTest extends S3StreamingTests {
  @RegisterExtension static final S3StoreExtension s3 = S3StoreExtension.on(S3MockServer::shared);

  @Override
  protected S3StoreExtension s3() {
    return s3;
  }
}
