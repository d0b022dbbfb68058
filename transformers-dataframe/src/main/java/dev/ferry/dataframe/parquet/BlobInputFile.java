package dev.ferry.dataframe.parquet;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobStore;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.jspecify.annotations.Nullable;

/**
 * A Parquet {@link InputFile} over a blob store's ranged reads. A read opens {@link
 * BlobStore#openRange} for what it asks (at least {@value #MIN_RANGE} bytes, at most to the end of
 * the file) and later reads continue in that range; a seek elsewhere drops it. The Parquet reader
 * asks for whole column chunks (consecutive ones merged), so a projection fetches only the chunks
 * of its columns, and a seek wastes at most one minimum range.
 */
final class BlobInputFile implements InputFile {
  static final int MIN_RANGE = 64 * 1024;

  private final BlobStore store;
  private final URI uri;
  private final long length;

  /** Bytes read ahead of the reader (see {@link #prefetch}), served to it from memory. */
  private byte @Nullable [] cache;

  private long cacheStart;

  private BlobInputFile(BlobStore store, URI uri, long length) {
    this.store = store;
    this.uri = uri;
    this.length = length;
  }

  /** Returns the file at {@code uri}, or throws {@link FileNotFoundException} if there is none. */
  static BlobInputFile open(BlobStore store, URI uri) throws IOException {
    BlobInfo info =
        store.stat(uri).orElseThrow(() -> new FileNotFoundException("no parquet file at " + uri));
    return new BlobInputFile(store, uri, info.size());
  }

  /**
   * Reads {@code [start, start + size)} now and returns it; the next reads of that range are served
   * from these bytes instead of the store, until {@link #dropPrefetched()}.
   */
  byte[] prefetch(long start, int size) throws IOException {
    dropPrefetched();
    byte[] bytes = new byte[size];
    try (Stream s = new Stream()) {
      s.seek(start);
      s.readFully(bytes);
    }
    cache = bytes;
    cacheStart = start;
    return bytes;
  }

  /** Forgets the bytes of {@link #prefetch}. */
  void dropPrefetched() {
    cache = null;
  }

  @Override
  public long getLength() {
    return length;
  }

  @Override
  public SeekableInputStream newStream() {
    return new Stream();
  }

  @Override
  public String toString() {
    return uri.toString();
  }

  private final class Stream extends SeekableInputStream {
    private long pos;
    private long rangeEnd;
    private @Nullable InputStream range;

    @Override
    public long getPos() {
      return pos;
    }

    @Override
    public void seek(long newPos) throws IOException {
      if (newPos < 0 || newPos > length) {
        throw new EOFException("seek to " + newPos + " outside 0.." + length + " of " + uri);
      }
      if (newPos != pos) {
        dropRange();
        pos = newPos;
      }
    }

    /** Returns the open range at {@code pos}, opened for at least {@code wanted} bytes. */
    private InputStream range(int wanted) throws IOException {
      InputStream r = range;
      if (r != null && pos >= rangeEnd) {
        dropRange();
        r = null;
      }
      if (r == null) {
        rangeEnd = Math.min(length, pos + Math.max(wanted, MIN_RANGE));
        r = store.openRange(uri, pos, rangeEnd - pos);
        range = r;
      }
      return r;
    }

    private void dropRange() throws IOException {
      InputStream r = range;
      range = null;
      if (r != null) {
        r.close();
      }
    }

    @Override
    public int read() throws IOException {
      if (pos >= length) {
        return -1;
      }
      int b = range(1).read();
      if (b >= 0) {
        pos++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (pos >= length) {
        return -1;
      }
      byte[] c = cache;
      long wanted = len;
      if (c != null) {
        if (pos >= cacheStart && pos < cacheStart + c.length) {
          dropRange(); // the range's stream would no longer be at pos
          int n = (int) Math.min(len, cacheStart + c.length - pos);
          System.arraycopy(c, (int) (pos - cacheStart), b, off, n);
          pos += n;
          return n;
        }
        if (pos < cacheStart) {
          wanted = Math.min(wanted, cacheStart - pos);
        }
      }
      int n = range((int) wanted).read(b, off, (int) Math.min(wanted, rangeEnd - pos));
      if (n < 0) {
        throw new EOFException("range of " + uri + " ended before " + rangeEnd);
      }
      if (n > 0) {
        pos += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long target = Math.min(length, pos + Math.max(0, n));
      long skipped = target - pos;
      seek(target);
      return skipped;
    }

    @Override
    public void readFully(byte[] bytes) throws IOException {
      readFully(bytes, 0, bytes.length);
    }

    @Override
    public void readFully(byte[] bytes, int start, int len) throws IOException {
      int done = 0;
      while (done < len) {
        int n = read(bytes, start + done, len - done);
        if (n < 0) {
          throw new EOFException(
              "end of " + uri + " with " + (len - done) + " of " + len + " bytes still to read");
        }
        done += n;
      }
    }

    @Override
    public int read(ByteBuffer buf) throws IOException {
      if (buf.hasArray()) {
        int n = read(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
        if (n > 0) {
          buf.position(buf.position() + n);
        }
        return n;
      }
      byte[] chunk = new byte[Math.min(buf.remaining(), 64 * 1024)];
      int n = read(chunk, 0, chunk.length);
      if (n > 0) {
        buf.put(chunk, 0, n);
      }
      return n;
    }

    @Override
    public void readFully(ByteBuffer buf) throws IOException {
      if (buf.hasArray()) {
        readFully(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
        buf.position(buf.limit());
        return;
      }
      byte[] chunk = new byte[Math.min(buf.remaining(), 64 * 1024)];
      while (buf.hasRemaining()) {
        int len = Math.min(chunk.length, buf.remaining());
        readFully(chunk, 0, len);
        buf.put(chunk, 0, len);
      }
    }

    @Override
    public void close() throws IOException {
      dropRange();
    }
  }
}
