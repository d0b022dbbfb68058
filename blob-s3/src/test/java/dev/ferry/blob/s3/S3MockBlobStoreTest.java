package dev.ferry.blob.s3;

import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStoreContract;
import dev.ferry.blob.testing.S3MockServer;
import dev.ferry.blob.testing.S3StoreExtension;
import dev.ferry.testdata.IntegrationTest;
import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The blob store contract on S3Mock. */
@IntegrationTest
class S3MockBlobStoreTest extends BlobStoreContract {
  @RegisterExtension static final S3StoreExtension s3 = S3StoreExtension.on(S3MockServer::shared);

  @Override
  protected BlobStore store() {
    return s3.store();
  }

  @Override
  protected URI uri(String key) {
    return s3.uri(key);
  }
}
