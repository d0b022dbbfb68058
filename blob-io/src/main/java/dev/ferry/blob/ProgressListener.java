package dev.ferry.blob;

import java.net.URI;

/**
 * Hears how a transfer advances, for progress bars. Called from transfer threads, possibly
 * concurrently for different transfers; must be fast and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores everything. */
  ProgressListener NONE = (uri, done, total) -> {};

  /**
   * Called as bytes of {@code uri} are transferred.
   *
   * @param bytesDone bytes transferred so far
   * @param totalBytes bytes in all, or -1 while unknown (a streaming write)
   */
  void onProgress(URI uri, long bytesDone, long totalBytes);
}
