package dev.ferry.blob;

import java.util.Objects;

/**
 * How a read transfers: the size of each ranged read and how many run ahead of the reader, how many
 * objects a directory download fetches at once, whether to verify the checksum, and who hears
 * progress. Immutable; {@code with...} returns a copy.
 */
public final class ReadOptions {
  /** The default size of one ranged read. */
  public static final int DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;

  /** The default number of ranged reads ahead of the reader. */
  public static final int DEFAULT_READ_AHEAD = 4;

  /** The default number of objects a directory download fetches at once. */
  public static final int DEFAULT_CONCURRENCY = 4;

  private static final ReadOptions DEFAULTS =
      new ReadOptions(
          DEFAULT_CHUNK_SIZE, DEFAULT_READ_AHEAD, DEFAULT_CONCURRENCY, true, ProgressListener.NONE);

  private final int chunkSize;
  private final int readAhead;
  private final int concurrency;
  private final boolean checksum;
  private final ProgressListener progress;

  private ReadOptions(
      int chunkSize, int readAhead, int concurrency, boolean checksum, ProgressListener progress) {
    this.chunkSize = chunkSize;
    this.readAhead = readAhead;
    this.concurrency = concurrency;
    this.checksum = checksum;
    this.progress = progress;
  }

  /** Returns the defaults. */
  public static ReadOptions defaults() {
    return DEFAULTS;
  }

  /** Returns the size of one ranged read. */
  public int chunkSize() {
    return chunkSize;
  }

  /** Returns how many ranged reads run ahead of the reader (0 reads sequentially). */
  public int readAhead() {
    return readAhead;
  }

  /** Returns how many objects {@link BlobStore#downloadDirectory} fetches at once. */
  public int concurrency() {
    return concurrency;
  }

  /** Returns true if the object's checksum is verified where the store keeps one. */
  public boolean checksum() {
    return checksum;
  }

  /** Returns the progress listener. */
  public ProgressListener progress() {
    return progress;
  }

  /** Returns these options with another chunk size (at least 64 KiB). */
  public ReadOptions withChunkSize(int chunkSize) {
    if (chunkSize < 64 * 1024) {
      throw new IllegalArgumentException("chunk size must be at least 64 KiB");
    }
    return new ReadOptions(chunkSize, readAhead, concurrency, checksum, progress);
  }

  /** Returns these options with another read-ahead (0 or more). */
  public ReadOptions withReadAhead(int readAhead) {
    if (readAhead < 0) {
      throw new IllegalArgumentException("read-ahead must not be negative");
    }
    return new ReadOptions(chunkSize, readAhead, concurrency, checksum, progress);
  }

  /** Returns these options with another number of objects fetched at once (at least 1). */
  public ReadOptions withConcurrency(int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    return new ReadOptions(chunkSize, readAhead, concurrency, checksum, progress);
  }

  /** Returns these options with checksum verification on or off. */
  public ReadOptions withChecksum(boolean checksum) {
    return new ReadOptions(chunkSize, readAhead, concurrency, checksum, progress);
  }

  /** Returns these options with a progress listener. */
  public ReadOptions withProgress(ProgressListener progress) {
    return new ReadOptions(
        chunkSize, readAhead, concurrency, checksum, Objects.requireNonNull(progress, "progress"));
  }

  @Override
  public String toString() {
    return "ReadOptions{chunkSize="
        + chunkSize
        + ", readAhead="
        + readAhead
        + ", concurrency="
        + concurrency
        + ", checksum="
        + checksum
        + "}";
  }
}
