package dev.ferry.dataframe.parquet;

import java.net.URI;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.io.api.Binary;

/**
 * Decodes BYTE_ARRAY columns into variable-width vectors (strings and binary). The bytes and the
 * end offsets of a run of values are gathered into arrays and copied into the vector's buffers at
 * once. Dictionaries are kept as one byte array with offsets.
 */
final class BinaryDecoder extends DictionaryColumnDecoder {

  private final BaseVariableWidthVector varWidth;
  private byte[] dictBytes = new byte[0];
  private int[] dictOffsets = new int[1];
  private int dictSize;
  private byte[] gather = new byte[64 * 1024];
  private int[] ends = new int[1024];
  private ArrowBuf offsets;
  private long dataEnd;

  BinaryDecoder(BaseVariableWidthVector vector, ColumnDescriptor descriptor, URI uri) {
    super(vector, descriptor, uri);
    this.varWidth = vector;
    this.offsets = vector.getOffsetBuffer();
  }

  @Override
  void startBatch() {
    super.startBatch();
    offsets = varWidth.getOffsetBuffer();
    dataEnd = 0;
  }

  @Override
  void endBatch(int rows) {
    varWidth.setLastSet(rows - 1);
  }

  @SuppressWarnings("deprecation") // PLAIN_DICTIONARY: the dictionary page encoding of V1 writers
  @Override
  void readDictionary(byte[] bytes, int size, Encoding encoding) {
    if (encoding != Encoding.PLAIN && encoding != Encoding.PLAIN_DICTIONARY) {
      throw new UnsupportedOperationException("dictionary page encoding " + encoding);
    }
    if (size < 0 || (long) size * 4 > bytes.length) {
      throw new CorruptPageException(
          "a dictionary of " + size + " values in " + bytes.length + " bytes");
    }
    int[] offs = new int[size + 1];
    byte[] out = new byte[bytes.length - size * 4];
    int at = 0;
    int o = 0;
    for (int i = 0; i < size; i++) {
      int len = length(bytes, at, bytes.length);
      System.arraycopy(bytes, at + 4, out, o, len);
      at += 4 + len;
      o += len;
      offs[i + 1] = o;
    }
    dictBytes = out;
    dictOffsets = offs;
    dictSize = size;
    dictionaryRead();
  }

  @Override
  void values(int row, int n) {
    int g = 0;
    long start = dataEnd;
    if (ends.length < n) {
      ends = new int[Math.max(n, ends.length * 2)];
    }
    int[] out = ends;
    if (dictionaryPage) {
      int[] idx = indexChunk;
      int done = 0;
      while (done < n) {
        int c = Math.min(n - done, INDEX_CHUNK);
        indices.read(idx, 0, c);
        for (int i = 0; i < c; i++) {
          int k = idx[i];
          if (k >= dictSize) {
            throw new CorruptPageException(
                "dictionary index " + k + " of a dictionary of " + dictSize + " values");
          }
          int from = dictOffsets[k];
          int len = dictOffsets[k + 1] - from;
          g = append(g, dictBytes, from, len);
          out[done + i] = (int) (start + g);
        }
        done += c;
      }
    } else if (other != null) {
      for (int i = 0; i < n; i++) {
        Binary v = other.readBytes();
        byte[] b = v.getBytesUnsafe();
        g = append(g, b, 0, b.length);
        out[i] = (int) (start + g);
      }
    } else {
      byte[] b = page;
      int at = pos;
      for (int i = 0; i < n; i++) {
        int len = length(b, at, end);
        g = append(g, b, at + 4, len);
        at += 4 + len;
        out[i] = (int) (start + g);
      }
      pos = at;
    }
    long need = start + g;
    if (need > Integer.MAX_VALUE) {
      throw new UnsupportedOperationException(
          "more than 2 GiB of values in one batch: read with a smaller batch size");
    }
    while (varWidth.getDataBuffer().capacity() < need) {
      varWidth.reallocDataBuffer(Math.max(need, varWidth.getDataBuffer().capacity() * 2));
    }
    varWidth.getDataBuffer().setBytes(start, gather, 0, g);
    offsets
        .nioBuffer((long) (row + 1) << 2, n << 2)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asIntBuffer()
        .put(out, 0, n);
    dataEnd = need;
  }

  @Override
  void nulls(int row, int n) {
    for (int i = 0; i < n; i++) {
      offsets.setInt((long) (row + i + 1) << 2, (int) dataEnd);
    }
  }

  private int append(int g, byte[] src, int from, int len) {
    if (g + len > gather.length) {
      gather = Arrays.copyOf(gather, Math.max(g + len, gather.length * 2));
    }
    System.arraycopy(src, from, gather, g, len);
    return g + len;
  }

  private static int length(byte[] b, int at, int end) {
    if (end - at < 4) {
      throw new CorruptPageException("the page ends inside the length of a PLAIN value");
    }
    int len = (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | b[at + 3] << 24;
    if (len < 0 || len > end - at - 4) {
      throw new CorruptPageException(
          "a PLAIN value of " + len + " bytes where " + (end - at - 4) + " are left");
    }
    return len;
  }
}
