package dev.ferry.blob.memory;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.ReadOptions;
import dev.ferry.blob.WriteOptions;
import dev.ferry.blob.spi.AbstractBlobOutputStream;
import dev.ferry.blob.spi.AbstractBlobStore;
import dev.ferry.blob.spi.Crc32cs;
import dev.ferry.blob.spi.VerifyingInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Objects in memory, for tests: {@code memory://bucket/key}. Every object is an immutable byte
 * array with its CRC32C, which reads verify (when {@link ReadOptions#checksum()}). A write appears
 * atomically when its stream is committed, replacing the object; the etag is a generation number,
 * new with every commit. Thread-safe. Get the shared one of a registry with {@code
 * BlobStores.forScheme("memory")}; data lives as long as the store.
 */
public final class MemoryBlobStore extends AbstractBlobStore {
  /** The scheme served. */
  public static final String SCHEME = "memory";

  private static final String WRITE = AbstractBlobOutputStream.OPERATION;

  private final Map<Key, Blob> blobs = new ConcurrentHashMap<>();
  private final AtomicLong generations = new AtomicLong();

  /** Creates an empty store. */
  public MemoryBlobStore() {}

  @Override
  public String scheme() {
    return SCHEME;
  }

  /** Deletes every object. */
  public void clear() {
    blobs.clear();
  }

  /** Returns the number of objects held. */
  public int size() {
    return blobs.size();
  }

  @Override
  public BlobOutputStream create(URI uri, WriteOptions options) throws IOException {
    return new MemoryOutputStream(uri, options, objectKey(WRITE, uri));
  }

  @Override
  public InputStream open(URI uri, ReadOptions options) throws IOException {
    Blob blob = blob("open", uri);
    InputStream in = new ByteArrayInputStream(blob.data);
    Integer crc = options.checksum() ? blob.crc : null;
    return new VerifyingInputStream(in, VerifyingInputStream.READ, uri, blob.data.length, crc);
  }

  @Override
  public InputStream openRange(URI uri, long offset, long length) throws IOException {
    checkRange(offset, length);
    Blob blob = blob("openRange", uri);
    int from = (int) Math.min(offset, blob.data.length);
    int count = (int) Math.min(length, blob.data.length - from);
    return new ByteArrayInputStream(blob.data, from, count);
  }

  @Override
  public Optional<BlobInfo> stat(URI uri) throws IOException {
    Blob blob = blobs.get(objectKey("stat", uri));
    return blob == null ? Optional.empty() : Optional.of(blob.info(uri));
  }

  @Override
  public List<BlobInfo> list(URI prefix) throws IOException {
    Key base = key("list", prefix);
    String start = base.name.isEmpty() || base.name.endsWith("/") ? base.name : base.name + "/";
    List<BlobInfo> found = new ArrayList<>();
    for (Map.Entry<Key, Blob> e : blobs.entrySet()) {
      Key key = e.getKey();
      if (key.bucket.equals(base.bucket) && key.name.startsWith(start)) {
        found.add(e.getValue().info(key.uri()));
      }
    }
    found.sort(Comparator.comparing(BlobInfo::uri));
    return found;
  }

  @Override
  public boolean delete(URI uri) throws IOException {
    return blobs.remove(objectKey("delete", uri)) != null;
  }

  /** Stores {@code data} under {@code uri} with the given CRC32C, right or wrong: for tests. */
  void putUnchecked(URI uri, byte[] data, int crc32c) throws IOException {
    blobs.put(objectKey(WRITE, uri), new Blob(data.clone(), crc32c, generations.incrementAndGet()));
  }

  private Blob blob(String operation, URI uri) throws BlobStoreException {
    Blob blob = blobs.get(objectKey(operation, uri));
    if (blob == null) {
      throw BlobStoreException.notFound(operation, uri);
    }
    return blob;
  }

  private static Key objectKey(String operation, URI uri) throws BlobStoreException {
    Key key = key(operation, uri);
    if (key.name.isEmpty()) {
      throw badUri(operation, uri, "it names no object");
    }
    return key;
  }

  private static Key key(String operation, URI uri) throws BlobStoreException {
    if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase(SCHEME)) {
      throw badUri(operation, uri, "not a memory URI");
    }
    if (uri.isOpaque() || uri.getAuthority() == null || uri.getAuthority().isEmpty()) {
      throw badUri(operation, uri, "it names no bucket");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw badUri(operation, uri, "memory URIs take no query or fragment");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    return new Key(uri.getAuthority(), path.startsWith("/") ? path.substring(1) : path);
  }

  private static BlobStoreException badUri(String operation, URI uri, String problem) {
    return new BlobStoreException(
        operation, uri, problem + " (memory URIs look like memory://bucket/key)", null);
  }

  private record Key(String bucket, String name) {
    URI uri() {
      try {
        return new URI(SCHEME, bucket, "/" + name, null, null);
      } catch (URISyntaxException e) {
        throw new IllegalStateException(
            "bucket " + bucket + " and key " + name + " make no URI", e);
      }
    }
  }

  private static final class Blob {
    final byte[] data;
    final int crc;
    final long generation;

    Blob(byte[] data, int crc, long generation) {
      this.data = data;
      this.crc = crc;
      this.generation = generation;
    }

    BlobInfo info(URI uri) {
      return new BlobInfo(uri, data.length, Crc32cs.hex(crc), Long.toString(generation));
    }
  }

  private final class MemoryOutputStream extends AbstractBlobOutputStream {
    private final Key key;
    private @Nullable ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    MemoryOutputStream(URI uri, WriteOptions options, Key key) {
      super(uri, options);
      this.key = key;
    }

    @Override
    protected void writeBytes(byte[] b, int off, int len) {
      buffer().write(b, off, len);
    }

    @Override
    protected BlobInfo commit(long size, @Nullable String crc32c) {
      byte[] data = buffer().toByteArray();
      buffer = null;
      int crc = crc32c == null ? Crc32cs.of(data) : Crc32cs.parseHex(crc32c);
      Blob blob = new Blob(data, crc, generations.incrementAndGet());
      blobs.put(key, blob);
      return blob.info(uri());
    }

    @Override
    protected void discard() {
      buffer = null;
    }

    private ByteArrayOutputStream buffer() {
      ByteArrayOutputStream b = buffer;
      if (b == null) {
        throw new IllegalStateException("the stream of " + uri() + " is closed");
      }
      return b;
    }
  }
}
