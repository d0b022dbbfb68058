package dev.ferry.blob.file;

import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStoreProvider;

/** Provides the {@code file} store; registered for {@link java.util.ServiceLoader}. */
public final class FileBlobStoreProvider implements BlobStoreProvider {
  @Override
  public String scheme() {
    return FileBlobStore.SCHEME;
  }

  @Override
  public BlobStore create(BlobStoreConfig config) {
    return new FileBlobStore();
  }
}
