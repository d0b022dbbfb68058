package dev.ferry.dataframe.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.URI;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes INT32, INT64, FLOAT and DOUBLE columns into fixed-width vectors of 1, 2, 4 or 8 bytes.
 * PLAIN values that need no conversion are copied into the vector's buffer in one bulk copy per
 * run; dictionary pages are decoded once per row group into the vector's representation (so
 * timestamps in millis or nanos are converted once per distinct value) and indices are decoded in
 * batches.
 */
final class FixedWidthDecoder extends DictionaryColumnDecoder {
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** How a physical value becomes the vector's value. */
  enum Conversion {
    NONE,
    TIMES_1000,
    DIV_1000
  }

  private final PrimitiveTypeName physical;
  private final int physicalWidth;
  private final int width;
  private final Conversion conversion;
  private final boolean copy;
  private long[] dictionary = new long[0];
  private ArrowBuf data;

  FixedWidthDecoder(
      FieldVector vector, ColumnDescriptor descriptor, URI uri, int width, Conversion conversion) {
    super(vector, descriptor, uri);
    this.physical = descriptor.getPrimitiveType().getPrimitiveTypeName();
    this.physicalWidth =
        physical == PrimitiveTypeName.INT64 || physical == PrimitiveTypeName.DOUBLE ? 8 : 4;
    this.width = width;
    this.conversion = conversion;
    this.copy = width == physicalWidth && conversion == Conversion.NONE;
    this.data = vector.getDataBuffer();
  }

  @Override
  void startBatch() {
    super.startBatch();
    data = vector.getDataBuffer();
  }

  @SuppressWarnings("deprecation") // PLAIN_DICTIONARY: the dictionary page encoding of V1 writers
  @Override
  void readDictionary(byte[] bytes, int size, Encoding encoding) {
    if (encoding != Encoding.PLAIN && encoding != Encoding.PLAIN_DICTIONARY) {
      throw new UnsupportedOperationException("dictionary page encoding " + encoding);
    }
    if (size < 0 || (long) size * physicalWidth > bytes.length) {
      throw new CorruptPageException(
          "a dictionary of " + size + " values in " + bytes.length + " bytes");
    }
    long[] d = new long[size];
    for (int i = 0; i < size; i++) {
      d[i] = convert(raw(bytes, i * physicalWidth));
    }
    dictionary = d;
    dictionaryRead();
  }

  @Override
  void values(int row, int n) {
    if (dictionaryPage) {
      dictionaryValues(row, n);
    } else if (other != null) {
      ValuesReader r = other;
      for (int i = 0; i < n; i++) {
        long raw =
            switch (physical) {
              case INT32 -> r.readInteger();
              case INT64 -> r.readLong();
              case FLOAT -> Float.floatToRawIntBits(r.readFloat());
              default -> Double.doubleToRawLongBits(r.readDouble());
            };
        set(row + i, convert(raw));
      }
    } else {
      int bytes = n * physicalWidth;
      if (bytes > end - pos || bytes < 0) {
        throw new CorruptPageException(
            "the page ends " + (end - pos) + " bytes into " + n + " PLAIN values");
      }
      if (copy) {
        data.setBytes((long) row * width, page, pos, bytes);
      } else {
        for (int i = 0; i < n; i++) {
          set(row + i, convert(raw(page, pos + i * physicalWidth)));
        }
      }
      pos += bytes;
    }
  }

  private void dictionaryValues(int row, int n) {
    long[] d = dictionary;
    int[] idx = indexChunk;
    while (n > 0) {
      int c = Math.min(n, INDEX_CHUNK);
      indices.read(idx, 0, c);
      for (int i = 0; i < c; i++) {
        int k = idx[i];
        if (k >= d.length) {
          throw new CorruptPageException(
              "dictionary index " + k + " of a dictionary of " + d.length + " values");
        }
        set(row + i, d[k]);
      }
      row += c;
      n -= c;
    }
  }

  private long raw(byte[] b, int at) {
    return physicalWidth == 8 ? (long) LONG.get(b, at) : (long) (int) INT.get(b, at);
  }

  private long convert(long raw) {
    return switch (conversion) {
      case NONE -> raw;
      case TIMES_1000 -> raw * 1000;
      case DIV_1000 -> Math.floorDiv(raw, 1000L);
    };
  }

  private void set(int row, long v) {
    switch (width) {
      case 8 -> data.setLong((long) row << 3, v);
      case 4 -> data.setInt((long) row << 2, (int) v);
      case 2 -> data.setShort((long) row << 1, (short) v);
      default -> data.setByte(row, (byte) v);
    }
  }
}
