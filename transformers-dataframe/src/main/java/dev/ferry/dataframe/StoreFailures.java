package dev.ferry.dataframe;

import dev.ferry.blob.BlobStoreException;
import dev.ferry.engine.DataTransferException;
import dev.ferry.transformers.blob.Transfers;
import org.jspecify.annotations.Nullable;

/**
 * Tells a failing store apart from a dataset that does not fit: a {@link BlobStoreException} among
 * the causes of a failed read or write becomes a {@link DataTransferException} naming the object.
 */
final class StoreFailures {
  private StoreFailures() {}

  /** Returns the store's failure among {@code e} and its causes, or null if there is none. */
  static @Nullable BlobStoreException storeFailure(Throwable e) {
    int depth = 0;
    for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) {
      if (t instanceof BlobStoreException b) {
        return b;
      }
    }
    return null;
  }

  /**
   * Throws the {@link DataTransferException} of {@code operation} if a store's failure caused
   * {@code e}; returns normally otherwise, for the caller to report {@code e} as it did.
   */
  static void rethrowTransfer(String operation, Throwable e) {
    BlobStoreException b = storeFailure(e);
    if (b != null) {
      DataTransferException transfer = Transfers.failed(operation, b.uri(), b);
      if (b != e) {
        transfer.addSuppressed(e);
      }
      throw transfer;
    }
  }
}
