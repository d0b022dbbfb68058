package dev.ferry.dataframe.parquet;

import dev.ferry.engine.LiteralConversionException;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.MessageType;

/**
 * Converts between records and Arrow record batches with the code that converts both to and from
 * Parquet: a record's row goes through {@link RowWriteSupport} into the converters {@link
 * RecordBatchLoader} fills vectors with, and a batch's row goes through {@link RecordArrowWriter}'s
 * support into the converters {@link RowMaterializer} builds records with. Every column type of the
 * record API is covered (decimals, lists, structs, nullable elements), with the same checks and
 * messages as for Parquet.
 *
 * @param <R> the row type
 */
public final class ArrowRowCodec<R extends Record> {
  private final RowSchema<R> schema;
  private final MessageType parquet;
  private final Schema arrow;

  private ArrowRowCodec(RowSchema<R> schema) {
    this.schema = schema;
    this.parquet = schema.messageType();
    this.arrow = ArrowSchemas.toArrow(parquet);
  }

  /** Returns the codec of {@code schema}'s rows. */
  public static <R extends Record> ArrowRowCodec<R> of(RowSchema<R> schema) {
    return new ArrowRowCodec<>(schema);
  }

  /** Returns the Arrow schema of the rows, as written to Parquet and read back. */
  public Schema arrowSchema() {
    return arrow;
  }

  /**
   * Replaces the contents of {@code root} (of {@link #arrowSchema()}) with {@code rows}.
   *
   * @throws LiteralConversionException if a row has a value its column cannot take, naming the row
   */
  public void fill(VectorSchemaRoot root, List<? extends R> rows) {
    writer(root).fill(rows);
  }

  /**
   * Returns a writer of rows into {@code root} (of {@link #arrowSchema()}), batch after batch: rows
   * are numbered across the batches, as errors name them.
   */
  public Writer<R> writer(VectorSchemaRoot root) {
    if (!root.getSchema().equals(arrow)) {
      throw new IllegalArgumentException(
          "root schema " + root.getSchema() + " is not the rows' " + arrow);
    }
    return new Writer<>(schema, parquet, root);
  }

  /**
   * Fills one root with batch after batch of rows.
   *
   * @param <R> the row type
   */
  public static final class Writer<R extends Record> {
    private final VectorSchemaRoot root;
    private final RecordBatchLoader.Materializer materializer;
    private final RowWriteSupport<R> support;

    private Writer(RowSchema<R> schema, MessageType parquet, VectorSchemaRoot root) {
      this.root = root;
      this.materializer = new RecordBatchLoader.Materializer(root, parquet);
      this.support = new RowWriteSupport<>(schema, Map.of());
      support.prepareForWrite(new ConverterConsumer(materializer.getRootConverter(), parquet));
    }

    /**
     * Replaces the contents of the root with {@code rows}.
     *
     * @throws LiteralConversionException if a row has a value its column cannot take, naming the
     *     row by its number across every batch this writer filled
     */
    public void fill(List<? extends R> rows) {
      root.clear();
      root.allocateNew();
      int n = rows.size();
      for (int i = 0; i < n; i++) {
        materializer.at(i);
        support.write(rows.get(i));
      }
      for (FieldVector v : root.getFieldVectors()) {
        v.setValueCount(n);
      }
      root.setRowCount(n);
    }
  }

  /**
   * Returns a reader of rows from batches of {@code batchSchema}: columns are matched by name,
   * those the record does not declare are skipped.
   *
   * @throws LiteralConversionException if a column the record needs is missing or of another type
   */
  public Reader<R> reader(Schema batchSchema) {
    return new Reader<>(schema, batchSchema);
  }

  /**
   * Reads rows of a record type from Arrow batches of one schema.
   *
   * @param <R> the row type
   */
  public static final class Reader<R extends Record> {
    private final Schema batchSchema;
    private final RowMaterializer<R> materializer;
    private final RecordArrowWriter.Support support;

    private Reader(RowSchema<R> schema, Schema batchSchema) {
      this.batchSchema = batchSchema;
      MessageType file = ArrowSchemas.toParquet(batchSchema);
      this.materializer = RowMaterializer.project(schema, file);
      this.support = new RecordArrowWriter.Support(batchSchema, file);
      support.prepareForWrite(
          new ConverterConsumer(materializer.getRootConverter(), materializer.requested()));
    }

    /**
     * Returns row {@code index} of {@code batch}, whose schema must be the reader's.
     *
     * @throws LiteralConversionException if a value does not fit its component, without the row's
     *     place (the caller knows it: {@link LiteralConversionException#atIndex})
     */
    public R row(VectorSchemaRoot batch, int index) {
      if (!batch.getSchema().equals(batchSchema)) {
        throw new IllegalArgumentException(
            "batch schema " + batch.getSchema() + " is not the reader's " + batchSchema);
      }
      if (materializer.readsNothing()) {
        return materializer.emptyRow();
      }
      support.batch = batch;
      try {
        support.write(index);
      } finally {
        support.batch = null;
      }
      return materializer.getCurrentRecord();
    }
  }
}
