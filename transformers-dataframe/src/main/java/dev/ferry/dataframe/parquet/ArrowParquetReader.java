package dev.ferry.dataframe.parquet;

import dev.ferry.blob.BlobStore;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads a Parquet file of a blob store as Arrow record batches, as an {@code ArrowReader} does: one
 * {@link VectorSchemaRoot}, refilled by each {@link #loadNextBatch()} with up to the batch size of
 * rows; only the requested columns are fetched and decoded. A {@link BatchLoader} decodes the
 * values into the vectors: {@link VectorizedReader} decodes pages straight into the vectors when
 * every requested column is a flat primitive it reads, and {@link RecordBatchLoader}
 * (parquet-java's record API) handles every other schema.
 *
 * <pre>{@code
 * try (ArrowParquetReader r = ArrowParquetReader.open(store, uri, allocator, List.of("a"), 65536)) {
 *   while (r.loadNextBatch()) consume(r.getVectorSchemaRoot());
 * }
 * }</pre>
 */
public final class ArrowParquetReader implements Closeable {
  private final ParquetFileReader reader;
  private final VectorSchemaRoot root;
  private final BatchLoader loader;
  private final int batchSize;
  private final URI uri;

  private ArrowParquetReader(
      ParquetFileReader reader, VectorSchemaRoot root, BatchLoader loader, int batchSize, URI uri) {
    this.uri = uri;
    this.reader = reader;
    this.root = root;
    this.loader = loader;
    this.batchSize = batchSize;
  }

  /**
   * Returns a reader of the file at {@code uri}; {@code columns} names the columns to read (empty
   * for all but the unnamed index columns pandas wrote, see {@link PandasIndex}), in the order
   * wanted. Columns are decoded as {@link ColumnExecution#defaults()} says.
   */
  public static ArrowParquetReader open(
      BlobStore store, URI uri, BufferAllocator allocator, List<String> columns, int batchSize)
      throws IOException {
    return open(store, uri, allocator, columns, batchSize, ColumnExecution.defaults());
  }

  /**
   * Returns a reader of the file at {@code uri} whose vectors come from {@code allocator} and whose
   * columns are decoded with {@code execution}.
   */
  public static ArrowParquetReader open(
      BlobStore store,
      URI uri,
      BufferAllocator allocator,
      List<String> columns,
      int batchSize,
      ColumnExecution execution)
      throws IOException {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive");
    }
    ParquetFiles.Opened file = ParquetFiles.openFile(store, uri);
    ParquetFileReader reader = file.reader();
    try {
      MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
      MessageType requested = fileSchema;
      if (columns.isEmpty()) {
        Map<String, String> kv = reader.getFooter().getFileMetaData().getKeyValueMetaData();
        requested =
            new MessageType(
                fileSchema.getName(),
                fileSchema.getFields().stream()
                    .filter(f -> !PandasIndex.isUnnamedIndex(f.getName(), kv))
                    .toList());
      } else {
        List<Type> fields = new ArrayList<>();
        for (String c : columns) {
          if (!fileSchema.containsField(c)) {
            throw new IllegalArgumentException(
                "no column '"
                    + c
                    + "' in "
                    + uri
                    + " (it has "
                    + fileSchema.getFields().stream().map(Type::getName).toList()
                    + ")");
          }
          fields.add(fileSchema.getType(c));
        }
        requested = new MessageType(fileSchema.getName(), fields);
      }
      return create(file, uri, allocator, requested, fileSchema, batchSize, execution);
    } catch (RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  private static ArrowParquetReader create(
      ParquetFiles.Opened file,
      URI uri,
      BufferAllocator allocator,
      MessageType requested,
      MessageType fileSchema,
      int batchSize,
      ColumnExecution execution)
      throws IOException {
    ParquetFileReader reader = file.reader();
    VectorSchemaRoot root = null;
    try {
      reader.setRequestedSchema(requested);
      root = VectorSchemaRoot.create(ArrowSchemas.toArrow(requested), allocator);
      BatchLoader loader =
          VectorizedReader.supports(requested)
              ? new VectorizedReader(reader, requested, root, uri, execution.tasks(), file)
              : new RecordBatchLoader(reader, requested, fileSchema, root, uri, file);
      return new ArrowParquetReader(reader, root, loader, batchSize, uri);
    } catch (RuntimeException | LinkageError e) {
      if (root != null) {
        root.close();
      }
      throw ParquetFiles.corrupt(uri, -1, e);
    }
  }

  /** Returns the root each batch is loaded into. */
  public VectorSchemaRoot getVectorSchemaRoot() {
    return root;
  }

  /** Loads the next batch into the root; returns false at the end of the file. */
  public boolean loadNextBatch() throws IOException {
    root.clear();
    root.allocateNew();
    int n;
    try {
      n = loader.load(batchSize);
    } catch (IOException | RuntimeException | LinkageError e) {
      throw ParquetFiles.corrupt(uri, loader.rowGroup(), e);
    }
    for (FieldVector v : root.getFieldVectors()) {
      v.setValueCount(n);
    }
    root.setRowCount(n);
    return n > 0;
  }

  @Override
  public void close() throws IOException {
    try {
      root.close();
    } finally {
      reader.close();
    }
  }
}
