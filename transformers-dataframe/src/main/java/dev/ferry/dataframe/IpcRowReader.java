package dev.ferry.dataframe;

import dev.ferry.blob.BlobStore;
import dev.ferry.dataframe.parquet.ArrowRowCodec;
import dev.ferry.dataframe.parquet.RowSchema;
import dev.ferry.engine.FerryException;
import dev.ferry.engine.LiteralConversionException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.jspecify.annotations.Nullable;

/**
 * Reads the rows of one Arrow IPC stream file as a record type, batch by batch as the store streams
 * the file: one record batch in memory at a time. Every column is decoded (the stream format has no
 * index to skip by); the record's columns are then picked by name. A stream that does not decode
 * fails with a {@link CorruptDatasetException} (see {@link IpcStreams}).
 *
 * @param <R> the row type
 */
final class IpcRowReader<R extends Record> implements Iterator<R>, Closeable {
  private final RowSchema<R> schema;
  private final URI uri;
  private final BufferAllocator allocator;
  private final IpcStreams.Stream stream;
  private ArrowRowCodec.@Nullable Reader<R> rows;
  private long before;
  private int next;
  private int size;
  private int batch;
  private boolean done;

  private IpcRowReader(
      RowSchema<R> schema, URI uri, BufferAllocator allocator, IpcStreams.Stream stream) {
    this.schema = schema;
    this.uri = uri;
    this.allocator = allocator;
    this.stream = stream;
  }

  /** Returns a reader of the file at {@code uri}, its memory from {@code settings}. */
  static <R extends Record> IpcRowReader<R> open(
      RowSchema<R> schema, BlobStore store, URI uri, DataframeSettings settings)
      throws IOException {
    BufferAllocator allocator = settings.newAllocator("ipc rows " + uri);
    try {
      return new IpcRowReader<>(schema, uri, allocator, IpcStreams.open(store, uri, allocator));
    } catch (IOException | RuntimeException e) {
      allocator.close();
      throw e;
    }
  }

  @Override
  public boolean hasNext() {
    while (next >= size) {
      if (done) {
        return false;
      }
      try {
        if (!stream.loadNextBatch(batch)) {
          done = true;
          return false;
        }
        batch++;
        VectorSchemaRoot root = stream.root();
        if (rows == null) {
          rows = ArrowRowCodec.of(schema).reader(root.getSchema());
        }
        before += size;
        next = 0;
        size = root.getRowCount();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "reading Arrow IPC stream " + uri + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        if (e instanceof FerryException) {
          throw e;
        }
        // a schema the row codec cannot take (a corrupt stream can name anything)
        throw new CorruptDatasetException(
            IpcStreams.FORMAT, uri, "batch " + (batch - 1), e.toString(), e);
      }
    }
    return true;
  }

  @Override
  public R next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    // hasNext() is true only once a batch is loaded, and loading the first batch sets rows
    ArrowRowCodec.Reader<R> reader =
        Objects.requireNonNull(rows, "IpcRowReader: a row before the row reader was made");
    try {
      return reader.row(stream.root(), next);
    } catch (LiteralConversionException e) {
      throw e.atIndex((int) Math.min(before + next, Integer.MAX_VALUE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      if (e instanceof FerryException) {
        throw e;
      }
      throw new CorruptDatasetException(
          IpcStreams.FORMAT, uri, "batch " + (batch - 1), "row " + next + ": " + e, e);
    } finally {
      next++;
    }
  }

  @Override
  public void close() throws IOException {
    try (allocator) {
      stream.close();
    }
  }
}
