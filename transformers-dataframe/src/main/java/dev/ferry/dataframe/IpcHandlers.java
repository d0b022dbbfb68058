package dev.ferry.dataframe;

import dev.ferry.blob.BlobStore;
import dev.ferry.dataframe.parquet.ArrowRowCodec;
import dev.ferry.dataframe.parquet.RowSchema;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The built-in handlers of the {@code "arrow"} format (Arrow IPC streams, see {@link
 * IpcDatasetWriter}): a {@code List} of records and a {@link VectorSchemaRoot} to a dataset, and a
 * dataset to a {@code List} of records. Rows are converted to Arrow by the same code as for Parquet
 * ({@link ArrowRowCodec}), {@value #BATCH_ROWS} rows to a record batch; one file unless the
 * location asks for a split.
 */
final class IpcHandlers {
  /** The rows in each record batch the rows encoder writes. */
  static final int BATCH_ROWS = 16_384;

  private IpcHandlers() {}

  @SuppressWarnings("rawtypes")
  static final DatasetEncoder<List> ROWS_ENCODER =
      BuiltInHandlers.encoder(
          List.class,
          "List<record>",
          StructuredDataset.ARROW,
          (value, target) ->
              writeRows(
                  value,
                  ParquetHandlers.rowSchema(target.type()),
                  target.store(),
                  target.directory(),
                  Long.MAX_VALUE,
                  target.settings()));

  @SuppressWarnings("rawtypes")
  static final DatasetDecoder<List> ROWS_DECODER =
      BuiltInHandlers.decoder(
          List.class,
          "List<record>",
          StructuredDataset.ARROW,
          source ->
              DatasetReader.of(
                      source.store(),
                      source.directory(),
                      ParquetHandlers.rowSchema(source.type()),
                      StructuredDataset.ARROW,
                      source.settings())
                  .all());

  static final DatasetEncoder<VectorSchemaRoot> ARROW_ENCODER =
      BuiltInHandlers.encoder(
          VectorSchemaRoot.class,
          "VectorSchemaRoot",
          StructuredDataset.ARROW,
          (value, target) -> {
            try (IpcDatasetWriter w =
                new IpcDatasetWriter(target.store(), target.directory(), value, Long.MAX_VALUE)) {
              w.writeBatch();
              w.commit();
            }
          });

  /**
   * Writes {@code rows} as Arrow IPC streams into {@code directory}, a new file when one reaches
   * {@code maxFileBytes}.
   */
  @SuppressWarnings("unchecked")
  static <R extends Record> void writeRows(
      List<?> rows,
      RowSchema<R> schema,
      BlobStore store,
      URI directory,
      long maxFileBytes,
      DataframeSettings settings)
      throws IOException {
    ArrowRowCodec<R> codec = ArrowRowCodec.of(schema);
    List<R> all = (List<R>) rows;
    try (BufferAllocator allocator = settings.newAllocator("ipc write " + directory);
        VectorSchemaRoot root = VectorSchemaRoot.create(codec.arrowSchema(), allocator)) {
      try (IpcDatasetWriter w = new IpcDatasetWriter(store, directory, root, maxFileBytes)) {
        ArrowRowCodec.Writer<R> rowsIn = codec.writer(root);
        for (int from = 0; from < all.size(); from += BATCH_ROWS) {
          rowsIn.fill(all.subList(from, Math.min(all.size(), from + BATCH_ROWS)));
          w.writeBatch();
        }
        w.commit(); // close() without it deletes every file written
      }
    }
  }
}
