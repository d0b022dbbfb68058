package dev.ferry.dataframe;

import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A whole dataset as one {@link ArrowReader}: the batches of every file in order, in any format
 * {@link ArrowBatches} reads, each moved (not copied) into this reader's root. What {@code
 * dataset.read(new TypeRef<ArrowReader>() {})} returns; close it when done.
 *
 * <pre>{@code
 * try (ArrowReader reader = dataset.read(new TypeRef<ArrowReader>() {})) {
 *   while (reader.loadNextBatch()) consume(reader.getVectorSchemaRoot());
 * }
 * }</pre>
 */
final class DatasetArrowReader extends ArrowReader {
  private final ArrowBatches batches;
  private final BufferAllocator allocator;

  /** Creates the reader, which closes {@code allocator} (its own) when it is closed. */
  DatasetArrowReader(BufferAllocator allocator, ArrowBatches batches) {
    super(allocator);
    this.allocator = allocator;
    this.batches = batches;
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    prepareLoadNextBatch();
    if (!batches.loadNextBatch()) {
      return false;
    }
    VectorSchemaRoot source = batches.root();
    Schema expected = getVectorSchemaRoot().getSchema();
    if (!source.getSchema().equals(expected)) {
      throw new IOException(
          "dataset file "
              + batches.currentFile()
              + " has schema "
              + source.getSchema()
              + " but the dataset's first file has "
              + expected);
    }
    try (ArrowRecordBatch batch = new VectorUnloader(source).getRecordBatch()) {
      loadRecordBatch(batch);
    }
    return true;
  }

  /** Returns 0: bytes are counted by the store, not here. */
  @Override
  public long bytesRead() {
    return 0;
  }

  @Override
  protected void closeReadSource() throws IOException {
    batches.close();
  }

  @Override
  public void close() throws IOException {
    try {
      super.close(); // the root, then the files
    } finally {
      allocator.close();
    }
  }

  @Override
  protected Schema readSchema() throws IOException {
    return batches.schema();
  }
}
