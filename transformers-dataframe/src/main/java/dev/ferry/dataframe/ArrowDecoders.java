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
    return new DatasetDecoder<>() {
      @Override
      public Class<ArrowReader> type() {
        return ArrowReader.class;
      }

      @Override
      public String format() {
        return format;
      }

      @Override
      public ArrowReader decode(DatasetLocation source) throws IOException {
        return new DatasetArrowReader(Allocators.shared(), batches(source, format));
      }

      @Override
      public String toString() {
        return format + " -> ArrowReader";
      }
    };
  }

  /** Returns the decoder of {@code format} to one {@link VectorSchemaRoot} of every row. */
  static DatasetDecoder<VectorSchemaRoot> table(String format) {
    return new DatasetDecoder<>() {
      @Override
      public Class<VectorSchemaRoot> type() {
        return VectorSchemaRoot.class;
      }

      @Override
      public String format() {
        return format;
      }

      @Override
      public VectorSchemaRoot decode(DatasetLocation source) throws IOException {
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

      @Override
      public String toString() {
        return format + " -> VectorSchemaRoot";
      }
    };
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
