package dev.ferry.executor;

import java.net.URI;
import java.util.Objects;

/**
 * How far one transfer of an action's data has come: a file, directory or offloaded literal
 * uploaded to or downloaded from its store. A {@link ProgressListener} hears one as bytes move.
 *
 * @param direction upload or download
 * @param uri the blob (or, for a directory, its prefix)
 * @param bytesDone bytes moved so far
 * @param totalBytes bytes in all, or -1 while unknown (a streaming write learns it at the end)
 */
public record Transfer(Direction direction, URI uri, long bytesDone, long totalBytes) {
  /** Which way the bytes go. */
  public enum Direction {
    /** From the task to the store. */
    UPLOAD,
    /** From the store to the task's machine. */
    DOWNLOAD
  }

  /** Checks the fields. */
  public Transfer {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(uri, "uri");
  }

  /** Returns true when every byte has moved: the total is known and reached. */
  public boolean done() {
    return totalBytes >= 0 && bytesDone >= totalBytes;
  }
}
