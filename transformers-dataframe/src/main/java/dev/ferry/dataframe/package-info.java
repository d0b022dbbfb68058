/**
 * Flyte structured datasets (dataframes) for Ferry: the {@link
 * dev.ferry.dataframe.StructuredDataset} value, its transformer, and reading and writing rows of
 * Java records as Parquet in the layout every Flyte SDK, Spark, pyarrow and DuckDB read.
 */
@NullMarked
package dev.ferry.dataframe;

import org.jspecify.annotations.NullMarked;
