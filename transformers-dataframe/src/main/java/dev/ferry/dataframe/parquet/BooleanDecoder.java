package dev.ferry.dataframe.parquet;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.values.ValuesReader;
import org.jspecify.annotations.Nullable;

/**
 * Decodes BOOLEAN columns into a bit vector: PLAIN (bit-packed, LSB first) and RLE (the hybrid
 * encoding with a length prefix, as data page V2 writes booleans); other encodings go through
 * parquet-java's reader.
 */
final class BooleanDecoder extends ColumnDecoder {
  private static final int CHUNK = 1024;

  private final RleDecoder rle = new RleDecoder();
  private final int[] chunk = new int[CHUNK];
  private boolean isRle;
  private long bit;
  private @Nullable ValuesReader other;
  private ArrowBuf data;

  BooleanDecoder(FieldVector vector, ColumnDescriptor descriptor, URI uri) {
    super(vector, descriptor, uri);
    this.data = vector.getDataBuffer();
  }

  @Override
  void startBatch() {
    super.startBatch();
    data = vector.getDataBuffer();
  }

  @Override
  void readDictionary(byte[] bytes, int size, Encoding encoding) {
    throw new UnsupportedOperationException("a dictionary for a BOOLEAN column");
  }

  @Override
  void noDictionary() {}

  @Override
  void startDictionaryPage() {
    throw new UnsupportedOperationException("a dictionary-encoded BOOLEAN page");
  }

  @Override
  void startPage(Encoding encoding, int count) {
    other = null;
    isRle = false;
    bit = 0;
    if (encoding == Encoding.RLE) {
      if (end - pos < 4) {
        throw new CorruptPageException("an RLE boolean page of " + (end - pos) + " bytes");
      }
      int len = ByteBuffer.wrap(page, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      if (len < 0 || len > end - pos - 4) {
        throw new CorruptPageException("RLE booleans of " + len + " bytes in a shorter page");
      }
      rle.reset(page, pos + 4, pos + 4 + len, 1);
      isRle = true;
    } else if (encoding != Encoding.PLAIN) {
      other = valuesReader(encoding, count);
    }
  }

  @Override
  void values(int row, int n) {
    if (isRle) {
      while (n > 0) {
        int c = Math.min(n, CHUNK);
        rle.read(chunk, 0, c);
        for (int i = 0; i < c; i++) {
          if (chunk[i] != 0) {
            BitVectorHelper.setBit(data, row + i);
          }
        }
        row += c;
        n -= c;
      }
    } else if (other != null) {
      for (int i = 0; i < n; i++) {
        if (other.readBoolean()) {
          BitVectorHelper.setBit(data, row + i);
        }
      }
    } else {
      if (((bit + n + 7) >>> 3) > end - pos) {
        throw new CorruptPageException("the page ends inside " + n + " PLAIN booleans");
      }
      byte[] b = page;
      int base = pos;
      for (int i = 0; i < n; i++) {
        long at = bit + i;
        if ((b[base + (int) (at >>> 3)] & (1 << (at & 7))) != 0) {
          BitVectorHelper.setBit(data, row + i);
        }
      }
      bit += n;
    }
  }
}
