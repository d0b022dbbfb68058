package dev.ferry.transformers.blob;

import dev.ferry.blob.BlobStoreException;
import dev.ferry.engine.DataTransferException;
import java.io.IOException;
import java.net.URI;

/**
 * Turns a store's failure into Ferry's transfer error, so that a failed upload, download, open or
 * listing is never reported as a value that does not fit.
 */
public final class Transfers {
  private Transfers() {}

  /**
   * Returns the {@link DataTransferException} for {@code operation} on {@code uri} failing with
   * {@code e}: {@code upload of file:///raw/ab/x.bin failed: access denied: /raw/ab (not
   * retryable)}. Whether it is retryable comes from {@link BlobStoreException#retryable()}; another
   * {@link IOException} (the local side of a transfer) is not retryable.
   */
  public static DataTransferException failed(String operation, URI uri, IOException e) {
    boolean retryable = e instanceof BlobStoreException b && b.retryable();
    String reason =
        e instanceof BlobStoreException b
            ? b.reason()
            : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return new DataTransferException(
        operation
            + " of "
            + uri
            + " failed: "
            + reason
            + (retryable ? " (retryable)" : " (not retryable)"),
        uri.toString(),
        retryable,
        e);
  }
}
