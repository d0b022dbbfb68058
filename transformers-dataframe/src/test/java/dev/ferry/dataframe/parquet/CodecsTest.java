package dev.ferry.dataframe.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Codecs}: round trips, and a page header's decompressed size checked against what the
 * compressed bytes can hold before it is allocated.
 */
class CodecsTest {
  private static final byte[] PAGE =
      "a page of text, a page of text, a page of text".repeat(50).getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(
      value = CompressionCodecName.class,
      names = {"SNAPPY", "ZSTD", "GZIP"})
  void decompress_roundTrip(CompressionCodecName codec) throws IOException {
    byte[] compressed = Codecs.compress(codec, 1, PAGE);
    assertThat(Codecs.decompress(codec, compressed, PAGE.length)).isEqualTo(PAGE);
  }

  @ParameterizedTest
  @EnumSource(
      value = CompressionCodecName.class,
      names = {"SNAPPY", "ZSTD", "GZIP"})
  void decompress_headerSizeBeyondTheCompressedBytes_failsBeforeAllocating(
      CompressionCodecName codec) throws IOException {
    byte[] compressed = Codecs.compress(codec, 1, PAGE);
    assertThatThrownBy(() -> Codecs.decompress(codec, compressed, Integer.MAX_VALUE - 8))
        .isInstanceOf(IOException.class)
        .hasMessage(
            codec
                + " page of "
                + compressed.length
                + " bytes whose header says it decompresses to "
                + (Integer.MAX_VALUE - 8)
                + " bytes");
  }
}
