package dev.ferry.dataframe.parquet;

import java.io.IOException;

/**
 * Fills the vectors of an Arrow batch ({@link org.apache.arrow.vector.VectorSchemaRoot}) from a
 * Parquet file, row group after row group: the decoding strategy behind {@link ArrowParquetReader}.
 * {@link RecordBatchLoader} decodes any column through parquet-java's record API; a loader that
 * decodes pages straight into vectors can take over the columns it handles.
 */
interface BatchLoader {
  /**
   * Loads up to {@code max} rows into the loader's root, whose vectors the caller has just
   * allocated empty, and returns the number loaded: 0 only at the end of the file. The caller sets
   * the value counts.
   */
  int load(int max) throws IOException;

  /** Returns the index of the row group being read, or -1 before the first. */
  int rowGroup();
}
