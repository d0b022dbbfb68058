package dev.ferry.dataframe.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link BinaryDecoder} against pages written by parquet-java's PLAIN and dictionary writers:
 * strings (empty, ASCII, multi-byte, long enough to grow the buffers) and binary, required and
 * optional, data pages V1 and V2, several pages read in chunks that cut them, and PLAIN values
 * whose length runs past the page.
 */
@SuppressWarnings("deprecation") // PLAIN_DICTIONARY: what data page V1 writers declare
class BinaryDecoderTest {
  private static final int ROWS = 3000;
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void close() {
    allocator.close();
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (boolean v2 : new boolean[] {false, true}) {
      for (boolean dictionary : new boolean[] {false, true}) {
        for (boolean nullable : new boolean[] {false, true}) {
          out.add(Arguments.of(v2, dictionary, nullable));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "v2={0} dictionary={1} nullable={2}")
  @MethodSource("cases")
  void read_stringPagesWrittenByParquetJava(boolean v2, boolean dictionary, boolean nullable)
      throws IOException {
    Random r = new Random(7 + (v2 ? 4 : 0) + (dictionary ? 2 : 0) + (nullable ? 1 : 0));
    String[] pool = new String[50];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = string(r);
    }
    String[] expected = new String[ROWS];
    for (int i = 0; i < ROWS; i++) {
      if (i > 0 && r.nextInt(3) == 0) {
        expected[i] = expected[i - 1];
      } else if (nullable && r.nextInt(5) == 0) {
        expected[i] = null;
      } else {
        expected[i] = dictionary ? pool[r.nextInt(pool.length)] : string(r);
      }
    }
    PrimitiveType type =
        Types.primitive(
                PrimitiveTypeName.BINARY,
                nullable ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED)
            .as(LogicalTypeAnnotation.stringType())
            .named("s");
    ColumnDescriptor column = TestPages.column(type);
    TestPages pages = pages(column, expected, v2, dictionary, nullable);
    try (VarCharVector v = new VarCharVector("s", allocator)) {
      TestPages.decode(new BinaryDecoder(v, column, TestPages.FILE), pages, v, 401);
      for (int i = 0; i < ROWS; i++) {
        if (expected[i] == null) {
          assertThat(v.isNull(i)).as("row %d", i).isTrue();
        } else {
          assertThat(v.getObject(i)).as("row %d", i).hasToString(expected[i]);
        }
      }
    }
  }

  @Test
  void read_binaryWithEveryByteValue() throws IOException {
    byte[][] values = new byte[256][];
    for (int i = 0; i < values.length; i++) {
      values[i] = new byte[i % 17];
      Arrays.fill(values[i], (byte) i);
    }
    PlainValuesWriter w = new PlainValuesWriter(64, 1 << 20, new HeapByteBufferAllocator());
    for (byte[] b : values) {
      w.writeBytes(Binary.fromConstantByteArray(b));
    }
    ColumnDescriptor column = TestPages.column(Types.required(PrimitiveTypeName.BINARY).named("b"));
    TestPages pages =
        new TestPages(
            null,
            List.of(
                TestPages.page(
                    false,
                    column,
                    null,
                    values.length,
                    w.getBytes().toByteArray(),
                    Encoding.PLAIN)));
    try (VarBinaryVector v = new VarBinaryVector("b", allocator)) {
      TestPages.decode(new BinaryDecoder(v, column, TestPages.FILE), pages, v, 100);
      for (int i = 0; i < values.length; i++) {
        assertThat(v.get(i)).as("row %d", i).isEqualTo(values[i]);
      }
    }
  }

  @Test
  void read_lengthPastThePage_namesTheFileAndColumn() throws IOException {
    PlainValuesWriter w = new PlainValuesWriter(64, 1 << 20, new HeapByteBufferAllocator());
    w.writeBytes(Binary.fromString("abc"));
    w.writeBytes(Binary.fromString("defgh"));
    byte[] bytes = w.getBytes().toByteArray();
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 2);
    ColumnDescriptor column = TestPages.column(Types.required(PrimitiveTypeName.BINARY).named("b"));
    TestPages pages =
        new TestPages(null, List.of(TestPages.page(true, column, null, 2, cut, Encoding.PLAIN)));
    try (VarBinaryVector v = new VarBinaryVector("b", allocator)) {
      assertThatThrownBy(
              () -> TestPages.decode(new BinaryDecoder(v, column, TestPages.FILE), pages, v, 2))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "cannot decode a parquet page of column 'b' in memory://bucket/data/00000:"
                  + " a PLAIN value of 5 bytes where 3 are left");
    }
  }

  private static String string(Random r) {
    int kind = r.nextInt(10);
    if (kind == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    int len = kind == 1 ? 70_000 : r.nextInt(40);
    for (int i = 0; i < len; i++) {
      sb.append(kind == 2 ? (char) ('é' + r.nextInt(400)) : (char) ('a' + r.nextInt(26)));
    }
    return sb.toString();
  }

  private static TestPages pages(
      ColumnDescriptor column, String[] values, boolean v2, boolean dictionary, boolean nullable)
      throws IOException {
    List<DataPage> out = new ArrayList<>();
    DictionaryValuesWriter dict =
        dictionary
            ? new DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter(
                1 << 24,
                v2 ? Encoding.RLE_DICTIONARY : Encoding.PLAIN_DICTIONARY,
                v2 ? Encoding.PLAIN : Encoding.PLAIN_DICTIONARY,
                new HeapByteBufferAllocator())
            : null;
    int from = 0;
    for (int count : TestPages.split(values.length, 900)) {
      ValuesWriter w =
          dict != null ? dict : new PlainValuesWriter(64, 1 << 20, new HeapByteBufferAllocator());
      boolean[] defined = nullable ? new boolean[count] : null;
      for (int i = 0; i < count; i++) {
        String s = values[from + i];
        if (defined != null) {
          defined[i] = s != null;
        }
        if (s != null) {
          w.writeBytes(Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8)));
        }
      }
      out.add(
          TestPages.page(v2, column, defined, count, w.getBytes().toByteArray(), w.getEncoding()));
      w.reset();
      from += count;
    }
    return new TestPages(dict == null ? null : dict.toDictPageAndClose(), out);
  }
}
