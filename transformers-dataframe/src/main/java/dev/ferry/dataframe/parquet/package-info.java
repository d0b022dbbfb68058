/**
 * Parquet for Ferry without Hadoop at runtime: rows of a Java record written to and read from blob
 * stores by streaming ({@link dev.ferry.dataframe.parquet.ParquetRows}), pages compressed by
 * snappy-java or zstd-jni, projections pushed into the reader.
 */
@NullMarked
package dev.ferry.dataframe.parquet;

import org.jspecify.annotations.NullMarked;
