package dev.ferry.blob.memory;

import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStoreProvider;

/**
 * Provides the {@code memory} store; registered for {@link java.util.ServiceLoader}. A {@link
 * dev.ferry.blob.BlobStores} registry creates one store per scheme, so every {@code memory://} URI
 * of a registry sees the same objects.
 */
public final class MemoryBlobStoreProvider implements BlobStoreProvider {
  @Override
  public String scheme() {
    return MemoryBlobStore.SCHEME;
  }

  @Override
  public BlobStore create(BlobStoreConfig config) {
    return new MemoryBlobStore();
  }
}
