package dev.ferry.dataframe.parquet;

import dev.ferry.blob.BlobStore;
import dev.ferry.dataframe.CorruptDatasetException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.schema.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * Opens Parquet files and reads their row groups so that bytes that do not decode come out as a
 * {@link CorruptDatasetException} naming the file and the footer or row group, and nothing is
 * allocated for a column chunk the file cannot hold: the offset and size of every column chunk in
 * the footer are checked against the file's length before a row group is read (parquet-java
 * allocates a chunk's buffers from its footer size).
 *
 * <p>Hadoop stays off the class path: parquet-java's {@code ParquetFileReader$Chunk.readAllPages}
 * builds its error message for a chunk whose pages hold more values than its footer says with
 * {@code ParquetFileReader.getPath()}, which creates an {@code org.apache.hadoop.fs.Path}. Short of
 * re-implementing the chunk reader, that path cannot be avoided in front of corrupt bytes, so the
 * {@link NoClassDefFoundError} it raises is taken for what it reports: a chunk whose page headers
 * contradict its metadata.
 */
final class ParquetFiles {
  static final String FORMAT = "parquet";

  private ParquetFiles() {}

  /** An open file: parquet-java's reader and the file it reads. */
  record Opened(ParquetFileReader reader, BlobInputFile file) {}

  /** Returns a reader of the file at {@code uri}, its footer read and its chunks checked. */
  static ParquetFileReader open(BlobStore store, URI uri) throws IOException {
    return openFile(store, uri).reader();
  }

  /** Returns a reader of the file at {@code uri} and the file, its footer read and checked. */
  static Opened openFile(BlobStore store, URI uri) throws IOException {
    BlobInputFile file = BlobInputFile.open(store, uri);
    ParquetFileReader reader;
    try {
      reader = ParquetFileReader.open(file, ReadOptions.create());
    } catch (IOException | RuntimeException | LinkageError e) {
      throw CorruptDatasetException.of(FORMAT, uri, "footer", e);
    }
    try {
      check(reader, uri, file.getLength());
      return new Opened(reader, file);
    } catch (RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  private static void check(ParquetFileReader reader, URI uri, long length) throws IOException {
    int g = 0;
    for (BlockMetaData b : reader.getRowGroups()) {
      String where = "row group " + g;
      try {
        if (b.getRowCount() < 0) {
          throw new CorruptDatasetException(
              FORMAT, uri, where, "a row count of " + b.getRowCount(), null);
        }
        for (ColumnChunkMetaData c : b.getColumns()) {
          long start = c.getStartingPos();
          long size = c.getTotalSize();
          // the data lies between the leading magic and the footer length and trailing magic
          if (start < 4 || size < 0 || start > length - 8 || size > length - 8 - start) {
            throw new CorruptDatasetException(
                FORMAT,
                uri,
                where,
                "column '"
                    + c.getPath().toDotString()
                    + "' is "
                    + size
                    + " bytes at offset "
                    + start
                    + " of a "
                    + length
                    + "-byte file",
                null);
          }
        }
      } catch (RuntimeException e) {
        throw CorruptDatasetException.of(FORMAT, uri, where, e);
      }
      g++;
    }
  }

  /**
   * Returns the next row group of {@code file}'s reader, the one of index {@code index}, or null,
   * reading the columns of {@code requested}.
   *
   * <p>parquet-java reads the last column chunk of a row group with a workaround for old writers
   * (PARQUET-246): a page longer than what is left of its chunk is completed from the file, into a
   * heap buffer of the page header's size, allocated before anything is read. So the page headers
   * of that chunk are checked first: its bytes are read ahead ({@link BlobInputFile#prefetch}, then
   * served from memory to parquet-java, so nothing is fetched twice) and every page must fit in
   * what is left of the chunk.
   */
  static @Nullable PageReadStore readNextRowGroup(
      Opened file, URI uri, int index, MessageType requested) throws IOException {
    String where = "row group " + index;
    try {
      List<BlockMetaData> groups = file.reader().getRowGroups();
      if (index < groups.size()) {
        checkLastChunk(file.file(), groups.get(index), requested, uri, where);
      }
      return file.reader().readNextRowGroup();
    } catch (IOException | RuntimeException | LinkageError e) {
      throw CorruptDatasetException.of(FORMAT, uri, where, e);
    } finally {
      file.file().dropPrefetched();
    }
  }

  private static void checkLastChunk(
      BlobInputFile file, BlockMetaData group, MessageType requested, URI uri, String where)
      throws IOException {
    Set<ColumnPath> paths = new HashSet<>();
    for (ColumnDescriptor d : requested.getColumns()) {
      paths.add(ColumnPath.get(d.getPath()));
    }
    ColumnChunkMetaData last = null;
    for (ColumnChunkMetaData c : group.getColumns()) {
      if (paths.contains(c.getPath())
          && (last == null || c.getStartingPos() > last.getStartingPos())) {
        last = c;
      }
    }
    if (last == null || last.getTotalSize() > Integer.MAX_VALUE - 16) {
      return;
    }
    byte[] bytes = file.prefetch(last.getStartingPos(), (int) last.getTotalSize());
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    while (in.available() > 0) {
      PageHeader h = Util.readPageHeader(in);
      int size = h.getCompressed_page_size();
      if (size < 0 || size > in.available() || h.getUncompressed_page_size() < 0) {
        throw new CorruptDatasetException(
            FORMAT,
            uri,
            where,
            "column '"
                + last.getPath().toDotString()
                + "' has a page of "
                + size
                + " bytes where "
                + in.available()
                + " are left in its chunk",
            null);
      }
      in.skipNBytes(size);
    }
  }

  /** Returns what to throw for {@code e}, thrown while row group {@code index} was decoded. */
  static RuntimeException corrupt(URI uri, int index, Throwable e) throws IOException {
    return CorruptDatasetException.of(FORMAT, uri, index < 0 ? "footer" : "row group " + index, e);
  }
}
