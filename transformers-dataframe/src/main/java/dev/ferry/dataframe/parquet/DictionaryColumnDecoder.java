package dev.ferry.dataframe.parquet;

import java.net.URI;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.values.ValuesReader;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ColumnDecoder} of a physical type that may be dictionary-encoded: it tracks whether the
 * row group has a dictionary, whether the current page holds dictionary indices (read through
 * {@link #indices} in chunks of {@link #indexChunk}), PLAIN values (the subclass reads {@link
 * #page} itself) or another encoding (through parquet-java's {@link #other} reader).
 */
abstract class DictionaryColumnDecoder extends ColumnDecoder {
  /** How many dictionary indices are decoded at a time. */
  static final int INDEX_CHUNK = 1024;

  final RleDecoder indices = new RleDecoder();
  final int[] indexChunk = new int[INDEX_CHUNK];
  boolean dictionaryPage;
  @Nullable ValuesReader other;
  private boolean hasDictionary;

  DictionaryColumnDecoder(FieldVector vector, ColumnDescriptor descriptor, URI uri) {
    super(vector, descriptor, uri);
  }

  /** Records that the row group's dictionary was read; {@link #readDictionary} calls it. */
  final void dictionaryRead() {
    hasDictionary = true;
  }

  @Override
  final void noDictionary() {
    hasDictionary = false;
  }

  @Override
  final void startDictionaryPage() {
    if (!hasDictionary) {
      throw new CorruptPageException(
          "a dictionary-encoded page in a column chunk without dictionary");
    }
    int bits = indexBitWidth();
    indices.reset(page, pos, end, bits);
    dictionaryPage = true;
    other = null;
  }

  @Override
  final void startPage(Encoding encoding, int count) {
    dictionaryPage = false;
    other = encoding == Encoding.PLAIN ? null : valuesReader(encoding, count);
  }
}
