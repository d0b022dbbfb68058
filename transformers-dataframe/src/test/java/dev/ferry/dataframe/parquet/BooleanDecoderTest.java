package dev.ferry.dataframe.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.plain.BooleanPlainValuesWriter;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridValuesWriter;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link BooleanDecoder} against pages written by parquet-java's PLAIN (bit-packed) and RLE boolean
 * writers: required and optional, data pages V1 and V2, page sizes that are not a multiple of
 * eight, reads in chunks that cut bytes and runs, and pages that end too early.
 */
// parquet-java deprecated BytesInput.toByteArray without a replacement for reading encoder output
@SuppressWarnings("deprecation")
class BooleanDecoderTest {
  private static final int ROWS = 4001;
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void close() {
    allocator.close();
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (boolean v2 : new boolean[] {false, true}) {
      for (boolean rle : new boolean[] {false, true}) {
        for (boolean nullable : new boolean[] {false, true}) {
          out.add(Arguments.of(v2, rle, nullable));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "v2={0} rle={1} nullable={2}")
  @MethodSource("cases")
  void read_pagesWrittenByParquetJava(boolean v2, boolean rle, boolean nullable)
      throws IOException {
    Random r = new Random(11 + (v2 ? 4 : 0) + (rle ? 2 : 0) + (nullable ? 1 : 0));
    Boolean[] expected = new Boolean[ROWS];
    for (int i = 0; i < ROWS; i++) {
      if (i > 0 && r.nextInt(4) != 0) {
        expected[i] = expected[i - 1]; // long runs, so RLE runs occur
      } else {
        expected[i] = nullable && r.nextInt(4) == 0 ? null : r.nextBoolean();
      }
    }
    ColumnDescriptor column =
        TestPages.column(
            (nullable
                    ? Types.optional(PrimitiveTypeName.BOOLEAN)
                    : Types.required(PrimitiveTypeName.BOOLEAN))
                .named("b"));
    List<DataPage> pages = new ArrayList<>();
    int from = 0;
    for (int count : TestPages.split(ROWS, 613)) {
      ValuesWriter w =
          rle
              ? new RunLengthBitPackingHybridValuesWriter(
                  1, 64, 1 << 20, new HeapByteBufferAllocator())
              : new BooleanPlainValuesWriter();
      boolean[] defined = nullable ? new boolean[count] : null;
      for (int i = 0; i < count; i++) {
        Boolean b = expected[from + i];
        if (defined != null) {
          defined[i] = b != null;
        }
        if (b != null) {
          w.writeBoolean(b);
        }
      }
      pages.add(
          TestPages.page(v2, column, defined, count, w.getBytes().toByteArray(), w.getEncoding()));
      from += count;
    }
    try (BitVector v = new BitVector("b", allocator)) {
      TestPages.decode(
          new BooleanDecoder(v, column, TestPages.FILE), new TestPages(null, pages), v, 77);
      for (int i = 0; i < ROWS; i++) {
        if (expected[i] == null) {
          assertThat(v.isNull(i)).as("row %d", i).isTrue();
        } else {
          assertThat(v.getObject(i)).as("row %d", i).isEqualTo(expected[i]);
        }
      }
    }
  }

  @Test
  void read_plainPageEndingEarly_namesTheFileAndColumn() throws IOException {
    BooleanPlainValuesWriter w = new BooleanPlainValuesWriter();
    for (int i = 0; i < 20; i++) {
      w.writeBoolean(i % 3 == 0);
    }
    byte[] bytes = w.getBytes().toByteArray();
    ColumnDescriptor column =
        TestPages.column(Types.required(PrimitiveTypeName.BOOLEAN).named("b"));
    TestPages pages =
        new TestPages(
            null,
            List.of(
                TestPages.page(false, column, null, 20, Arrays.copyOf(bytes, 2), Encoding.PLAIN)));
    try (BitVector v = new BitVector("b", allocator)) {
      assertThatThrownBy(
              () -> TestPages.decode(new BooleanDecoder(v, column, TestPages.FILE), pages, v, 20))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "cannot decode a parquet page of column 'b' in memory://bucket/data/00000:"
                  + " the page ends inside 20 PLAIN booleans");
    }
  }
}
