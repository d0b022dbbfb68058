package dev.ferry.dataframe.parquet;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.jspecify.annotations.Nullable;

/**
 * Loads flat columns of a Parquet file into Arrow batches by decoding pages straight into the
 * vectors ({@link ColumnDecoder} per column), without parquet-java's record assembly. A batch takes
 * up to the batch size of rows and may span pages and row groups; the columns of a batch are
 * decoded in parallel on machines with several cores ({@link ColumnTasks}). {@link #supports} says
 * which schemas it reads; {@link ArrowParquetReader} uses the record API for the rest.
 */
final class VectorizedReader implements BatchLoader {
  private final ParquetFileReader reader;
  private final VectorSchemaRoot root;
  private final List<ColumnDecoder> columns;
  private final List<ColumnDescriptor> descriptors;
  private final ColumnTasks tasks;
  private final URI uri;
  private final ParquetFiles.@Nullable Opened file;
  private final MessageType requested;
  private int index = -1;
  private long fileLeft;
  private long groupLeft;
  private @Nullable PageReadStore group;

  VectorizedReader(
      ParquetFileReader reader,
      MessageType requested,
      VectorSchemaRoot root,
      URI uri,
      ColumnTasks tasks,
      ParquetFiles.@Nullable Opened file) {
    this.tasks = tasks;
    this.file = file;
    this.requested = requested;
    this.uri = uri;
    this.reader = reader;
    this.root = root;
    this.descriptors = requested.getColumns();
    List<FieldVector> vectors = root.getFieldVectors();
    this.columns =
        java.util.stream.IntStream.range(0, vectors.size())
            .mapToObj(j -> decoder(vectors.get(j), descriptors.get(j), uri))
            .toList();
    this.fileLeft = reader.getFilteredRecordCount();
  }

  /**
   * Returns true if every column of {@code requested} is a flat primitive the decoders read: signed
   * integers, dates, timestamps (not INT96), floats, doubles, booleans, strings and binary.
   */
  static boolean supports(MessageType requested) {
    for (Type t : requested.getFields()) {
      if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
        return false;
      }
      PrimitiveType p = t.asPrimitiveType();
      LogicalTypeAnnotation l = p.getLogicalTypeAnnotation();
      boolean ok =
          switch (p.getPrimitiveTypeName()) {
            case INT32 ->
                l == null
                    || l instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
                    || (l instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
                        && i.isSigned());
            case INT64 ->
                l == null
                    || l instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation
                    || (l instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
                        && i.isSigned());
            case FLOAT, DOUBLE, BOOLEAN -> true;
            case BINARY ->
                l == null
                    || l instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                    || l instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                    || l instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static ColumnDecoder decoder(FieldVector v, ColumnDescriptor d, URI uri) {
    if (v instanceof BaseVariableWidthVector b) {
      return new BinaryDecoder(b, d, uri);
    }
    if (v instanceof BitVector) {
      return new BooleanDecoder(v, d, uri);
    }
    FixedWidthDecoder.Conversion c = FixedWidthDecoder.Conversion.NONE;
    if (v instanceof TimeStampVector
        && d.getPrimitiveType().getLogicalTypeAnnotation()
            instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
      c =
          switch (ts.getUnit()) {
            case MILLIS -> FixedWidthDecoder.Conversion.TIMES_1000;
            case MICROS -> FixedWidthDecoder.Conversion.NONE;
            case NANOS -> FixedWidthDecoder.Conversion.DIV_1000;
          };
    }
    int width;
    if (v instanceof BigIntVector || v instanceof TimeStampVector || v instanceof Float8Vector) {
      width = 8;
    } else if (v instanceof IntVector || v instanceof DateDayVector || v instanceof Float4Vector) {
      width = 4;
    } else if (v instanceof SmallIntVector) {
      width = 2;
    } else if (v instanceof TinyIntVector) {
      width = 1;
    } else {
      throw new IllegalStateException("no vectorized decoder for " + v.getClass().getSimpleName());
    }
    return new FixedWidthDecoder(v, d, uri, width, c);
  }

  @Override
  public int load(int max) throws IOException {
    int target = (int) Math.min(max, fileLeft);
    for (FieldVector v : root.getFieldVectors()) {
      if (v.getValueCapacity() < target) {
        v.setInitialCapacity(target);
        v.allocateNew();
      }
    }
    for (ColumnDecoder c : columns) {
      c.startBatch();
    }
    int n = 0;
    while (n < target) {
      if (groupLeft == 0) {
        if (!nextRowGroup()) {
          break;
        }
        continue;
      }
      int k = (int) Math.min(target - n, groupLeft);
      int row = n;
      tasks.run(columns.size(), k, j -> columns.get(j).read(row, k));
      n += k;
      groupLeft -= k;
      fileLeft -= k;
    }
    if (n > 0) {
      for (ColumnDecoder c : columns) {
        c.endBatch(n);
      }
    }
    return n;
  }

  private boolean nextRowGroup() throws IOException {
    closeGroup();
    PageReadStore pages =
        file == null
            ? reader.readNextRowGroup()
            : ParquetFiles.readNextRowGroup(file, uri, index + 1, requested);
    if (pages == null) {
      return false;
    }
    index++;
    group = pages;
    groupLeft = pages.getRowCount();
    for (int j = 0; j < columns.size(); j++) {
      columns.get(j).startRowGroup(pages.getPageReader(descriptors.get(j)));
    }
    return true;
  }

  @Override
  public int rowGroup() {
    return index;
  }

  /** Releases the buffers of the current row group. */
  void closeGroup() {
    if (group != null) {
      group.close();
      group = null;
    }
  }
}
