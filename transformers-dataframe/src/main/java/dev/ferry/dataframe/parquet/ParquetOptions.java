package dev.ferry.dataframe.parquet;

import dev.ferry.blob.WriteOptions;
import java.util.Objects;

/**
 * How Parquet is written: the page compression (SNAPPY by default, as pandas writes it; ZSTD at
 * level 1 as the option that compresses better), the row-group size, the page size, and whether
 * columns are dictionary-encoded. Statistics (min, max, null count) are always written. Immutable;
 * {@code with...} returns a copy.
 *
 * <pre>{@code
 * ParquetOptions options = ParquetOptions.defaults().withCompression(Compression.ZSTD);
 * }</pre>
 */
public final class ParquetOptions {
  /** The default row-group size: 128 MiB, as parquet-java and Spark use. */
  public static final long DEFAULT_ROW_GROUP_SIZE = 128L * 1024 * 1024;

  /** The default page size: 1 MiB. */
  public static final int DEFAULT_PAGE_SIZE = 1024 * 1024;

  private static final ParquetOptions DEFAULTS =
      new ParquetOptions(
          Compression.SNAPPY,
          1,
          DEFAULT_ROW_GROUP_SIZE,
          DEFAULT_PAGE_SIZE,
          true,
          WriteOptions.defaults(),
          ColumnExecution.defaults());

  /** Page compression. */
  public enum Compression {
    /** snappy-java: fast, the default of pandas and pyarrow. */
    SNAPPY,
    /** zstd-jni at {@link #zstdLevel()} (default 1): smaller files at similar speed. */
    ZSTD,
    /** The JDK's deflate: slow, for compatibility only. */
    GZIP,
    /** No compression. */
    UNCOMPRESSED
  }

  private final Compression compression;
  private final int zstdLevel;
  private final long rowGroupSize;
  private final int pageSize;
  private final boolean dictionary;
  private final WriteOptions writeOptions;
  private final ColumnExecution columnExecution;

  private ParquetOptions(
      Compression compression,
      int zstdLevel,
      long rowGroupSize,
      int pageSize,
      boolean dictionary,
      WriteOptions writeOptions,
      ColumnExecution columnExecution) {
    this.columnExecution = columnExecution;
    this.compression = compression;
    this.zstdLevel = zstdLevel;
    this.rowGroupSize = rowGroupSize;
    this.pageSize = pageSize;
    this.dictionary = dictionary;
    this.writeOptions = writeOptions;
  }

  /** Returns the defaults: SNAPPY, 128 MiB row groups, 1 MiB pages, dictionary encoding. */
  public static ParquetOptions defaults() {
    return DEFAULTS;
  }

  /** Returns the page compression. */
  public Compression compression() {
    return compression;
  }

  /** Returns the zstd level used when the compression is ZSTD. */
  public int zstdLevel() {
    return zstdLevel;
  }

  /**
   * Returns the target size of a row group in bytes (a row group is flushed when it is reached).
   */
  public long rowGroupSize() {
    return rowGroupSize;
  }

  /** Returns the target size of a page in bytes. */
  public int pageSize() {
    return pageSize;
  }

  /**
   * Returns true if columns are dictionary-encoded (falling back to plain when it does not pay).
   */
  public boolean dictionary() {
    return dictionary;
  }

  /** Returns how the blob store writes the file. */
  public WriteOptions writeOptions() {
    return writeOptions;
  }

  /** Returns a copy with another compression. */
  public ParquetOptions withCompression(Compression compression) {
    return new ParquetOptions(
        Objects.requireNonNull(compression, "compression"),
        zstdLevel,
        rowGroupSize,
        pageSize,
        dictionary,
        writeOptions,
        columnExecution);
  }

  /** Returns a copy with ZSTD compression at {@code level} (1 to 22). */
  public ParquetOptions withZstd(int level) {
    if (level < 1 || level > 22) {
      throw new IllegalArgumentException("zstd level must be between 1 and 22");
    }
    return new ParquetOptions(
        Compression.ZSTD, level, rowGroupSize, pageSize, dictionary, writeOptions, columnExecution);
  }

  /** Returns a copy with another row-group size in bytes. */
  public ParquetOptions withRowGroupSize(long bytes) {
    if (bytes < 1024) {
      throw new IllegalArgumentException("row group size must be at least 1 KiB");
    }
    return new ParquetOptions(
        compression, zstdLevel, bytes, pageSize, dictionary, writeOptions, columnExecution);
  }

  /** Returns a copy with another page size in bytes. */
  public ParquetOptions withPageSize(int bytes) {
    if (bytes < 1024) {
      throw new IllegalArgumentException("page size must be at least 1 KiB");
    }
    return new ParquetOptions(
        compression, zstdLevel, rowGroupSize, bytes, dictionary, writeOptions, columnExecution);
  }

  /** Returns a copy with dictionary encoding on or off. */
  public ParquetOptions withDictionary(boolean dictionary) {
    return new ParquetOptions(
        compression, zstdLevel, rowGroupSize, pageSize, dictionary, writeOptions, columnExecution);
  }

  /** Returns a copy with other blob-store write options. */
  public ParquetOptions withWriteOptions(WriteOptions options) {
    return new ParquetOptions(
        compression,
        zstdLevel,
        rowGroupSize,
        pageSize,
        dictionary,
        Objects.requireNonNull(options, "options"),
        columnExecution);
  }

  /**
   * Returns how columns are encoded in parallel: by default on at most {@code min(2,
   * availableProcessors)} threads per writer, the writer's own (see {@link ColumnExecution}).
   */
  public ColumnExecution columnExecution() {
    return columnExecution;
  }

  /** Returns a copy whose columns are encoded with {@code execution}. */
  public ParquetOptions withColumnExecution(ColumnExecution execution) {
    return new ParquetOptions(
        compression,
        zstdLevel,
        rowGroupSize,
        pageSize,
        dictionary,
        writeOptions,
        Objects.requireNonNull(execution, "execution"));
  }

  @Override
  public String toString() {
    return "ParquetOptions{"
        + compression
        + (compression == Compression.ZSTD ? "(" + zstdLevel + ")" : "")
        + ", rowGroupSize="
        + rowGroupSize
        + ", pageSize="
        + pageSize
        + ", dictionary="
        + dictionary
        + ", "
        + columnExecution
        + "}";
  }
}
