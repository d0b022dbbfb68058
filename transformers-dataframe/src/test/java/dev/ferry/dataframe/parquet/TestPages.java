package dev.ferry.dataframe.parquet;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.jspecify.annotations.Nullable;

/**
 * A column chunk in memory built from values encoded by parquet-java's own writers, as data pages
 * V1 (levels with a length prefix before the values) or V2 (levels apart, no prefix), for the unit
 * tests of the page decoders; and the loop that decodes it into a vector as {@link
 * VectorizedReader} does.
 */
// parquet-java deprecated BytesInput.toByteArray without a replacement for reading encoder output
@SuppressWarnings("deprecation")
final class TestPages implements PageReader {
  static final URI FILE = URI.create("memory://bucket/data/00000");

  private final @Nullable DictionaryPage dictionary;
  private final Deque<DataPage> pages;
  private final long values;

  TestPages(@Nullable DictionaryPage dictionary, List<DataPage> pages) {
    this.dictionary = dictionary;
    this.pages = new ArrayDeque<>(pages);
    this.values = pages.stream().mapToLong(DataPage::getValueCount).sum();
  }

  @Override
  public @Nullable DictionaryPage readDictionaryPage() {
    return dictionary;
  }

  @Override
  public long getTotalValueCount() {
    return values;
  }

  @Override
  public @Nullable DataPage readPage() {
    return pages.poll();
  }

  /** Returns the descriptor of a flat column of {@code type}, optional when {@code nullable}. */
  static ColumnDescriptor column(PrimitiveType type) {
    int maxDef = type.isRepetition(Type.Repetition.OPTIONAL) ? 1 : 0;
    return new ColumnDescriptor(new String[] {type.getName()}, type, 0, maxDef);
  }

  /** Returns the definition levels of {@code defined} (1 defined, 0 null), RLE-encoded. */
  static byte[] levels(boolean[] defined) throws IOException {
    try (RunLengthBitPackingHybridEncoder e =
        new RunLengthBitPackingHybridEncoder(1, 64, 1 << 20, new HeapByteBufferAllocator())) {
      for (boolean d : defined) {
        e.writeInt(d ? 1 : 0);
      }
      return e.toBytes().toByteArray();
    }
  }

  /**
   * Returns a data page of the values {@code values} (only the defined ones encoded) in {@code
   * encoding}; {@code defined} is null for a required column.
   */
  static DataPage page(
      boolean v2,
      ColumnDescriptor column,
      boolean @Nullable [] defined,
      int count,
      byte[] values,
      Encoding encoding)
      throws IOException {
    Statistics<?> stats = Statistics.createStats(column.getPrimitiveType());
    int nulls = 0;
    if (defined != null) {
      for (boolean d : defined) {
        nulls += d ? 0 : 1;
      }
    }
    if (v2) {
      BytesInput levels = defined == null ? BytesInput.empty() : BytesInput.from(levels(defined));
      return DataPageV2.uncompressed(
          count,
          nulls,
          count,
          BytesInput.empty(),
          levels,
          encoding,
          BytesInput.from(values),
          stats);
    }
    BytesInput body =
        defined == null
            ? BytesInput.from(values)
            : BytesInput.concat(
                BytesInput.fromInt(levels(defined).length),
                BytesInput.from(levels(defined)),
                BytesInput.from(values));
    byte[] bytes = body.toByteArray();
    return new DataPageV1(
        BytesInput.from(bytes), count, bytes.length, stats, Encoding.RLE, Encoding.RLE, encoding);
  }

  /**
   * Decodes the whole chunk into {@code vector} with {@code decoder}, {@code chunk} rows a read (so
   * reads cut pages and runs), and sets the value count.
   */
  static void decode(ColumnDecoder decoder, PageReader pages, FieldVector vector, int chunk)
      throws IOException {
    int n = (int) pages.getTotalValueCount();
    decoder.startRowGroup(pages);
    vector.setInitialCapacity(n);
    vector.allocateNew();
    decoder.startBatch();
    for (int row = 0; row < n; row += chunk) {
      decoder.read(row, Math.min(chunk, n - row));
    }
    decoder.endBatch(n);
    vector.setValueCount(n);
  }

  /** Splits {@code n} rows into pages of at most {@code size} rows: their row counts. */
  static List<Integer> split(int n, int size) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i += size) {
      out.add(Math.min(size, n - i));
    }
    return out;
  }
}
