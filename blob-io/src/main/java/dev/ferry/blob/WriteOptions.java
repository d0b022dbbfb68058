package dev.ferry.blob;

import java.util.Objects;

/**
 * How a write transfers: part size and parts in flight (memory is bounded by {@code partSize x
 * (concurrency + 1)} whatever the object's size), whether to check CRC32C end to end, and who hears
 * progress. Immutable; {@code with...} returns a copy.
 *
 * <p>The default part size, 112 MiB, lets 10,000 parts (the S3 limit) cover 1 TiB; part buffers
 * grow as bytes arrive, so a small object uses memory for its own size only.
 */
public final class WriteOptions {
  /** The smallest part object stores accept (except the last). */
  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

  /** The default part size: 10,000 parts cover 1 TiB. */
  public static final int DEFAULT_PART_SIZE = 112 * 1024 * 1024;

  /** The default number of parts in flight. */
  public static final int DEFAULT_CONCURRENCY = 4;

  private static final WriteOptions DEFAULTS =
      new WriteOptions(DEFAULT_PART_SIZE, DEFAULT_CONCURRENCY, true, ProgressListener.NONE, "");

  private final int partSize;
  private final int concurrency;
  private final boolean checksum;
  private final ProgressListener progress;
  private final String contentType;

  private WriteOptions(
      int partSize,
      int concurrency,
      boolean checksum,
      ProgressListener progress,
      String contentType) {
    this.partSize = partSize;
    this.concurrency = concurrency;
    this.checksum = checksum;
    this.progress = progress;
    this.contentType = contentType;
  }

  /** Returns the defaults. */
  public static WriteOptions defaults() {
    return DEFAULTS;
  }

  /** Returns the part size in bytes. */
  public int partSize() {
    return partSize;
  }

  /** Returns how many parts may be in flight at once. */
  public int concurrency() {
    return concurrency;
  }

  /** Returns true if CRC32C is computed and checked end to end. */
  public boolean checksum() {
    return checksum;
  }

  /** Returns the progress listener. */
  public ProgressListener progress() {
    return progress;
  }

  /** Returns the content type to store, or "" for the store's default. */
  public String contentType() {
    return contentType;
  }

  /** Returns these options with another part size (at least 5 MiB). */
  public WriteOptions withPartSize(int partSize) {
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException("part size must be at least 5 MiB");
    }
    return new WriteOptions(partSize, concurrency, checksum, progress, contentType);
  }

  /** Returns these options with another number of parts in flight (at least 1). */
  public WriteOptions withConcurrency(int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    return new WriteOptions(partSize, concurrency, checksum, progress, contentType);
  }

  /** Returns these options with CRC32C checking on or off. */
  public WriteOptions withChecksum(boolean checksum) {
    return new WriteOptions(partSize, concurrency, checksum, progress, contentType);
  }

  /** Returns these options with a progress listener. */
  public WriteOptions withProgress(ProgressListener progress) {
    return new WriteOptions(
        partSize, concurrency, checksum, Objects.requireNonNull(progress, "progress"), contentType);
  }

  /** Returns these options with a content type. */
  public WriteOptions withContentType(String contentType) {
    return new WriteOptions(
        partSize,
        concurrency,
        checksum,
        progress,
        Objects.requireNonNull(contentType, "contentType"));
  }

  @Override
  public String toString() {
    return "WriteOptions{partSize="
        + partSize
        + ", concurrency="
        + concurrency
        + ", checksum="
        + checksum
        + "}";
  }
}
