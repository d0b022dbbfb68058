package dev.ferry.executor.internal;

import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStores;
import dev.ferry.blob.WriteOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Whole-document reads and writes; a write is published only when its producer returns. */
public final class Blobs {
  /** Produces a document's bytes. */
  @FunctionalInterface
  public interface Producer {
    void writeTo(OutputStream out) throws IOException;
  }

  private Blobs() {}

  /**
   * Writes the document at {@code uri}: published when {@code producer} returns, aborted (nothing
   * under the URI) when it throws.
   */
  public static void write(BlobStores stores, URI uri, Producer producer) throws IOException {
    stores.forUri(uri).write(uri, producer::writeTo);
  }

  /** Writes {@code bytes} to {@code uri}. */
  public static void write(BlobStores stores, URI uri, byte[] bytes) throws IOException {
    write(stores, uri, out -> out.write(bytes));
  }

  /**
   * Writes the document at {@code uri} with {@code options}, as {@link #write(BlobStores, URI,
   * Producer)}.
   */
  public static void write(BlobStores stores, WriteOptions options, URI uri, Producer producer)
      throws IOException {
    stores.forUri(uri).write(uri, options, producer::writeTo);
  }

  /** Writes {@code bytes} to {@code uri} with {@code options}. */
  public static void write(BlobStores stores, WriteOptions options, URI uri, byte[] bytes)
      throws IOException {
    write(stores, options, uri, out -> out.write(bytes));
  }

  /**
   * Writes the document at {@code uri} with {@code options}, as {@link #write(BlobStores,
   * WriteOptions, URI, Producer)}, and returns its bytes when there are at most {@code keep} of
   * them (null otherwise): the executor decodes a small document it has just written from these
   * bytes, the very bytes stored, instead of opening the object again.
   */
  public static byte @Nullable [] writeKeeping(
      BlobStores stores, WriteOptions options, URI uri, int keep, Producer producer)
      throws IOException {
    Keeping[] kept = new Keeping[1];
    stores
        .forUri(uri)
        .write(
            uri,
            options,
            out -> {
              Keeping k = new Keeping(out, keep);
              kept[0] = k;
              producer.writeTo(k);
              k.flush();
            });
    return kept[0] == null ? null : kept[0].bytes();
  }

  /** Returns a stream over {@code kept} if it is there, else over the object at {@code uri}. */
  public static InputStream open(BlobStores stores, URI uri, byte @Nullable [] kept)
      throws IOException {
    return kept != null ? new ByteArrayInputStream(kept) : stores.forUri(uri).open(uri);
  }

  /** Returns {@code kept} if it is there, else the bytes at {@code uri}. */
  public static byte[] read(BlobStores stores, URI uri, byte @Nullable [] kept) throws IOException {
    return kept != null ? kept : read(stores, uri);
  }

  /** Passes bytes through and keeps a copy of the first {@code limit}; past it keeps nothing. */
  private static final class Keeping extends FilterOutputStream {
    private @Nullable ByteArrayOutputStream copy = new ByteArrayOutputStream(256);
    private final int limit;

    Keeping(OutputStream out, int limit) {
      super(out);
      this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      keep(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      keep(b, off, len);
    }

    private void keep(byte[] b, int off, int len) {
      ByteArrayOutputStream c = copy;
      if (c == null) {
        return;
      }
      if (c.size() + len > limit) {
        copy = null;
        return;
      }
      c.write(b, off, len);
    }

    byte @Nullable [] bytes() {
      ByteArrayOutputStream c = copy;
      return c == null ? null : Arrays.copyOf(c.toByteArray(), c.size());
    }
  }

  /** Returns the bytes at {@code uri}. */
  public static byte[] read(BlobStores stores, URI uri) throws IOException {
    try (InputStream in = stores.forUri(uri).open(uri)) {
      return in.readAllBytes();
    }
  }

  /** Returns the bytes at {@code uri}, or empty when there is no object. */
  public static Optional<byte[]> readIfExists(BlobStores stores, URI uri) throws IOException {
    BlobStore store = stores.forUri(uri);
    if (!store.exists(uri)) {
      return Optional.empty();
    }
    return Optional.of(read(stores, uri));
  }

  /** Returns true if an object exists at {@code uri}. */
  public static boolean exists(BlobStores stores, URI uri) throws IOException {
    return stores.forUri(uri).exists(uri);
  }
}
