package dev.ferry.dataframe;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobStore;
import dev.ferry.dataframe.parquet.RowReader;
import dev.ferry.dataframe.parquet.RowSchema;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * Reads a dataset's rows as a record type: the whole table ({@link #all()}), or streamed row by row
 * ({@link #rows()}) or in batches ({@link #batches(int)}) with memory bounded by one Parquet row
 * group or one Arrow IPC record batch. The files of the directory ({@code 00000}, {@code 00001},
 * ...; names starting with {@code _} or {@code .} are markers and skipped) are read in name order.
 *
 * @param <R> the row type
 */
public final class DatasetReader<R extends Record> {
  private final @Nullable BlobStore store;
  private final @Nullable URI uri;
  private final RowSchema<R> schema;
  private final String format;
  private final @Nullable List<R> inMemory;
  private final DataframeSettings settings;

  private DatasetReader(
      @Nullable BlobStore store,
      @Nullable URI uri,
      RowSchema<R> schema,
      String format,
      @Nullable List<R> rows,
      DataframeSettings settings) {
    this.settings = settings;
    this.store = store;
    this.uri = uri;
    this.schema = schema;
    this.format = format;
    this.inMemory = rows;
  }

  /** Returns a reader of the dataset of {@code format} ("parquet" or "arrow") at {@code uri}. */
  static <R extends Record> DatasetReader<R> of(
      BlobStore store, URI uri, RowSchema<R> schema, String format, DataframeSettings settings) {
    if (!format.equals(StructuredDataset.PARQUET) && !format.equals(StructuredDataset.ARROW)) {
      throw new UnsupportedOperationException(
          "dataset "
              + uri
              + " has format '"
              + format
              + "': Ferry reads rows of 'parquet' and 'arrow'; register a DatasetDecoder for"
              + " others");
    }
    return new DatasetReader<>(store, uri, schema, format, null, settings);
  }

  static <R extends Record> DatasetReader<R> inMemory(
      StructuredDataset.Rows<?> rows, RowSchema<R> schema) {
    if (rows.schema().type() != schema.type()) {
      throw new UnsupportedOperationException(
          "rows of "
              + rows.schema().type().getName()
              + " not yet written cannot be read as "
              + schema.type().getName()
              + ": read them as their own type");
    }
    @SuppressWarnings("unchecked")
    List<R> list = (List<R>) rows.rows();
    return new DatasetReader<>(
        null, null, schema, StructuredDataset.PARQUET, list, DataframeSettings.defaults());
  }

  /** Returns every row. */
  public List<R> all() throws IOException {
    if (inMemory != null) {
      return List.copyOf(inMemory);
    }
    List<R> out = new ArrayList<>();
    try (Rows<R> it = rows()) {
      it.forEachRemaining(out::add);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return out;
  }

  /** Returns the data files of the dataset, in the order they are read. */
  public List<URI> files() throws IOException {
    if (store == null || uri == null) {
      return List.of();
    }
    return files(store, uri);
  }

  /** Returns the data files of the dataset directory {@code uri}, in the order they are read. */
  static List<URI> files(BlobStore store, URI uri) throws IOException {
    List<URI> files = new ArrayList<>();
    List<BlobInfo> listed;
    try {
      listed = store.list(uri);
    } catch (IOException e) {
      StoreFailures.rethrowTransfer("list", e);
      throw e;
    }
    for (BlobInfo info : listed) {
      String path = info.uri().getPath();
      String name = path.substring(path.lastIndexOf('/') + 1);
      if (!name.startsWith("_") && !name.startsWith(".")) {
        files.add(info.uri());
      }
    }
    if (files.isEmpty()) {
      if (store.exists(uri)) {
        return List.of(uri); // a single file given as the dataset's uri
      }
      throw new FileNotFoundException("no data files under dataset " + uri);
    }
    return files;
  }

  /** Returns the rows streamed file by file, row group by row group; close it when done. */
  public Rows<R> rows() throws IOException {
    if (inMemory != null) {
      return new Rows<>(null, List.of(), schema, format, inMemory.iterator(), settings);
    }
    return new Rows<>(store, files(), schema, format, null, settings);
  }

  /** Returns the rows in lists of at most {@code size}; close it when done. */
  public Batches<R> batches(int size) throws IOException {
    if (size < 1) {
      throw new IllegalArgumentException("batch size must be positive");
    }
    return new Batches<>(rows(), size);
  }

  /**
   * Rows streamed from the dataset's files. I/O errors while iterating are thrown as {@link
   * UncheckedIOException}, a store's failure as {@link dev.ferry.engine.DataTransferException}.
   *
   * @param <R> the row type
   */
  public static final class Rows<R extends Record> implements Iterator<R>, Closeable {
    private final @Nullable BlobStore store;
    private final List<URI> files;
    private final RowSchema<R> schema;
    private final String format;
    private final DataframeSettings settings;
    private @Nullable Iterator<R> current;
    private @Nullable Closeable reader;
    private int nextFile;

    Rows(
        @Nullable BlobStore store,
        List<URI> files,
        RowSchema<R> schema,
        String format,
        @Nullable Iterator<R> inMemory,
        DataframeSettings settings) {
      this.settings = settings;
      this.store = store;
      this.files = files;
      this.schema = schema;
      this.format = format;
      this.current = inMemory;
    }

    @Override
    public boolean hasNext() {
      return advance() != null;
    }

    /** Returns the iterator holding the next row, opening files as needed, or null at the end. */
    private @Nullable Iterator<R> advance() {
      while (current == null || !current.hasNext()) {
        if (store == null || nextFile >= files.size()) {
          return null;
        }
        try {
          close();
          URI file = files.get(nextFile++);
          if (format.equals(StructuredDataset.ARROW)) {
            IpcRowReader<R> r = IpcRowReader.open(schema, store, file, settings);
            reader = r;
            current = r;
          } else {
            RowReader<R> r = RowReader.open(schema, store, file);
            reader = r;
            current = r;
          }
        } catch (IOException e) {
          StoreFailures.rethrowTransfer("read", e);
          throw new UncheckedIOException(e);
        }
      }
      return current;
    }

    @Override
    public R next() {
      Iterator<R> it = advance();
      if (it == null) {
        throw new NoSuchElementException();
      }
      try {
        return it.next();
      } catch (UncheckedIOException e) {
        StoreFailures.rethrowTransfer("read", e);
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      Closeable r = reader;
      reader = null;
      current = null;
      if (r != null) {
        r.close();
      }
    }
  }

  /**
   * Rows in lists of a fixed size (the last may be shorter).
   *
   * @param <R> the row type
   */
  public static final class Batches<R extends Record> implements Iterator<List<R>>, Closeable {
    private final Rows<R> rows;
    private final int size;

    Batches(Rows<R> rows, int size) {
      this.rows = rows;
      this.size = size;
    }

    @Override
    public boolean hasNext() {
      return rows.hasNext();
    }

    @Override
    public List<R> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      List<R> batch = new ArrayList<>(size);
      while (batch.size() < size && rows.hasNext()) {
        batch.add(rows.next());
      }
      return batch;
    }

    @Override
    public void close() throws IOException {
      rows.close();
    }
  }
}
