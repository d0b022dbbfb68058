package dev.ferry.dataframe.parquet;

/**
 * Decodes Parquet's RLE/bit-packed hybrid encoding (definition levels, dictionary indices, RLE
 * booleans) from a byte array into int batches. A run is either a repeated value ({@code header =
 * count << 1}) or groups of eight values packed LSB first ({@code header = groups << 1 | 1}).
 *
 * <p>As parquet-java's decoder does on purpose, a bit-packed run may end before its last group is
 * complete: writers that leave out the padding of the final group are read, and the missing bits
 * read as zeros. Run headers and RLE values past the end of the encoded bytes, run counts that
 * overflow, and values wider than the bit width throw {@link CorruptPageException}. Not
 * thread-safe; one decoder is reset per page.
 */
final class RleDecoder {
  private byte[] buf = new byte[0];
  private int pos;
  private int end;
  private int bitWidth;
  private int mask;

  /** Values left in the current run. */
  private int runLeft;

  private boolean packed;
  private int runValue;

  /** Bit offset of the next packed value from {@link #packedStart}. */
  private long packedBit;

  private int packedStart;

  /** The end of the bytes of the current bit-packed run that are present. */
  private int packedEnd;

  /**
   * Resets the decoder to the encoded bytes {@code buf[pos, end)} of values {@code bitWidth} wide.
   */
  void reset(byte[] buf, int pos, int end, int bitWidth) {
    if (bitWidth < 0 || bitWidth > 32) {
      throw new CorruptPageException("bit width " + bitWidth + " is not between 0 and 32");
    }
    if (pos > end || end > buf.length) {
      throw new CorruptPageException(
          "encoded levels end at byte " + end + " of a " + buf.length + "-byte page");
    }
    this.buf = buf;
    this.pos = pos;
    this.end = end;
    this.bitWidth = bitWidth;
    this.mask = bitWidth == 32 ? -1 : (1 << bitWidth) - 1;
    this.runLeft = 0;
  }

  /** Decodes the next {@code n} values into {@code out[off, off + n)}. */
  void read(int[] out, int off, int n) {
    while (n > 0) {
      if (runLeft == 0) {
        nextRun();
      }
      int k = Math.min(n, runLeft);
      if (packed) {
        unpack(out, off, k);
      } else {
        java.util.Arrays.fill(out, off, off + k, runValue);
      }
      runLeft -= k;
      off += k;
      n -= k;
    }
  }

  /**
   * Returns the number of values equal to {@code value} among the next {@code n}, consuming them
   * only when they all are; used to take whole runs of non-null definition levels without
   * unpacking.
   */
  int takeRepeated(int value, int n) {
    if (runLeft == 0) {
      nextRun();
    }
    if (packed || runValue != value) {
      return 0;
    }
    int k = Math.min(n, runLeft);
    runLeft -= k;
    return k;
  }

  private void nextRun() {
    long header = readVarint();
    if ((header & 1) == 0) {
      long count = header >>> 1;
      int bytes = (bitWidth + 7) >>> 3;
      if (count == 0 || count > Integer.MAX_VALUE) {
        throw new CorruptPageException("an RLE run of " + count + " values");
      }
      if (pos + bytes > end) {
        throw new CorruptPageException("an RLE run ends past the encoded levels");
      }
      int v = 0;
      for (int i = 0; i < bytes; i++) {
        v |= (buf[pos + i] & 0xFF) << (8 * i);
      }
      pos += bytes;
      if ((v & ~mask) != 0) {
        throw new CorruptPageException(
            "RLE value " + Integer.toUnsignedString(v) + " is wider than " + bitWidth + " bits");
      }
      packed = false;
      runValue = v;
      runLeft = (int) count;
    } else {
      long groups = header >>> 1;
      if (groups == 0 || groups * 8 > Integer.MAX_VALUE) {
        throw new CorruptPageException("a bit-packed run of " + groups + " groups");
      }
      // the final run may lack its padding: parquet-java reads what there is, and so does this
      long bytes = Math.min(groups * bitWidth, end - pos);
      packed = true;
      packedStart = pos;
      packedBit = 0;
      pos += (int) bytes;
      packedEnd = pos;
      runLeft = (int) (groups * 8);
    }
  }

  private void unpack(int[] out, int off, int k) {
    if (bitWidth == 0) {
      java.util.Arrays.fill(out, off, off + k, 0);
      return;
    }
    byte[] b = buf;
    int w = bitWidth;
    long bit = packedBit;
    int start = packedStart;
    if (start + ((bit + (long) k * w + 7) >>> 3) > packedEnd) {
      unpackTruncated(out, off, k);
      return;
    }
    for (int i = 0; i < k; i++) {
      int at = start + (int) (bit >>> 3);
      int shift = (int) (bit & 7);
      long word = b[at] & 0xFFL;
      int have = 8 - shift;
      for (int j = 1; have < w; j++) {
        word |= (b[at + j] & 0xFFL) << (8 * j);
        have += 8;
      }
      out[off + i] = (int) (word >>> shift) & mask;
      bit += w;
    }
    packedBit = bit;
  }

  /** Unpacks values of a run whose bytes end early: bits past {@link #packedEnd} read as 0. */
  private void unpackTruncated(int[] out, int off, int k) {
    int w = bitWidth;
    long bit = packedBit;
    for (int i = 0; i < k; i++) {
      long word = 0;
      int at = packedStart + (int) (bit >>> 3);
      int shift = (int) (bit & 7);
      for (int j = 0; j * 8 < w + shift; j++) {
        if (at + j < packedEnd) {
          word |= (buf[at + j] & 0xFFL) << (8 * j);
        }
      }
      out[off + i] = (int) (word >>> shift) & mask;
      bit += w;
    }
    packedBit = bit;
  }

  private long readVarint() {
    long v = 0;
    for (int shift = 0; shift < 40; shift += 7) {
      if (pos >= end) {
        throw new CorruptPageException("a run header ends past the encoded levels");
      }
      int b = buf[pos++];
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
    }
    throw new CorruptPageException("a run header is longer than 5 bytes");
  }
}
