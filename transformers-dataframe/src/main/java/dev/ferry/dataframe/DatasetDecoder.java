package dev.ferry.dataframe;

import java.io.IOException;

/**
 * Reads a dataset directory of one format as a Java type, for one storage protocol or all ({@code
 * ""}). Registered with {@link DatasetHandlers}; see there for how one is chosen.
 *
 * @param <T> the dataframe type
 */
public interface DatasetDecoder<T> {
  /** Returns the Java type decoded. */
  Class<T> type();

  /** Returns the storage protocol served: a URI scheme, or "" for every store (the default). */
  default String protocol() {
    return "";
  }

  /** Returns the format read, such as {@code "parquet"}. */
  String format();

  /** Returns the dataset in {@code source}'s directory as {@code source.type()}. */
  T decode(DatasetLocation source) throws IOException;
}
