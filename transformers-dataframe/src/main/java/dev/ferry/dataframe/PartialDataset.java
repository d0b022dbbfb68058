package dev.ferry.dataframe;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.transformers.blob.DataPlane;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes what a failed dataset write left: each data file is invisible until committed, but a
 * dataset of several files commits them one by one, so a write that fails after a rollover has
 * whole files under the directory that must not be read as the dataset.
 *
 * <p>Ferry removes them rather than staging the files and publishing the set: the stores have no
 * rename of a prefix (s3 and gs would copy every byte again), and keeping every file open until the
 * last one is written would hold a part buffer per file. The directory is a fresh location nobody
 * has been told about (the literal naming it is returned only on success), so no reader sees the
 * files between their commit and their removal.
 */
final class PartialDataset {
  private PartialDataset() {}

  /**
   * Deletes {@code files} from {@code store}; throws, naming what is left, if any delete fails (the
   * other deletes are still tried).
   */
  static void delete(BlobStore store, URI directory, List<URI> files) throws IOException {
    List<URI> left = new ArrayList<>();
    IOException first = null;
    for (URI file : files) {
      try {
        store.delete(file);
      } catch (IOException | RuntimeException e) {
        left.add(file);
        if (first == null) {
          first = e instanceof IOException io ? io : new IOException(e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw new BlobStoreException(
          "delete",
          directory,
          "a failed dataset write left " + left.size() + " of its files: " + left,
          first);
    }
  }

  /**
   * Deletes every object under {@code directory} (a fresh location of {@code plane}) after {@code
   * failure}, adding a failure to delete to it as suppressed: the clean-up of a dataset write that
   * failed, whatever it wrote (files committed before a rollover, or anything a third-party encoder
   * wrote).
   */
  static void deleteAfter(DataPlane plane, URI directory, Throwable failure) {
    try {
      BlobStore store = plane.store(directory);
      List<URI> files = new ArrayList<>();
      for (BlobInfo info : store.list(directory)) {
        files.add(info.uri());
      }
      delete(store, directory, files);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
