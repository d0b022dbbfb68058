package dev.ferry.dataframe.parquet;

import java.lang.reflect.Constructor;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetMetricsCallback;

/**
 * Parquet read options made without Hadoop. {@code ParquetReadOptions.Builder}'s constructor always
 * creates parquet-java's Hadoop codec factory (which loads Hadoop's zlib classes) before a custom
 * one can be set, so the options are created through their full constructor instead, with the
 * builder's defaults and Ferry's {@link Codecs}. The constructor is package-private in parquet-java
 * 1.18; a change of its signature fails here, at the first read, with this class named.
 */
final class ReadOptions {
  private static final int MAX_ALLOCATION = 8 * 1024 * 1024;
  private static final Constructor<ParquetReadOptions> CONSTRUCTOR = constructor();

  private ReadOptions() {}

  private static Constructor<ParquetReadOptions> constructor() {
    try {
      Constructor<ParquetReadOptions> c =
          ParquetReadOptions.class.getDeclaredConstructor(
              boolean.class,
              boolean.class,
              boolean.class,
              boolean.class,
              boolean.class,
              boolean.class,
              boolean.class,
              boolean.class,
              boolean.class,
              FilterCompat.Filter.class,
              ParquetMetadataConverter.MetadataFilter.class,
              CompressionCodecFactory.class,
              ByteBufferAllocator.class,
              int.class,
              Map.class,
              FileDecryptionProperties.class,
              ParquetMetricsCallback.class,
              ParquetConfiguration.class);
      c.setAccessible(true);
      return c;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "this parquet-java version has no ParquetReadOptions constructor Ferry knows: "
              + "update dev.ferry.dataframe.parquet.ReadOptions",
          e);
    }
  }

  /** Returns the options Ferry reads with: the builder's defaults, Ferry's codecs, heap buffers. */
  static ParquetReadOptions create() {
    try {
      return CONSTRUCTOR.newInstance(
          false, // useSignedStringMinMax
          true, // useStatsFilter
          true, // useDictionaryFilter
          true, // useRecordFilter
          true, // useColumnIndexFilter
          false, // usePageChecksumVerification
          true, // useBloomFilter
          false, // useOffHeapDecryptBuffer
          false, // useHadoopVectoredIo
          FilterCompat.NOOP,
          ParquetMetadataConverter.NO_FILTER,
          new Codecs(1),
          new HeapByteBufferAllocator(),
          MAX_ALLOCATION,
          Map.of(),
          null,
          null,
          new PlainParquetConfiguration());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create parquet read options", e);
    }
  }
}
