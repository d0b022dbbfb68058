package dev.ferry.dataframe.parquet;

import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/**
 * Writes a range of one Arrow vector's values to a parquet-java {@link ColumnWriter}, reading the
 * vector's buffers directly: no per-row record assembly, no boxing, and the bytes of a range of
 * strings copied at once into one reused array (the column writer copies what it keeps: dictionary
 * entries and statistics).
 */
final class VectorColumnWriter {
  private enum Kind {
    INT64,
    INT32,
    INT16,
    INT8,
    DOUBLE,
    FLOAT,
    BOOLEAN,
    BYTES,
    TIMESTAMP
  }

  private final Kind kind;
  private final int maxDef;
  private final String name;
  private final boolean nullable;
  private final TimeUnit unit;
  private byte[] scratch = new byte[64 * 1024];

  private VectorColumnWriter(Kind kind, FieldVector v, int maxDef, TimeUnit unit) {
    this.kind = kind;
    this.maxDef = maxDef;
    this.name = v.getName();
    this.nullable = v.getField().isNullable();
    this.unit = unit;
  }

  /** Returns the writer of vectors like {@code v}, whose Parquet column has {@code maxDef}. */
  static VectorColumnWriter of(FieldVector v, int maxDef) {
    TimeUnit unit = TimeUnit.MICROSECONDS;
    Kind kind;
    if (v instanceof BigIntVector) {
      kind = Kind.INT64;
    } else if (v instanceof IntVector || v instanceof DateDayVector) {
      kind = Kind.INT32;
    } else if (v instanceof SmallIntVector) {
      kind = Kind.INT16;
    } else if (v instanceof TinyIntVector) {
      kind = Kind.INT8;
    } else if (v instanceof Float8Vector) {
      kind = Kind.DOUBLE;
    } else if (v instanceof Float4Vector) {
      kind = Kind.FLOAT;
    } else if (v instanceof BitVector) {
      kind = Kind.BOOLEAN;
    } else if (v instanceof BaseVariableWidthVector) {
      kind = Kind.BYTES;
    } else if (v instanceof TimeStampVector) {
      kind = Kind.TIMESTAMP;
      unit =
          switch (((ArrowType.Timestamp) v.getField().getType()).getUnit()) {
            case SECOND -> TimeUnit.SECONDS;
            case MILLISECOND -> TimeUnit.MILLISECONDS;
            case MICROSECOND -> TimeUnit.MICROSECONDS;
            case NANOSECOND -> TimeUnit.NANOSECONDS;
          };
    } else {
      throw new UnsupportedOperationException(
          "arrow vector " + v.getClass().getSimpleName() + " is not supported");
    }
    return new VectorColumnWriter(kind, v, maxDef, unit);
  }

  /** Writes rows {@code [from, to)} of {@code v} to {@code w}. */
  void write(FieldVector v, ColumnWriter w, int from, int to) {
    boolean checkNulls = v.getNullCount() > 0;
    if (checkNulls && !nullable) {
      for (int i = from; i < to; i++) {
        if (v.isNull(i)) {
          throw new IllegalArgumentException(
              "null in non-nullable arrow column '" + name + "' at row " + i);
        }
      }
    }
    ArrowBuf validity = v.getValidityBuffer();
    ArrowBuf data = v.getDataBuffer();
    int def = maxDef;
    switch (kind) {
      case INT64 -> {
        for (int i = from; i < to; i++) {
          if (checkNulls && BitVectorHelper.get(validity, i) == 0) {
            w.writeNull(0, 0);
          } else {
            w.write(data.getLong((long) i << 3), 0, def);
          }
        }
      }
      case TIMESTAMP -> {
        for (int i = from; i < to; i++) {
          if (checkNulls && BitVectorHelper.get(validity, i) == 0) {
            w.writeNull(0, 0);
          } else {
            w.write(micros(data.getLong((long) i << 3)), 0, def);
          }
        }
      }
      case INT32 -> {
        for (int i = from; i < to; i++) {
          if (checkNulls && BitVectorHelper.get(validity, i) == 0) {
            w.writeNull(0, 0);
          } else {
            w.write(data.getInt((long) i << 2), 0, def);
          }
        }
      }
      case INT16 -> {
        for (int i = from; i < to; i++) {
          if (checkNulls && BitVectorHelper.get(validity, i) == 0) {
            w.writeNull(0, 0);
          } else {
            w.write((int) data.getShort((long) i << 1), 0, def);
          }
        }
      }
      case INT8 -> {
        for (int i = from; i < to; i++) {
          if (checkNulls && BitVectorHelper.get(validity, i) == 0) {
            w.writeNull(0, 0);
          } else {
            w.write((int) data.getByte(i), 0, def);
          }
        }
      }
      case DOUBLE -> {
        for (int i = from; i < to; i++) {
          if (checkNulls && BitVectorHelper.get(validity, i) == 0) {
            w.writeNull(0, 0);
          } else {
            w.write(data.getDouble((long) i << 3), 0, def);
          }
        }
      }
      case FLOAT -> {
        for (int i = from; i < to; i++) {
          if (checkNulls && BitVectorHelper.get(validity, i) == 0) {
            w.writeNull(0, 0);
          } else {
            w.write(data.getFloat((long) i << 2), 0, def);
          }
        }
      }
      case BOOLEAN -> {
        for (int i = from; i < to; i++) {
          if (checkNulls && BitVectorHelper.get(validity, i) == 0) {
            w.writeNull(0, 0);
          } else {
            w.write(BitVectorHelper.get(data, i) != 0, 0, def);
          }
        }
      }
      case BYTES -> {
        ArrowBuf offsets = v.getOffsetBuffer();
        int base = offsets.getInt((long) from << 2);
        int span = offsets.getInt((long) to << 2) - base;
        if (span > scratch.length) {
          scratch = new byte[Math.max(span, scratch.length * 2)];
        }
        data.getBytes(base, scratch, 0, span);
        byte[] bytes = scratch;
        int start = 0;
        for (int i = from; i < to; i++) {
          int next = offsets.getInt((long) (i + 1) << 2) - base;
          if (checkNulls && BitVectorHelper.get(validity, i) == 0) {
            w.writeNull(0, 0);
          } else {
            w.write(Binary.fromReusedByteArray(bytes, start, next - start), 0, def);
          }
          start = next;
        }
      }
    }
  }

  private long micros(long value) {
    return switch (unit) {
      case SECONDS -> TimeUnit.SECONDS.toMicros(value);
      case MILLISECONDS -> TimeUnit.MILLISECONDS.toMicros(value);
      case NANOSECONDS -> Math.floorDiv(value, 1000L);
      default -> value;
    };
  }
}
