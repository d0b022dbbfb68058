package dev.ferry.dataframe.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
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
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.jspecify.annotations.Nullable;

/**
 * Loads Arrow batches through parquet-java's record API: the reader assembles each row and
 * converters set its values into the vectors. Handles every column Ferry maps to Arrow.
 */
final class RecordBatchLoader implements BatchLoader {
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;

  private final ParquetFileReader reader;
  private final MessageColumnIO io;
  private final Materializer materializer;
  private @Nullable RecordReader<Object> rowGroup;
  private long remaining;

  /**
   * Returns a loader of {@code reader}'s rows into {@code root}; the reader's requested schema must
   * already be {@code requested}, and {@code root} its Arrow schema.
   */
  RecordBatchLoader(
      ParquetFileReader reader,
      MessageType requested,
      MessageType fileSchema,
      VectorSchemaRoot root) {
    this.reader = reader;
    this.materializer = new Materializer(root, requested);
    this.io =
        new ColumnIOFactory(reader.getFooter().getFileMetaData().getCreatedBy())
            .getColumnIO(requested, fileSchema, true);
  }

  @Override
  public int load(int max) throws IOException {
    Materializer m = materializer;
    int n = 0;
    m.row = 0;
    while (n < max) {
      if (remaining == 0) {
        PageReadStore pages = reader.readNextRowGroup();
        if (pages == null) {
          break;
        }
        remaining = pages.getRowCount();
        rowGroup = io.getRecordReader(pages, m);
        continue;
      }
      rowGroup.read();
      remaining--;
      n++;
      m.row = n;
    }
    return n;
  }

  private static final class Materializer extends RecordMaterializer<Object> {
    int row;
    private final GroupConverter rootConverter;

    Materializer(VectorSchemaRoot root, MessageType requested) {
      List<FieldVector> vectors = root.getFieldVectors();
      Converter[] converters = new Converter[vectors.size()];
      for (int j = 0; j < converters.length; j++) {
        converters[j] = new Column(this, vectors.get(j), requested.getType(j).asPrimitiveType());
      }
      rootConverter =
          new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
              return converters[fieldIndex];
            }

            @Override
            public void start() {}

            @Override
            public void end() {}
          };
    }

    @Override
    public Object getCurrentRecord() {
      return Boolean.TRUE;
    }

    @Override
    public GroupConverter getRootConverter() {
      return rootConverter;
    }
  }

  /** Sets values of one column into its vector at the current row. */
  private static final class Column extends PrimitiveConverter {
    private final Materializer m;
    private final FieldVector vector;
    private final long microsPerUnit;
    private final long unitsPerMicro;

    Column(Materializer m, FieldVector vector, PrimitiveType type) {
      this.m = m;
      this.vector = vector;
      long per = 1;
      long div = 1;
      if (type.getLogicalTypeAnnotation()
          instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
        switch (ts.getUnit()) {
          case MILLIS -> per = 1000;
          case MICROS -> per = 1;
          case NANOS -> div = 1000;
        }
      }
      this.microsPerUnit = per;
      this.unitsPerMicro = div;
    }

    @Override
    public void addInt(int v) {
      if (vector instanceof IntVector x) {
        x.setSafe(m.row, v);
      } else if (vector instanceof SmallIntVector x) {
        x.setSafe(m.row, v);
      } else if (vector instanceof TinyIntVector x) {
        x.setSafe(m.row, v);
      } else if (vector instanceof DateDayVector x) {
        x.setSafe(m.row, v);
      } else {
        throw new IllegalStateException("INT32 into " + vector.getClass().getSimpleName());
      }
    }

    @Override
    public void addLong(long v) {
      if (vector instanceof BigIntVector x) {
        x.setSafe(m.row, v);
      } else if (vector instanceof TimeStampVector x) {
        x.setSafe(m.row, Math.floorDiv(v * microsPerUnit, unitsPerMicro));
      } else {
        throw new IllegalStateException("INT64 into " + vector.getClass().getSimpleName());
      }
    }

    @Override
    public void addFloat(float v) {
      ((Float4Vector) vector).setSafe(m.row, v);
    }

    @Override
    public void addDouble(double v) {
      ((Float8Vector) vector).setSafe(m.row, v);
    }

    @Override
    public void addBoolean(boolean v) {
      ((BitVector) vector).setSafe(m.row, v ? 1 : 0);
    }

    @Override
    public void addBinary(Binary v) {
      if (vector instanceof VarCharVector x) {
        x.setSafe(m.row, v.getBytesUnsafe());
      } else if (vector instanceof VarBinaryVector x) {
        x.setSafe(m.row, v.getBytesUnsafe());
      } else if (vector instanceof TimeStampVector x) {
        ByteBuffer b = v.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = b.getLong();
        long epochDay = Integer.toUnsignedLong(b.getInt()) - JULIAN_EPOCH_DAY;
        x.setSafe(m.row, epochDay * 86_400_000_000L + nanosOfDay / 1000);
      } else {
        throw new IllegalStateException("BINARY into " + vector.getClass().getSimpleName());
      }
    }
  }
}
