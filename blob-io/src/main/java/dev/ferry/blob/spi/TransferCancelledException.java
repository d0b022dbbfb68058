package dev.ferry.blob.spi;

import dev.ferry.blob.BlobStoreException;
import java.net.URI;

/**
 * Stops a transfer of a group after another transfer of the group failed. Never the failure a
 * caller sees: the first real failure is thrown, and these are not added to it.
 */
public final class TransferCancelledException extends BlobStoreException {
  /** Creates the exception for the group transferring {@code uri}. */
  public TransferCancelledException(URI uri) {
    super("transfer", uri, "cancelled: another transfer failed", null);
  }
}
