package dev.ferry.blob.s3;

import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStoreProvider;

/**
 * Provides the {@code s3} store; registered for {@link java.util.ServiceLoader}. The store is
 * configured by {@link S3Settings#from}: {@code s3.*} settings, then the environment ({@code
 * FLYTE_AWS_ENDPOINT}, {@code FLYTE_AWS_ACCESS_KEY_ID}, {@code FLYTE_AWS_SECRET_ACCESS_KEY}, the
 * AWS names), then the SDK's chains.
 */
public final class S3BlobStoreProvider implements BlobStoreProvider {
  @Override
  public String scheme() {
    return S3BlobStore.SCHEME;
  }

  @Override
  public BlobStore create(BlobStoreConfig config) {
    return S3BlobStore.create(config);
  }
}
