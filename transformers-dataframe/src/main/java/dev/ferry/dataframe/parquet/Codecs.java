package dev.ferry.dataframe.parquet;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet page compression without Hadoop: SNAPPY (snappy-java), ZSTD (zstd-jni, at a chosen
 * level), GZIP (the JDK) and UNCOMPRESSED. parquet-java's own factory loads Hadoop's codec classes
 * even for uncompressed pages, so Ferry never uses it. Stateless and thread-safe.
 */
final class Codecs implements CompressionCodecFactory {
  private final int zstdLevel;

  Codecs(int zstdLevel) {
    this.zstdLevel = zstdLevel;
  }

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
    return new Compressor(check(codecName), zstdLevel);
  }

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codecName, int level) {
    return new Compressor(check(codecName), codecName == CompressionCodecName.ZSTD ? level : 0);
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
    return new Decompressor(check(codecName));
  }

  @Override
  public void release() {}

  private static CompressionCodecName check(CompressionCodecName codec) {
    switch (codec) {
      case UNCOMPRESSED, SNAPPY, ZSTD, GZIP:
        return codec;
      default:
        throw new UnsupportedOperationException(
            "parquet codec "
                + codec
                + " is not supported: Ferry reads and writes SNAPPY, ZSTD, GZIP and UNCOMPRESSED");
    }
  }

  static byte[] compress(CompressionCodecName codec, int zstdLevel, byte[] in) throws IOException {
    switch (codec) {
      case SNAPPY:
        {
          byte[] out = new byte[Snappy.maxCompressedLength(in.length)];
          int n = Snappy.compress(in, 0, in.length, out, 0);
          return n == out.length ? out : java.util.Arrays.copyOf(out, n);
        }
      case ZSTD:
        return Zstd.compress(in, zstdLevel);
      case GZIP:
        {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream(in.length / 2 + 64);
          try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(in);
          }
          return bytes.toByteArray();
        }
      default:
        return in;
    }
  }

  static byte[] decompress(CompressionCodecName codec, byte[] in, int size) throws IOException {
    checkDeclaredSize(codec, in, size);
    switch (codec) {
      case SNAPPY:
        {
          byte[] out = new byte[size];
          int n = Snappy.uncompress(in, 0, in.length, out, 0);
          return checkSize(codec, n, size, out);
        }
      case ZSTD:
        {
          byte[] out = new byte[size];
          long n = Zstd.decompress(out, in);
          if (Zstd.isError(n)) {
            throw new IOException("zstd: " + Zstd.getErrorName(n));
          }
          return checkSize(codec, (int) n, size, out);
        }
      case GZIP:
        {
          byte[] out = new byte[size];
          try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(in))) {
            int n = gz.readNBytes(out, 0, size);
            return checkSize(codec, n, size, out);
          }
        }
      default:
        return in;
    }
  }

  /**
   * Checks the page header's decompressed size against what the compressed bytes can hold before it
   * is allocated: snappy states its length, a zstd frame usually states its content size (more
   * frames may follow, each at most 32,768 times its size), and deflate expands at most 1,032
   * times.
   */
  static void checkDeclaredSize(CompressionCodecName codec, byte[] in, int size)
      throws IOException {
    long max =
        switch (codec) {
          case SNAPPY -> Snappy.uncompressedLength(in);
          case ZSTD -> {
            long frame = in.length == 0 ? -1 : Zstd.getFrameContentSize(in);
            yield frame == size ? size : in.length * 32_768L + 65_536;
          }
          case GZIP -> in.length * 1_032L + 1_024;
          default -> size;
        };
    if (size < 0 || size > max || (codec == CompressionCodecName.SNAPPY && size != max)) {
      throw new IOException(
          codec
              + " page of "
              + in.length
              + " bytes whose header says it decompresses to "
              + size
              + " bytes");
    }
  }

  private static byte[] checkSize(CompressionCodecName codec, int n, int size, byte[] out)
      throws IOException {
    if (n != size) {
      throw new IOException(
          codec + " page decompressed to " + n + " bytes but its header says " + size);
    }
    return out;
  }

  /**
   * Compresses pages into a buffer it reuses, as parquet-java's own compressors do: the page writer
   * copies the result before the next page. One per writer; not thread-safe.
   */
  private static final class Compressor implements BytesInputCompressor {
    private final CompressionCodecName codec;
    private final int level;
    private final Input input = new Input();
    private byte[] out = new byte[0];

    Compressor(CompressionCodecName codec, int level) {
      this.codec = codec;
      this.level = level;
    }

    @Override
    @SuppressWarnings("deprecation") // toByteArray: ZSTD and GZIP copy the page once either way
    public BytesInput compress(BytesInput bytes) throws IOException {
      if (codec == CompressionCodecName.UNCOMPRESSED) {
        return bytes;
      }
      if (codec != CompressionCodecName.SNAPPY) {
        return BytesInput.from(Codecs.compress(codec, level, bytes.toByteArray()));
      }
      input.reset();
      bytes.writeAllTo(input);
      int max = Snappy.maxCompressedLength(input.size());
      if (out.length < max) {
        out = new byte[max];
      }
      int n = Snappy.compress(input.bytes(), 0, input.size(), out, 0);
      return BytesInput.from(out, 0, n);
    }

    @Override
    public CompressionCodecName getCodecName() {
      return codec;
    }

    @Override
    public void release() {}
  }

  /** A byte array output stream whose array is read in place. */
  private static final class Input extends ByteArrayOutputStream {
    Input() {
      super(64 * 1024);
    }

    byte[] bytes() {
      return buf;
    }
  }

  private record Decompressor(CompressionCodecName codec) implements BytesInputDecompressor {
    @Override
    @SuppressWarnings("deprecation") // toByteArray: the page is copied once either way
    public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
      if (codec == CompressionCodecName.UNCOMPRESSED) {
        return bytes;
      }
      return BytesInput.from(Codecs.decompress(codec, bytes.toByteArray(), decompressedSize));
    }

    @Override
    public void decompress(
        ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
        throws IOException {
      byte[] in = new byte[compressedSize];
      input.get(in);
      output.put(Codecs.decompress(codec, in, decompressedSize), 0, decompressedSize);
    }

    @Override
    public void release() {}
  }
}
