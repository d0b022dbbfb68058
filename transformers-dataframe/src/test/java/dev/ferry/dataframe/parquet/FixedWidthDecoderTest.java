package dev.ferry.dataframe.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FixedWidthDecoder} (and the dictionary handling of {@link DictionaryColumnDecoder})
 * against pages written by parquet-java's PLAIN and dictionary writers: INT32 as 1, 2 and 4 bytes,
 * INT64, FLOAT, DOUBLE, timestamps converted from millis and nanos; required and optional columns;
 * data pages V1 and V2; several pages read in chunks that cut them; dictionary indices of every bit
 * width from 0 to 32; and pages that end too early.
 */
@SuppressWarnings("deprecation") // PLAIN_DICTIONARY: what data page V1 writers declare
class FixedWidthDecoderTest {
  private static final long SEED = 42L;
  private static final int ROWS = 2500;
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void close() {
    allocator.close();
  }

  /** One column type: its Parquet type, its vector, its decoder's width and conversion. */
  enum Kind {
    INT8(PrimitiveTypeName.INT32, LogicalTypeAnnotation.intType(8, true), 1),
    INT16(PrimitiveTypeName.INT32, LogicalTypeAnnotation.intType(16, true), 2),
    INT32(PrimitiveTypeName.INT32, null, 4),
    INT64(PrimitiveTypeName.INT64, null, 8),
    FLOAT(PrimitiveTypeName.FLOAT, null, 4),
    DOUBLE(PrimitiveTypeName.DOUBLE, null, 8),
    MILLIS(
        PrimitiveTypeName.INT64,
        LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS),
        8),
    NANOS(
        PrimitiveTypeName.INT64,
        LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.NANOS),
        8);

    final PrimitiveTypeName physical;
    final @Nullable LogicalTypeAnnotation logical;
    final int width;

    Kind(PrimitiveTypeName physical, @Nullable LogicalTypeAnnotation logical, int width) {
      this.physical = physical;
      this.logical = logical;
      this.width = width;
    }

    PrimitiveType type(boolean nullable) {
      return Types.primitive(
              physical,
              nullable
                  ? org.apache.parquet.schema.Type.Repetition.OPTIONAL
                  : org.apache.parquet.schema.Type.Repetition.REQUIRED)
          .as(logical)
          .named("c");
    }

    FixedWidthDecoder.Conversion conversion() {
      return switch (this) {
        case MILLIS -> FixedWidthDecoder.Conversion.TIMES_1000;
        case NANOS -> FixedWidthDecoder.Conversion.DIV_1000;
        default -> FixedWidthDecoder.Conversion.NONE;
      };
    }

    FieldVector vector(BufferAllocator a) {
      return switch (this) {
        case INT8 -> new TinyIntVector("c", a);
        case INT16 -> new SmallIntVector("c", a);
        case INT32 -> new IntVector("c", a);
        case INT64 -> new BigIntVector("c", a);
        case FLOAT -> new Float4Vector("c", a);
        case DOUBLE -> new Float8Vector("c", a);
        case MILLIS, NANOS ->
            new TimeStampMicroVector(
                "c",
                org.apache.arrow.vector.types.pojo.FieldType.nullable(
                    new org.apache.arrow.vector.types.pojo.ArrowType.Timestamp(
                        org.apache.arrow.vector.types.TimeUnit.MICROSECOND, null)),
                a);
      };
    }

    /** Returns a random physical value of this kind. */
    long random(Random r) {
      return switch (this) {
        case INT8 -> (byte) r.nextInt();
        case INT16 -> (short) r.nextInt();
        case INT32 -> r.nextInt();
        case INT64 -> r.nextLong();
        case FLOAT -> Float.floatToRawIntBits((r.nextFloat() - 0.5f) * 1e6f);
        case DOUBLE -> Double.doubleToRawLongBits((r.nextDouble() - 0.5) * 1e12);
        case MILLIS -> r.nextLong() % 4_000_000_000_000L;
        case NANOS -> r.nextLong();
      };
    }

    /** Returns what the vector holds for a physical value, as long bits. */
    long expected(long raw) {
      return switch (this) {
        case MILLIS -> raw * 1000;
        case NANOS -> Math.floorDiv(raw, 1000L);
        default -> raw;
      };
    }

    /** Returns the value in row {@code i} of the vector, as long bits. */
    long get(FieldVector v, int i) {
      return switch (this) {
        case INT8 -> ((TinyIntVector) v).get(i);
        case INT16 -> ((SmallIntVector) v).get(i);
        case INT32 -> ((IntVector) v).get(i);
        case INT64 -> ((BigIntVector) v).get(i);
        case FLOAT -> Float.floatToRawIntBits(((Float4Vector) v).get(i));
        case DOUBLE -> Double.doubleToRawLongBits(((Float8Vector) v).get(i));
        case MILLIS, NANOS -> ((TimeStampMicroVector) v).get(i);
      };
    }

    void write(ValuesWriter w, long raw) {
      switch (this) {
        case INT64, MILLIS, NANOS -> w.writeLong(raw);
        case FLOAT -> w.writeFloat(Float.intBitsToFloat((int) raw));
        case DOUBLE -> w.writeDouble(Double.longBitsToDouble(raw));
        default -> w.writeInteger((int) raw);
      }
    }

    DictionaryValuesWriter dictionaryWriter(boolean v2) {
      Encoding data = v2 ? Encoding.RLE_DICTIONARY : Encoding.PLAIN_DICTIONARY;
      Encoding dict = v2 ? Encoding.PLAIN : Encoding.PLAIN_DICTIONARY;
      HeapByteBufferAllocator heap = new HeapByteBufferAllocator();
      return switch (this) {
        case INT64, MILLIS, NANOS ->
            new DictionaryValuesWriter.PlainLongDictionaryValuesWriter(1 << 20, data, dict, heap);
        case FLOAT ->
            new DictionaryValuesWriter.PlainFloatDictionaryValuesWriter(1 << 20, data, dict, heap);
        case DOUBLE ->
            new DictionaryValuesWriter.PlainDoubleDictionaryValuesWriter(1 << 20, data, dict, heap);
        default ->
            new DictionaryValuesWriter.PlainIntegerDictionaryValuesWriter(
                1 << 20, data, dict, heap);
      };
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Kind k : Kind.values()) {
      for (boolean v2 : new boolean[] {false, true}) {
        for (boolean dictionary : new boolean[] {false, true}) {
          for (boolean nullable : new boolean[] {false, true}) {
            out.add(Arguments.of(k, v2, dictionary, nullable));
          }
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} v2={1} dictionary={2} nullable={3}")
  @MethodSource("cases")
  void read_pagesWrittenByParquetJava(Kind kind, boolean v2, boolean dictionary, boolean nullable)
      throws IOException {
    Random r = new Random(SEED + kind.ordinal() * 8L + (v2 ? 4 : 0) + (dictionary ? 2 : 0));
    long[] pool = r.longs(37).map(x -> kind.random(new Random(x))).toArray();
    Long[] expected = new Long[ROWS];
    for (int i = 0; i < ROWS; i++) {
      boolean isNull = nullable && r.nextInt(5) == 0;
      // runs of equal values and of nulls, so RLE runs and bit-packed runs both occur
      if (i > 0 && r.nextInt(3) == 0) {
        expected[i] = expected[i - 1];
      } else {
        expected[i] = isNull ? null : dictionary ? pool[r.nextInt(pool.length)] : kind.random(r);
      }
    }
    ColumnDescriptor column = TestPages.column(kind.type(nullable));
    TestPages pages = pages(kind, column, expected, v2, dictionary, nullable);
    try (FieldVector v = kind.vector(allocator)) {
      FixedWidthDecoder d =
          new FixedWidthDecoder(v, column, TestPages.FILE, kind.width, kind.conversion());
      TestPages.decode(d, pages, v, 333);
      for (int i = 0; i < ROWS; i++) {
        if (expected[i] == null) {
          assertThat(v.isNull(i)).as("row %d", i).isTrue();
        } else {
          assertThat(v.isNull(i)).as("row %d", i).isFalse();
          assertThat(kind.get(v, i)).as("row %d", i).isEqualTo(kind.expected(expected[i]));
        }
      }
    }
  }

  static Stream<Arguments> widths() {
    return IntStream.rangeClosed(0, 32).mapToObj(Arguments::of);
  }

  @ParameterizedTest(name = "width {0}")
  @MethodSource("widths")
  void read_dictionaryIndicesOfEveryBitWidth(int width) throws IOException {
    int size = width == 0 ? 1 : Math.min(1 << Math.min(width, 10), 1000);
    PlainValuesWriter dict = new PlainValuesWriter(64, 1 << 20, new HeapByteBufferAllocator());
    for (int i = 0; i < size; i++) {
      dict.writeLong(i * 7L - 3);
    }
    Random r = new Random(SEED + width);
    int[] indices = new int[1000];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = i > 0 && r.nextInt(4) == 0 ? indices[i - 1] : r.nextInt(size);
    }
    byte[] encoded = RleDecoderTest.encode(width, indices);
    byte[] page = new byte[encoded.length + 1];
    page[0] = (byte) width;
    System.arraycopy(encoded, 0, page, 1, encoded.length);
    ColumnDescriptor column = TestPages.column(Kind.INT64.type(false));
    for (boolean v2 : new boolean[] {false, true}) {
      TestPages pages =
          new TestPages(
              new DictionaryPage(dict.getBytes(), size, Encoding.PLAIN),
              List.of(
                  TestPages.page(
                      v2,
                      column,
                      null,
                      indices.length,
                      page,
                      v2 ? Encoding.RLE_DICTIONARY : Encoding.PLAIN_DICTIONARY)));
      try (BigIntVector v = new BigIntVector("c", allocator)) {
        FixedWidthDecoder d =
            new FixedWidthDecoder(v, column, TestPages.FILE, 8, FixedWidthDecoder.Conversion.NONE);
        TestPages.decode(d, pages, v, 101);
        for (int i = 0; i < indices.length; i++) {
          assertThat(v.get(i)).as("row %d", i).isEqualTo(indices[i] * 7L - 3);
        }
      }
    }
  }

  @Test
  void read_indexPastTheDictionary_namesTheFileAndColumn() throws IOException {
    PlainValuesWriter dict = new PlainValuesWriter(64, 1 << 20, new HeapByteBufferAllocator());
    dict.writeLong(1);
    dict.writeLong(2);
    byte[] encoded = RleDecoderTest.encode(2, new int[] {0, 1, 3});
    byte[] page = new byte[encoded.length + 1];
    page[0] = 2;
    System.arraycopy(encoded, 0, page, 1, encoded.length);
    ColumnDescriptor column = TestPages.column(Kind.INT64.type(false));
    TestPages pages =
        new TestPages(
            new DictionaryPage(dict.getBytes(), 2, Encoding.PLAIN),
            List.of(TestPages.page(false, column, null, 3, page, Encoding.PLAIN_DICTIONARY)));
    try (BigIntVector v = new BigIntVector("c", allocator)) {
      FixedWidthDecoder d =
          new FixedWidthDecoder(v, column, TestPages.FILE, 8, FixedWidthDecoder.Conversion.NONE);
      assertThatThrownBy(() -> TestPages.decode(d, pages, v, 3))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "cannot decode a parquet page of column 'c' in memory://bucket/data/00000:"
                  + " dictionary index 3 of a dictionary of 2 values");
    }
  }

  @Test
  void read_plainPageEndingEarly_namesTheFileAndColumn() throws IOException {
    PlainValuesWriter w = new PlainValuesWriter(64, 1 << 20, new HeapByteBufferAllocator());
    for (int i = 0; i < 10; i++) {
      w.writeInteger(i);
    }
    byte[] bytes = w.getBytes().toByteArray();
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
    ColumnDescriptor column = TestPages.column(Kind.INT32.type(false));
    TestPages pages =
        new TestPages(null, List.of(TestPages.page(true, column, null, 10, cut, Encoding.PLAIN)));
    try (IntVector v = new IntVector("c", allocator)) {
      FixedWidthDecoder d =
          new FixedWidthDecoder(v, column, TestPages.FILE, 4, FixedWidthDecoder.Conversion.NONE);
      assertThatThrownBy(() -> TestPages.decode(d, pages, v, 10))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "cannot decode a parquet page of column 'c' in memory://bucket/data/00000:"
                  + " the page ends 37 bytes into 10 PLAIN values");
    }
  }

  private static TestPages pages(
      Kind kind,
      ColumnDescriptor column,
      Long[] values,
      boolean v2,
      boolean dictionary,
      boolean nullable)
      throws IOException {
    List<DataPage> out = new ArrayList<>();
    DictionaryValuesWriter dict = dictionary ? kind.dictionaryWriter(v2) : null;
    int from = 0;
    for (int count : TestPages.split(values.length, 700)) {
      ValuesWriter w =
          dict != null ? dict : new PlainValuesWriter(64, 1 << 20, new HeapByteBufferAllocator());
      boolean[] defined = nullable ? new boolean[count] : null;
      for (int i = 0; i < count; i++) {
        Long x = values[from + i];
        if (defined != null) {
          defined[i] = x != null;
        }
        if (x != null) {
          kind.write(w, x);
        }
      }
      BytesInput bytes = w.getBytes();
      out.add(TestPages.page(v2, column, defined, count, bytes.toByteArray(), w.getEncoding()));
      w.reset();
      from += count;
    }
    return new TestPages(dict == null ? null : dict.toDictPageAndClose(), out);
  }
}
