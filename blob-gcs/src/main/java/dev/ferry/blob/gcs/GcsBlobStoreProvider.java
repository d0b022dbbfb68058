package dev.ferry.blob.gcs;

import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStoreProvider;

/**
 * Provides the {@code gs} store, configured by the {@code gs.*} settings and the environment (see
 * {@link GcsSettings}); registered for {@link java.util.ServiceLoader}.
 */
public final class GcsBlobStoreProvider implements BlobStoreProvider {
  @Override
  public String scheme() {
    return GcsBlobStore.SCHEME;
  }

  @Override
  public BlobStore create(BlobStoreConfig config) {
    return GcsBlobStore.create(GcsSettings.from(config));
  }
}
