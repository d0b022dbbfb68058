package dev.ferry.dataframe.parquet;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.ParquetDecodingException;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the pages of one flat column chunk straight into an Arrow vector: definition levels
 * (RLE/bit-packed hybrid) become the validity bitmap, and each run of non-null values is handed to
 * the subclass, which decodes the values of its physical type (PLAIN, dictionary, or any other
 * encoding through parquet-java's {@link ValuesReader}). A batch may span pages, and pages are read
 * only when the batch needs them. Errors in page bytes surface as {@link IOException}s naming the
 * file and the column.
 */
abstract class ColumnDecoder {
  private static final int LEVEL_CHUNK = 1024;

  final FieldVector vector;
  final ColumnDescriptor descriptor;
  private final URI uri;
  private final int maxDef;
  private final RleDecoder levels = new RleDecoder();
  private final int[] levelChunk = new int[LEVEL_CHUNK];
  private @Nullable PageReader pages;
  private long pageLeft;
  private long chunkLeft;

  /** The bytes of the current page and where its values start and end. */
  byte[] page = new byte[0];

  int pos;
  int end;

  /** The validity buffer of the current batch. */
  private ArrowBuf validity;

  ColumnDecoder(FieldVector vector, ColumnDescriptor descriptor, URI uri) {
    this.vector = vector;
    this.descriptor = descriptor;
    this.uri = uri;
    this.maxDef = descriptor.getMaxDefinitionLevel();
    this.validity = vector.getValidityBuffer();
  }

  /** Starts a row group: reads its dictionary page, if any. */
  @SuppressWarnings("deprecation") // toByteArray: the dictionary page is copied once
  final void startRowGroup(PageReader pages) throws IOException {
    this.pages = pages;
    this.pageLeft = 0;
    this.chunkLeft = pages.getTotalValueCount();
    try {
      DictionaryPage dict = pages.readDictionaryPage();
      if (dict != null) {
        byte[] bytes = dict.getBytes().toByteArray();
        readDictionary(bytes, dict.getDictionarySize(), dict.getEncoding());
      } else {
        noDictionary();
      }
    } catch (CorruptPageException | ParquetDecodingException | IndexOutOfBoundsException e) {
      throw corrupt("dictionary page", e);
    }
  }

  /** Starts a batch whose vectors were just allocated. */
  void startBatch() {
    validity = vector.getValidityBuffer();
  }

  /** Ends a batch of {@code rows} rows. */
  void endBatch(int rows) {}

  /** Decodes the next {@code n} rows into rows {@code [row, row + n)} of the vector. */
  final void read(int row, int n) throws IOException {
    try {
      while (n > 0) {
        if (pageLeft == 0) {
          nextPage();
        }
        int k = (int) Math.min(n, pageLeft);
        readPageRows(row, k);
        pageLeft -= k;
        row += k;
        n -= k;
      }
    } catch (CorruptPageException
        | ParquetDecodingException
        | IndexOutOfBoundsException
        | UnsupportedOperationException e) {
      throw corrupt("page", e);
    }
  }

  private IOException corrupt(String what, RuntimeException e) {
    String detail = e.getMessage() == null ? e.toString() : e.getMessage();
    return new IOException(
        "cannot decode a parquet "
            + what
            + " of column '"
            + String.join(".", descriptor.getPath())
            + "' in "
            + uri
            + ": "
            + detail,
        e);
  }

  private void readPageRows(int row, int k) {
    if (maxDef == 0) {
      values(row, k);
      setBits(validity, row, k);
      return;
    }
    int i = 0;
    while (i < k) {
      int run = levels.takeRepeated(maxDef, k - i);
      if (run > 0) {
        values(row + i, run);
        setBits(validity, row + i, run);
        i += run;
        continue;
      }
      int c = Math.min(k - i, LEVEL_CHUNK);
      int[] lv = levelChunk;
      levels.read(lv, 0, c);
      int j = 0;
      while (j < c) {
        int from = j;
        boolean defined = lv[j] == maxDef;
        while (j < c && (lv[j] == maxDef) == defined) {
          j++;
        }
        if (defined) {
          values(row + i + from, j - from);
          setBits(validity, row + i + from, j - from);
        } else {
          nulls(row + i + from, j - from);
        }
      }
      i += c;
    }
  }

  private void nextPage() {
    DataPage p = pages == null ? null : pages.readPage();
    if (p == null) {
      throw new CorruptPageException(
          "the column chunk ends with " + chunkLeft + " of its values not in any page");
    }
    int count = p.getValueCount();
    if (count <= 0 || count > chunkLeft) {
      throw new CorruptPageException(
          "a page of " + count + " values where " + chunkLeft + " are left in the column chunk");
    }
    chunkLeft -= count;
    int width = 32 - Integer.numberOfLeadingZeros(maxDef);
    Encoding encoding;
    if (p instanceof DataPageV1 v1) {
      ByteBuffer b = bytes(v1.getBytes());
      byte[] a = b.array();
      int at = b.arrayOffset() + b.position();
      int limit = at + b.remaining();
      if (maxDef > 0) {
        if (v1.getDlEncoding() != Encoding.RLE) {
          throw new UnsupportedOperationException(
              "definition levels encoded as " + v1.getDlEncoding() + " are not supported");
        }
        if (limit - at < 4) {
          throw new CorruptPageException(
              "a page of " + (limit - at) + " bytes has no level length");
        }
        int len = ByteBuffer.wrap(a, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (len < 0 || len > limit - at - 4) {
          throw new CorruptPageException(
              "definition levels of " + len + " bytes in a page of " + (limit - at));
        }
        levels.reset(a, at + 4, at + 4 + len, width);
        at += 4 + len;
      }
      encoding = v1.getValueEncoding();
      startPage(encoding, a, at, limit, count);
    } else if (p instanceof DataPageV2 v2) {
      if (maxDef > 0) {
        ByteBuffer lv = bytes(v2.getDefinitionLevels());
        int at = lv.arrayOffset() + lv.position();
        levels.reset(lv.array(), at, at + lv.remaining(), width);
      }
      ByteBuffer b = bytes(v2.getData());
      int at = b.arrayOffset() + b.position();
      encoding = v2.getDataEncoding();
      startPage(encoding, b.array(), at, at + b.remaining(), count);
    } else {
      throw new UnsupportedOperationException("data page " + p.getClass().getSimpleName());
    }
    pageLeft = count;
  }

  /** Returns the page bytes as a heap buffer: the decompressed array itself when it is one. */
  @SuppressWarnings("deprecation") // toByteBuffer: the decompressed array itself, not a copy
  private static ByteBuffer bytes(org.apache.parquet.bytes.BytesInput in) {
    try {
      ByteBuffer b = in.toByteBuffer();
      return b.hasArray() ? b : ByteBuffer.wrap(in.toByteArray());
    } catch (IOException e) {
      throw new ParquetDecodingException("cannot read page bytes: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("deprecation") // PLAIN_DICTIONARY: files written by data page V1 writers use it
  private void startPage(Encoding encoding, byte[] b, int at, int end, int count) {
    this.page = b;
    this.pos = at;
    this.end = end;
    if (encoding == Encoding.PLAIN_DICTIONARY || encoding == Encoding.RLE_DICTIONARY) {
      startDictionaryPage();
    } else {
      startPage(encoding, count);
    }
  }

  /** Returns a parquet-java reader of the current page's values in {@code encoding}. */
  final ValuesReader valuesReader(Encoding encoding, int count) {
    ValuesReader r = encoding.getValuesReader(descriptor, ValuesType.VALUES);
    try {
      r.initFromPage(count, ByteBufferInputStream.wrap(ByteBuffer.wrap(page, pos, end - pos)));
    } catch (IOException e) {
      throw new ParquetDecodingException(e.getMessage(), e);
    }
    return r;
  }

  /** Reads the dictionary page of the row group's column chunk. */
  abstract void readDictionary(byte[] bytes, int size, Encoding encoding);

  /** Forgets the dictionary of the previous row group. */
  abstract void noDictionary();

  /** Starts a page whose values are dictionary indices from {@link #pos} to {@link #end}. */
  abstract void startDictionaryPage();

  /**
   * Starts a page of {@code count} values in {@code encoding} from {@link #pos} to {@link #end}.
   */
  abstract void startPage(Encoding encoding, int count);

  /** Decodes the next {@code n} values of the page into rows {@code [row, row + n)}. */
  abstract void values(int row, int n);

  /** Marks rows {@code [row, row + n)} null (the validity bits are already clear). */
  void nulls(int row, int n) {}

  /** Returns the dictionary index bit width from the first byte of a dictionary-encoded page. */
  final int indexBitWidth() {
    if (pos >= end) {
      throw new CorruptPageException("a dictionary-encoded page has no index bit width");
    }
    return page[pos++] & 0xFF;
  }

  /** Sets bits {@code [from, from + n)} of a bitmap. */
  static void setBits(ArrowBuf buf, int from, int n) {
    int i = from;
    int to = from + n;
    while (i < to && (i & 7) != 0) {
      BitVectorHelper.setBit(buf, i++);
    }
    int bytes = (to - i) >>> 3;
    if (bytes > 0) {
      buf.setOne((long) (i >>> 3), (long) bytes);
      i += bytes << 3;
    }
    while (i < to) {
      BitVectorHelper.setBit(buf, i++);
    }
  }
}
