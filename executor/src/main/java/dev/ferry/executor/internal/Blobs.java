package dev.ferry.executor.internal;

import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStores;
import dev.ferry.blob.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Optional;

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
