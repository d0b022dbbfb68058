package dev.ferry.dataframe;

import dev.ferry.blob.BlobStore;
import dev.ferry.engine.TypeRef;
import java.net.URI;

/**
 * Where a dataset handler writes or reads: the store, the dataset directory, and the Java type
 * being written or asked for ({@code List<Trade>}: its type argument says the row record).
 *
 * @param store the blob store of the directory
 * @param directory the dataset directory: files go to {@code {directory}/00000}, ...
 * @param type the Java type written or requested
 * @param settings the allocator and executor the handler reads and writes with
 */
public record DatasetLocation(
    BlobStore store, URI directory, TypeRef<?> type, DataframeSettings settings) {
  /** Returns a location read and written with {@link DataframeSettings#defaults()}. */
  public DatasetLocation(BlobStore store, URI directory, TypeRef<?> type) {
    this(store, directory, type, DataframeSettings.defaults());
  }

  /** Returns the URI of the data file {@code index}: {@code {directory}/00000} for 0. */
  public URI file(int index) {
    return URI.create(directory + "/" + String.format("%05d", index));
  }
}
