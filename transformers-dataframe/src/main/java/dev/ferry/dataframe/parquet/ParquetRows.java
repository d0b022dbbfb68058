package dev.ferry.dataframe.parquet;

import dev.ferry.blob.BlobStore;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a Java record type in a Parquet file of a blob store, written and read whole. For
 * streaming, use {@link RowWriter} and {@link RowReader}.
 *
 * <pre>{@code
 * ParquetRows.write(trades, RowSchema.of(Trade.class), store, uri, ParquetOptions.defaults());
 * List<Price> prices = ParquetRows.read(RowSchema.of(Price.class), store, uri); // two columns
 * }</pre>
 */
public final class ParquetRows {
  private ParquetRows() {}

  /** Writes {@code rows} to the file at {@code uri}; returns the number of rows written. */
  public static <R extends Record> long write(
      Iterable<? extends R> rows,
      RowSchema<R> schema,
      BlobStore store,
      URI uri,
      ParquetOptions options)
      throws IOException {
    try (RowWriter<R> writer = RowWriter.open(schema, store, uri, options)) {
      for (R row : rows) {
        writer.write(row);
      }
      writer.commit();
      return writer.rows();
    }
  }

  /** Returns the rows of the file at {@code uri}, reading only the columns {@code schema} has. */
  public static <R extends Record> List<R> read(RowSchema<R> schema, BlobStore store, URI uri)
      throws IOException {
    try (RowReader<R> reader = RowReader.open(schema, store, uri)) {
      List<R> rows = new ArrayList<>((int) Math.min(reader.rowCount(), 1 << 20));
      reader.forEachRemaining(rows::add);
      return rows;
    }
  }
}
