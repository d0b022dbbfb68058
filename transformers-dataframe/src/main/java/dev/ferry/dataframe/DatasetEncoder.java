package dev.ferry.dataframe;

import java.io.IOException;

/**
 * Writes dataframe values of one Java type into a dataset directory, in one format, for one storage
 * protocol ({@code "s3"}, {@code "file"}, ...) or for all ({@code ""}). Registered with {@link
 * DatasetHandlers} (directly or through {@link java.util.ServiceLoader}); see there for how one is
 * chosen.
 *
 * @param <T> the dataframe type
 */
public interface DatasetEncoder<T> {
  /** Returns the Java type encoded (a value is encoded if it is an instance). */
  Class<T> type();

  /** Returns the storage protocol served: a URI scheme, or "" for every store (the default). */
  default String protocol() {
    return "";
  }

  /** Returns the format written, such as {@code "parquet"}. */
  String format();

  /** Writes {@code value} as the data files of {@code target}'s directory. */
  void encode(T value, DatasetLocation target) throws IOException;
}
