package dev.ferry.dataframe.parquet;

import dev.ferry.blob.BlobStore;
import dev.ferry.engine.LiteralConversionException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * Reads the rows of one Parquet file in a blob store, one row group at a time: only the columns the
 * row type declares are fetched and decoded (the projection is the reader's requested schema), and
 * memory holds one row group of those columns. Iterate, then close.
 *
 * <pre>{@code
 * try (RowReader<Trade> r = RowReader.open(RowSchema.of(Trade.class), store, uri)) {
 *   while (r.hasNext()) process(r.next());
 * }
 * }</pre>
 *
 * @param <R> the row type
 */
public final class RowReader<R extends Record> implements Iterator<R>, Closeable {
  private final ParquetFileReader reader;
  private final RowMaterializer<R> materializer;
  private final MessageColumnIO io;
  private @Nullable RecordReader<R> rowGroup;
  private long remaining;
  private int nextBlock;
  private long row;

  private final URI uri;

  private final ParquetFiles.Opened file;

  private RowReader(
      ParquetFiles.Opened file, RowMaterializer<R> materializer, MessageColumnIO io, URI uri) {
    this.uri = uri;
    this.file = file;
    this.reader = file.reader();
    this.materializer = materializer;
    this.io = io;
  }

  /**
   * Returns a reader of the file at {@code uri}.
   *
   * @throws LiteralConversionException if the file's columns do not fit the row type
   */
  public static <R extends Record> RowReader<R> open(RowSchema<R> schema, BlobStore store, URI uri)
      throws IOException {
    ParquetFiles.Opened file = ParquetFiles.openFile(store, uri);
    ParquetFileReader reader = file.reader();
    try {
      MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
      RowMaterializer<R> materializer = RowMaterializer.project(schema, fileSchema);
      MessageType requested = materializer.requested();
      reader.setRequestedSchema(requested);
      MessageColumnIO io =
          new ColumnIOFactory(reader.getFooter().getFileMetaData().getCreatedBy())
              .getColumnIO(requested, fileSchema, true);
      return new RowReader<>(file, materializer, io, uri);
    } catch (RuntimeException | LinkageError e) {
      reader.close();
      throw ParquetFiles.corrupt(uri, -1, e);
    }
  }

  /** Returns the number of rows in the file. */
  public long rowCount() {
    return reader.getRecordCount();
  }

  @Override
  public boolean hasNext() {
    while (remaining == 0) {
      if (nextBlock >= reader.getRowGroups().size()) {
        return false;
      }
      try {
        advance();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (RuntimeException | LinkageError e) {
        throw corrupt(nextBlock - 1, e);
      }
    }
    return true;
  }

  private void advance() throws IOException {
    if (materializer.readsNothing()) {
      BlockMetaData block = reader.getRowGroups().get(nextBlock++);
      remaining = block.getRowCount();
      rowGroup = null;
      return;
    }
    PageReadStore pages =
        ParquetFiles.readNextRowGroup(file, uri, nextBlock, materializer.requested());
    nextBlock++;
    if (pages == null) {
      remaining = 0;
      return;
    }
    remaining = pages.getRowCount();
    rowGroup = io.getRecordReader(pages, materializer);
  }

  @Override
  public R next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    remaining--;
    try {
      RecordReader<R> rg = rowGroup;
      R value = rg == null ? materializer.emptyRow() : rg.read();
      row++;
      return value;
    } catch (LiteralConversionException e) {
      throw e.atIndex((int) Math.min(row, Integer.MAX_VALUE));
    } catch (RuntimeException | LinkageError e) {
      throw corrupt(nextBlock - 1, e);
    }
  }

  private RuntimeException corrupt(int group, Throwable e) {
    try {
      return ParquetFiles.corrupt(uri, group, e);
    } catch (IOException store) {
      return new UncheckedIOException(store);
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
