package dev.ferry.dataframe;

import java.io.IOException;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.util.VectorSchemaRootAppender;

/**
 * The built-in Arrow decoders of a format Ferry reads ({@code "parquet"}, {@code "arrow"}): the
 * whole table as one {@link VectorSchemaRoot}, or an {@link ArrowReader} streaming the batches of
 * every file. Memory comes from the location's {@link DataframeSettings}: a child of the caller's
 * allocator, or an allocator of the read's own; the caller closes what it gets, which returns all
 * of it.
 */
final class ArrowDecoders {
  private static final int BATCH_ROWS = 65_536;

  private ArrowDecoders() {}

  /** Returns the decoder of {@code format} to a streaming {@link ArrowReader}. */
  static DatasetDecoder<ArrowReader> reader(String format) {
    return BuiltInHandlers.decoder(
        ArrowReader.class, "ArrowReader", format, source -> reader(source, format));
  }

  private static ArrowReader reader(DatasetLocation source, String format) throws IOException {
    BufferAllocator allocator =
        source.settings().newAllocator("arrow reader " + source.directory());
    try {
      return new DatasetArrowReader(allocator, batches(source, format, allocator));
    } catch (IOException | RuntimeException e) {
      allocator.close();
      throw e;
    }
  }

  /** Returns the decoder of {@code format} to one {@link VectorSchemaRoot} of every row. */
  static DatasetDecoder<VectorSchemaRoot> table(String format) {
    return BuiltInHandlers.decoder(
        VectorSchemaRoot.class, "VectorSchemaRoot", format, source -> table(source, format));
  }

  private static VectorSchemaRoot table(DatasetLocation source, String format) throws IOException {
    DataframeSettings settings = source.settings();
    // the table's vectors outlive the read: they come from the caller's allocator itself, or from
    // a root of the table's own, which holds nothing once the caller closes the table
    BufferAllocator target =
        settings.allocator() != null
            ? settings.allocator()
            : settings.newAllocator("table " + source.directory());
    try (BufferAllocator batchMemory = target.newChildAllocator("batches", 0, Long.MAX_VALUE);
        ArrowBatches batches = batches(source, format, batchMemory)) {
      VectorSchemaRoot all = VectorSchemaRoot.create(batches.schema(), target);
      try {
        all.allocateNew();
        while (batches.loadNextBatch()) {
          VectorSchemaRootAppender.append(false, all, batches.root());
        }
        return all;
      } catch (IOException | RuntimeException e) {
        all.close();
        throw e;
      }
    }
  }

  private static ArrowBatches batches(
      DatasetLocation source, String format, BufferAllocator allocator) throws IOException {
    return new ArrowBatches(
        source.store(),
        DatasetReader.files(source.store(), source.directory()),
        format,
        allocator,
        List.of(),
        BATCH_ROWS,
        source.settings().columns());
  }
}
