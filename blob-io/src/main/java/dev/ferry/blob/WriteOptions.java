package dev.ferry.blob;

import java.util.Objects;

/**
 * How a write transfers: part size and parts in flight (memory is bounded by {@code partSize x
 * (concurrency + 1)} whatever the object's size), whether to check CRC32C end to end, and who hears
 * progress. Immutable; {@code with...} returns a copy.
 *
 * <p>The part size is where parts start: the default, 8 MiB, is small enough for a pod's heap. A
 * store whose objects can be large grows its parts with the bytes written (the {@code s3} store
 * doubles them every 625 parts, so 10,000 parts, the S3 limit, still cover 5 TiB), and bounds the
 * memory of all its writes together by a setting of its own. Part buffers grow as bytes arrive, so
 * a small object uses memory for its own size only.
 */
public final class WriteOptions {
  /** The smallest part object stores accept (except the last). */
  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

  /** The default (first) part size. */
  public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

  /** The default number of parts in flight. */
  public static final int DEFAULT_CONCURRENCY = 4;

  private static final WriteOptions DEFAULTS =
      new WriteOptions(
          DEFAULT_PART_SIZE, DEFAULT_CONCURRENCY, true, ProgressListener.NONE, "", true);

  private final int partSize;
  private final int concurrency;
  private final boolean checksum;
  private final ProgressListener progress;
  private final String contentType;
  private final boolean durable;

  private WriteOptions(
      int partSize,
      int concurrency,
      boolean checksum,
      ProgressListener progress,
      String contentType,
      boolean durable) {
    this.partSize = partSize;
    this.concurrency = concurrency;
    this.checksum = checksum;
    this.progress = progress;
    this.contentType = contentType;
    this.durable = durable;
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

  /**
   * Returns true if a committed object must survive a crash of the machine (the default): the
   * {@code file} store then forces the data and the rename to disk before the commit returns.
   * Stores whose commit is durable anyway (object stores) ignore it.
   */
  public boolean durable() {
    return durable;
  }

  /**
   * Returns these options with durability on or off. Off, a {@code file} store still publishes the
   * object atomically (readers see all of it or none) but does not wait for the disk: a power loss
   * can lose, or leave empty, objects committed just before it.
   */
  public WriteOptions withDurable(boolean durable) {
    return new WriteOptions(partSize, concurrency, checksum, progress, contentType, durable);
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
    return new WriteOptions(partSize, concurrency, checksum, progress, contentType, durable);
  }

  /** Returns these options with another number of parts in flight (at least 1). */
  public WriteOptions withConcurrency(int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    return new WriteOptions(partSize, concurrency, checksum, progress, contentType, durable);
  }

  /** Returns these options with CRC32C checking on or off. */
  public WriteOptions withChecksum(boolean checksum) {
    return new WriteOptions(partSize, concurrency, checksum, progress, contentType, durable);
  }

  /** Returns these options with a progress listener. */
  public WriteOptions withProgress(ProgressListener progress) {
    return new WriteOptions(
        partSize,
        concurrency,
        checksum,
        Objects.requireNonNull(progress, "progress"),
        contentType,
        durable);
  }

  /** Returns these options with a content type. */
  public WriteOptions withContentType(String contentType) {
    return new WriteOptions(
        partSize,
        concurrency,
        checksum,
        progress,
        Objects.requireNonNull(contentType, "contentType"),
        durable);
  }

  @Override
  public String toString() {
    return "WriteOptions{partSize="
        + partSize
        + ", concurrency="
        + concurrency
        + ", checksum="
        + checksum
        + ", durable="
        + durable
        + "}";
  }
}
