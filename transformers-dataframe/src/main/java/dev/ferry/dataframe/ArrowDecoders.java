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
 * every file. Memory comes from a shared allocator; the caller closes what it gets.
 */
final class ArrowDecoders {
  private static final int BATCH_ROWS = 65_536;

  private ArrowDecoders() {}

  /** Returns the decoder of {@code format} to a streaming {@link ArrowReader}. */
  static DatasetDecoder<ArrowReader> reader(String format) {
    return BuiltInHandlers.decoder(
        ArrowReader.class,
        "ArrowReader",
        format,
        source -> new DatasetArrowReader(Allocators.shared(), batches(source, format)));
  }

  /** Returns the decoder of {@code format} to one {@link VectorSchemaRoot} of every row. */
  static DatasetDecoder<VectorSchemaRoot> table(String format) {
    return BuiltInHandlers.decoder(
        VectorSchemaRoot.class, "VectorSchemaRoot", format, source -> table(source, format));
  }

  private static VectorSchemaRoot table(DatasetLocation source, String format) throws IOException {
    BufferAllocator allocator = Allocators.shared();
    try (ArrowBatches batches = batches(source, format)) {
      VectorSchemaRoot all = VectorSchemaRoot.create(batches.schema(), allocator);
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

  private static ArrowBatches batches(DatasetLocation source, String format) throws IOException {
    return new ArrowBatches(
        source.store(),
        DatasetReader.files(source.store(), source.directory()),
        format,
        Allocators.shared(),
        List.of(),
        BATCH_ROWS);
  }
}
