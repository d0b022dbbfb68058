package dev.ferry.dataframe.parquet;

import dev.ferry.blob.BlobStore;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
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
import org.apache.parquet.schema.Type;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Parquet file of a blob store as Arrow record batches, as an {@code ArrowReader} does: one
 * {@link VectorSchemaRoot}, refilled by each {@link #loadNextBatch()} with up to the batch size of
 * rows; only the requested columns are fetched and decoded. Values are decoded through
 * parquet-java's record API into the vectors (a page-level vectorized decoder is future work).
 *
 * <pre>{@code
 * try (ArrowParquetReader r = ArrowParquetReader.open(store, uri, allocator, List.of("a"), 65536)) {
 *   while (r.loadNextBatch()) consume(r.getVectorSchemaRoot());
 * }
 * }</pre>
 */
public final class ArrowParquetReader implements Closeable {
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;

  private final ParquetFileReader reader;
  private final MessageColumnIO io;
  private final VectorSchemaRoot root;
  private final Materializer materializer;
  private final int batchSize;
  private @Nullable RecordReader<Object> rowGroup;
  private long remaining;

  private ArrowParquetReader(
      ParquetFileReader reader,
      MessageColumnIO io,
      VectorSchemaRoot root,
      Materializer materializer,
      int batchSize) {
    this.reader = reader;
    this.io = io;
    this.root = root;
    this.materializer = materializer;
    this.batchSize = batchSize;
  }

  /**
   * Returns a reader of the file at {@code uri}; {@code columns} names the columns to read (empty
   * for all), in the order wanted.
   */
  public static ArrowParquetReader open(
      BlobStore store, URI uri, BufferAllocator allocator, List<String> columns, int batchSize)
      throws IOException {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive");
    }
    ParquetFileReader reader =
        ParquetFileReader.open(BlobInputFile.open(store, uri), ReadOptions.create());
    try {
      MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
      MessageType requested = fileSchema;
      if (!columns.isEmpty()) {
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
      reader.setRequestedSchema(requested);
      VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrow(requested), allocator);
      MessageColumnIO io =
          new ColumnIOFactory(reader.getFooter().getFileMetaData().getCreatedBy())
              .getColumnIO(requested, fileSchema, true);
      return new ArrowParquetReader(reader, io, root, new Materializer(root, requested), batchSize);
    } catch (RuntimeException e) {
      reader.close();
      throw e;
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
    int n = 0;
    materializer.row = 0;
    while (n < batchSize) {
      if (remaining == 0) {
        PageReadStore pages = reader.readNextRowGroup();
        if (pages == null) {
          break;
        }
        remaining = pages.getRowCount();
        rowGroup = io.getRecordReader(pages, materializer);
        continue;
      }
      rowGroup.read();
      remaining--;
      n++;
      materializer.row = n;
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
