package dev.ferry.dataframe.parquet;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
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
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
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
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.jspecify.annotations.Nullable;

/**
 * Loads Arrow batches through parquet-java's record API: the reader assembles each row and
 * converters set its values into the vectors, lists and structs included (a cursor per nesting
 * level says where). Handles every column Ferry maps to Arrow.
 */
final class RecordBatchLoader implements BatchLoader {
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;

  private final ParquetFileReader reader;
  private final MessageColumnIO io;
  private final Materializer materializer;
  private final URI uri;
  private final ParquetFiles.@Nullable Opened file;
  private final MessageType requested;
  private @Nullable RecordReader<Object> rowGroup;
  private long remaining;
  private int index = -1;

  /**
   * Returns a loader of {@code reader}'s rows into {@code root}; the reader's requested schema must
   * already be {@code requested}, and {@code root} its Arrow schema.
   */
  RecordBatchLoader(
      ParquetFileReader reader,
      MessageType requested,
      MessageType fileSchema,
      VectorSchemaRoot root,
      URI uri,
      ParquetFiles.@Nullable Opened file) {
    this.uri = uri;
    this.file = file;
    this.requested = requested;
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
    m.row.index = 0;
    RecordReader<Object> records = rowGroup;
    while (n < max) {
      if (remaining == 0) {
        PageReadStore pages =
            file == null
                ? reader.readNextRowGroup()
                : ParquetFiles.readNextRowGroup(file, uri, index + 1, requested);
        if (pages == null) {
          break;
        }
        index++;
        remaining = pages.getRowCount();
        records = io.getRecordReader(pages, m);
        rowGroup = records;
        continue;
      }
      if (records == null) {
        throw new IllegalStateException(
            "parquet file " + uri + ": " + remaining + " rows left with no row group open");
      }
      records.read();
      remaining--;
      n++;
      m.row.index = n;
    }
    return n;
  }

  @Override
  public int rowGroup() {
    return index;
  }

  /** The index in its vector of the value being converted. */
  private static final class Cursor {
    int index;
  }

  static final class Materializer extends RecordMaterializer<Object> {
    final Cursor row = new Cursor();
    private final GroupConverter rootConverter;

    /** Sets the index in the vectors the next row is converted to. */
    void at(int index) {
      row.index = index;
    }

    Materializer(VectorSchemaRoot root, MessageType requested) {
      List<FieldVector> vectors = root.getFieldVectors();
      Converter[] converters = new Converter[vectors.size()];
      for (int j = 0; j < converters.length; j++) {
        converters[j] = converter(vectors.get(j), requested.getType(j), row);
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

  private static Converter converter(FieldVector vector, Type type, Cursor cursor) {
    if (vector instanceof StructVector s) {
      return new StructColumn(s, type.asGroupType(), cursor);
    }
    if (vector instanceof ListVector l) {
      return new ListColumn(l, type.asGroupType(), cursor);
    }
    return new Column(cursor, vector, type.asPrimitiveType());
  }

  /** A struct: defined at the cursor when its group starts; its fields share the cursor. */
  private static final class StructColumn extends GroupConverter {
    private final StructVector vector;
    private final Cursor cursor;
    private final Converter[] fields;

    StructColumn(StructVector vector, GroupType type, Cursor cursor) {
      this.vector = vector;
      this.cursor = cursor;
      List<FieldVector> children = vector.getChildrenFromFields();
      this.fields = new Converter[children.size()];
      for (int j = 0; j < fields.length; j++) {
        fields[j] = converter(children.get(j), type.getType(j), cursor);
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return fields[fieldIndex];
    }

    @Override
    public void start() {
      vector.setIndexDefined(cursor.index);
    }

    @Override
    public void end() {}
  }

  /**
   * A list in Parquet's three-level layout: the LIST group starts a value at the cursor, each
   * repeated group moves the element cursor to the next slot of the data vector.
   */
  private static final class ListColumn extends GroupConverter {
    private final ListVector vector;
    private final Cursor cursor;
    private final Cursor elements = new Cursor();
    private final GroupConverter repeated;
    private int offset;
    private int count;

    ListColumn(ListVector vector, GroupType type, Cursor cursor) {
      this.vector = vector;
      this.cursor = cursor;
      RowMaterializer.ListLayout layout = RowMaterializer.ListLayout.of(type);
      if (layout == null || !layout.threeLevel()) {
        throw new UnsupportedOperationException(
            "list column '"
                + type.toString().trim()
                + "' is in a legacy two-level layout: read it as rows instead of Arrow batches");
      }
      Converter element = converter(vector.getDataVector(), layout.element(), elements);
      this.repeated =
          new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
              return element;
            }

            @Override
            public void start() {
              elements.index = offset + count;
            }

            @Override
            public void end() {
              count++;
            }
          };
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return repeated;
    }

    @Override
    public void start() {
      offset = vector.startNewValue(cursor.index);
      count = 0;
    }

    @Override
    public void end() {
      vector.endValue(cursor.index, count);
    }
  }

  /** Sets values of one column into its vector at the cursor. */
  private static final class Column extends PrimitiveConverter {
    private final Cursor m;
    private final FieldVector vector;
    private final long microsPerUnit;
    private final long unitsPerMicro;

    Column(Cursor m, FieldVector vector, PrimitiveType type) {
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
        x.setSafe(m.index, v);
      } else if (vector instanceof SmallIntVector x) {
        x.setSafe(m.index, v);
      } else if (vector instanceof TinyIntVector x) {
        x.setSafe(m.index, v);
      } else if (vector instanceof DateDayVector x) {
        x.setSafe(m.index, v);
      } else if (vector instanceof DecimalVector x) {
        x.setSafe(m.index, (long) v);
      } else {
        throw new IllegalStateException("INT32 into " + vector.getClass().getSimpleName());
      }
    }

    @Override
    public void addLong(long v) {
      if (vector instanceof BigIntVector x) {
        x.setSafe(m.index, v);
      } else if (vector instanceof TimeStampVector x) {
        x.setSafe(m.index, Math.floorDiv(v * microsPerUnit, unitsPerMicro));
      } else if (vector instanceof DecimalVector x) {
        x.setSafe(m.index, v);
      } else {
        throw new IllegalStateException("INT64 into " + vector.getClass().getSimpleName());
      }
    }

    @Override
    public void addFloat(float v) {
      ((Float4Vector) vector).setSafe(m.index, v);
    }

    @Override
    public void addDouble(double v) {
      ((Float8Vector) vector).setSafe(m.index, v);
    }

    @Override
    public void addBoolean(boolean v) {
      ((BitVector) vector).setSafe(m.index, v ? 1 : 0);
    }

    @Override
    public void addBinary(Binary v) {
      if (vector instanceof VarCharVector x) {
        x.setSafe(m.index, v.getBytesUnsafe());
      } else if (vector instanceof VarBinaryVector x) {
        x.setSafe(m.index, v.getBytesUnsafe());
      } else if (vector instanceof DecimalVector x) {
        x.setBigEndianSafe(m.index, v.getBytes());
      } else if (vector instanceof TimeStampVector x) {
        ByteBuffer b = v.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = b.getLong();
        long epochDay = Integer.toUnsignedLong(b.getInt()) - JULIAN_EPOCH_DAY;
        x.setSafe(m.index, epochDay * 86_400_000_000L + nanosOfDay / 1000);
      } else {
        throw new IllegalStateException("BINARY into " + vector.getClass().getSimpleName());
      }
    }
  }
}
