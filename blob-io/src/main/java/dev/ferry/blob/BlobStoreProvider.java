package dev.ferry.blob;

/**
 * Makes the {@link BlobStore} of one URI scheme; discovered through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.ferry.blob.BlobStoreProvider}).
 */
public interface BlobStoreProvider {
  /** Returns the scheme served: {@code s3}. */
  String scheme();

  /** Returns a new store configured from {@code config}. */
  BlobStore create(BlobStoreConfig config);
}
