package dev.ferry.dataframe.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RleDecoder} against parquet-java's RLE/bit-packing hybrid encoder and decoder: every bit
 * width from 0 to 32, runs of every length around the group size (RLE runs, bit-packed runs and the
 * boundaries between them), reads in chunks that cut runs, and every truncation of the encoded
 * bytes (a final bit-packed run without its padding is read as parquet-java reads it).
 */
// parquet-java deprecated BytesInput.toByteArray without a replacement for reading encoder output
@SuppressWarnings("deprecation")
class RleDecoderTest {
  private static final long SEED = 20261204L;

  static Stream<Arguments> widths() {
    return IntStream.rangeClosed(0, 32).mapToObj(Arguments::of);
  }

  @ParameterizedTest(name = "width {0}")
  @MethodSource("widths")
  void read_runsOfEveryLength_matchesParquetJava(int width) throws IOException {
    Random random = new Random(SEED + width);
    int[] values = runs(random, width, 3000);
    byte[] encoded = encode(width, values);
    assertThat(decodeOurs(width, encoded, values.length, 1)).containsExactly(values);
    assertThat(decodeOurs(width, encoded, values.length, 7)).containsExactly(values);
    assertThat(decodeOurs(width, encoded, values.length, 1024)).containsExactly(values);
    assertThat(decodeParquetJava(width, encoded, values.length)).containsExactly(values);
  }

  @ParameterizedTest(name = "width {0}")
  @MethodSource("widths")
  void read_everyCountAroundTheGroupSize_matchesParquetJava(int width) throws IOException {
    Random random = new Random(SEED * 31 + width);
    for (int n = 1; n <= 41; n++) {
      int[] packed = random(random, width, n);
      assertThat(decodeOurs(width, encode(width, packed), n, 3)).containsExactly(packed);
      int[] repeated = new int[n];
      Arrays.fill(repeated, max(width));
      assertThat(decodeOurs(width, encode(width, repeated), n, 5)).containsExactly(repeated);
    }
  }

  @ParameterizedTest(name = "width {0}")
  @MethodSource("widths")
  void read_everyTruncation_matchesParquetJava(int width) throws IOException {
    Random random = new Random(SEED * 17 + width);
    for (int n : new int[] {1, 5, 8, 13, 29, 100}) {
      int[] values = random.nextBoolean() ? random(random, width, n) : runs(random, width, n);
      byte[] encoded = encode(width, values);
      for (int len = encoded.length; len >= 0; len--) {
        byte[] cut = Arrays.copyOf(encoded, len);
        int[] expected;
        try {
          expected = decodeParquetJava(width, cut, n);
        } catch (IOException | RuntimeException e) {
          int at = len;
          assertThatThrownBy(() -> decodeOurs(width, cut, n, n))
              .as("width %d, %d values, %d of %d bytes", width, n, at, encoded.length)
              .isInstanceOf(CorruptPageException.class);
          continue;
        }
        assertThat(decodeOurs(width, cut, n, n))
            .as("width %d, %d values, %d of %d bytes", width, n, len, encoded.length)
            .containsExactly(expected);
      }
    }
  }

  @Test
  void read_finalBitPackedRunWithoutPadding_readsTheValuesPresent() throws IOException {
    int[] values = {1, 2, 3, 4, 5}; // one group of 8 at width 3: 3 bytes, the values fill 15 bits
    byte[] encoded = encode(3, values);
    assertThat(encoded).hasSize(1 + 3);
    byte[] unpadded = Arrays.copyOf(encoded, 1 + 2);
    assertThat(decodeParquetJava(3, unpadded, 5)).containsExactly(values);
    assertThat(decodeOurs(3, unpadded, 5, 5)).containsExactly(values);
  }

  @Test
  void read_rleValueWiderThanTheBitWidth_throws() {
    byte[] encoded = {(byte) (4 << 1), (byte) 0x09}; // 4 times 9 at width 3
    assertThatThrownBy(() -> decodeOurs(3, encoded, 4, 4))
        .isInstanceOf(CorruptPageException.class)
        .hasMessage("RLE value 9 is wider than 3 bits");
  }

  @Test
  void read_runHeaderPastTheEnd_throws() {
    byte[] encoded = {(byte) (2 << 1), 1};
    assertThatThrownBy(() -> decodeOurs(1, encoded, 3, 3))
        .isInstanceOf(CorruptPageException.class)
        .hasMessage("a run header ends past the encoded levels");
  }

  @Test
  void read_emptyRuns_throw() {
    assertThatThrownBy(() -> decodeOurs(1, new byte[] {0}, 1, 1))
        .isInstanceOf(CorruptPageException.class)
        .hasMessage("an RLE run of 0 values");
    assertThatThrownBy(() -> decodeOurs(1, new byte[] {1}, 1, 1))
        .isInstanceOf(CorruptPageException.class)
        .hasMessage("a bit-packed run of 0 groups");
  }

  @Test
  void reset_bitWidthAbove32_throws() {
    assertThatThrownBy(() -> new RleDecoder().reset(new byte[1], 0, 1, 33))
        .isInstanceOf(CorruptPageException.class)
        .hasMessage("bit width 33 is not between 0 and 32");
  }

  @Test
  void takeRepeated_takesWholeRleRunsOnly() throws IOException {
    int[] values = new int[40];
    Arrays.fill(values, 0, 20, 1);
    for (int i = 20; i < 40; i++) {
      values[i] = i & 1;
    }
    RleDecoder d = new RleDecoder();
    byte[] encoded = encode(1, values);
    d.reset(encoded, 0, encoded.length, 1);
    assertThat(d.takeRepeated(0, 40)).isZero();
    assertThat(d.takeRepeated(1, 15)).isEqualTo(15);
    assertThat(d.takeRepeated(1, 40)).isEqualTo(5);
    assertThat(d.takeRepeated(1, 40)).isZero(); // a bit-packed run
    int[] rest = new int[20];
    d.read(rest, 0, 20);
    assertThat(rest).containsExactly(Arrays.copyOfRange(values, 20, 40));
  }

  /** Runs of random lengths (1 to 20) of one value, or of distinct values. */
  private static int[] runs(Random random, int width, int n) {
    int[] out = new int[n];
    int i = 0;
    while (i < n) {
      int len = Math.min(n - i, 1 + random.nextInt(20));
      if (random.nextBoolean()) {
        Arrays.fill(out, i, i + len, value(random, width));
      } else {
        for (int j = 0; j < len; j++) {
          out[i + j] = value(random, width);
        }
      }
      i += len;
    }
    return out;
  }

  private static int[] random(Random random, int width, int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = value(random, width);
    }
    return out;
  }

  private static int value(Random random, int width) {
    return random.nextInt() & max(width);
  }

  private static int max(int width) {
    return width == 32 ? -1 : (1 << width) - 1;
  }

  static byte[] encode(int width, int[] values) throws IOException {
    try (RunLengthBitPackingHybridEncoder e =
        new RunLengthBitPackingHybridEncoder(width, 64, 1 << 20, new HeapByteBufferAllocator())) {
      for (int v : values) {
        e.writeInt(v);
      }
      return e.toBytes().toByteArray();
    }
  }

  private static int[] decodeParquetJava(int width, byte[] encoded, int n) throws IOException {
    // parquet-java's varint reader loops forever on read() returning -1: end the bytes with EOF
    ByteArrayInputStream bytes =
        new ByteArrayInputStream(encoded) {
          @Override
          public synchronized int read() {
            if (available() == 0) {
              throw new IllegalStateException("end of the encoded bytes");
            }
            return super.read();
          }
        };
    RunLengthBitPackingHybridDecoder d = new RunLengthBitPackingHybridDecoder(width, bytes);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = d.readInt();
    }
    return out;
  }

  /** Decodes {@code n} values at an offset in a larger array, {@code chunk} values a read. */
  private static int[] decodeOurs(int width, byte[] encoded, int n, int chunk) {
    byte[] page = new byte[encoded.length + 6];
    Arrays.fill(page, (byte) 0xFF); // bytes around the levels must not be read
    System.arraycopy(encoded, 0, page, 3, encoded.length);
    RleDecoder d = new RleDecoder();
    d.reset(page, 3, 3 + encoded.length, width);
    int[] out = new int[n];
    for (int i = 0; i < n; i += chunk) {
      d.read(out, i, Math.min(chunk, n - i));
    }
    return out;
  }
}
