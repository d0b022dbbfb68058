package dev.ferry.blob;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A place bytes live, addressed by URI: a local directory tree, an object store bucket, memory.
 * Implementations are thread-safe; get one for a URI from {@link BlobStores}.
 *
 * <p>Writes stream ({@link #create}): bytes are uploaded while they are produced, and nothing is
 * visible under the final URI until {@link BlobOutputStream#commit()} succeeds; closing without a
 * commit, {@link BlobOutputStream#abort()} or a failure leaves nothing behind. Reads stream ({@link
 * #open}) with read-ahead where the store supports ranged reads. Every transfer is checked end to
 * end (CRC32C or the store's checksum), and transient failures are retried with backoff.
 *
 * <pre>{@code
 * BlobStore store = BlobStores.forUri(uri);
 * try (BlobOutputStream out = store.create(uri, WriteOptions.defaults())) {
 *   out.write(bytes);
 *   out.commit(); // without it, close() discards the bytes
 * }
 * store.write(uri, out -> out.write(bytes)); // commits when the lambda returns normally
 * try (InputStream in = store.open(uri)) { ... }
 * }</pre>
 *
 * <p>Errors are {@link BlobStoreException}s naming the URI and the operation.
 */
public interface BlobStore extends Closeable {

  /**
   * Returns the URI scheme this store serves: {@code file}, {@code s3}, {@code gs}, {@code memory}.
   */
  String scheme();

  /**
   * Returns a stream that writes the object at {@code uri}; {@link BlobOutputStream#commit()} makes
   * the object visible, closing it without a commit discards it.
   */
  BlobOutputStream create(URI uri, WriteOptions options) throws IOException;

  /** Returns a stream that writes the object at {@code uri} with default options. */
  default BlobOutputStream create(URI uri) throws IOException {
    return create(uri, WriteOptions.defaults());
  }

  /**
   * Writes the object at {@code uri} with what {@code producer} writes, and commits it if the
   * producer returns normally; if it throws, nothing appears under {@code uri} and the failure is
   * rethrown. Returns the committed object.
   */
  default BlobInfo write(URI uri, WriteOptions options, BlobOutputStream.Producer producer)
      throws IOException {
    return BlobOutputStream.writeAndCommit(create(uri, options), producer);
  }

  /**
   * Writes the object at {@code uri} with default options, as {@link #write(URI, WriteOptions,
   * BlobOutputStream.Producer)}.
   */
  default BlobInfo write(URI uri, BlobOutputStream.Producer producer) throws IOException {
    return write(uri, WriteOptions.defaults(), producer);
  }

  /** Returns a stream of the object's bytes. */
  InputStream open(URI uri, ReadOptions options) throws IOException;

  /** Returns a stream of the object's bytes with default options. */
  default InputStream open(URI uri) throws IOException {
    return open(uri, ReadOptions.defaults());
  }

  /**
   * Returns {@code length} bytes of the object from {@code offset}: fewer at its end, none when
   * {@code offset} is at or past the end. Throws {@link IllegalArgumentException} for a negative
   * offset or length.
   */
  InputStream openRange(URI uri, long offset, long length) throws IOException;

  /** Returns what is known of the object, or empty if there is none at {@code uri}. */
  Optional<BlobInfo> stat(URI uri) throws IOException;

  /** Returns true if an object exists at {@code uri}. */
  default boolean exists(URI uri) throws IOException {
    return stat(uri).isPresent();
  }

  /**
   * Returns the objects under {@code prefix} (a "directory": everything whose key starts with the
   * prefix followed by {@code /}), at any depth, sorted by URI.
   */
  List<BlobInfo> list(URI prefix) throws IOException;

  /** Deletes the object at {@code uri}; returns false if there was none. */
  boolean delete(URI uri) throws IOException;

  /**
   * Uploads a local file to {@code uri}; the progress listener hears {@code uri} with the file's
   * size as the total.
   */
  void upload(Path file, URI uri, WriteOptions options) throws IOException;

  /**
   * Downloads the object at {@code uri} to a local file, replacing it atomically: the bytes go to a
   * hidden temporary file beside it and are verified before the move, so a failed download leaves
   * an existing file untouched. Missing parent directories are created.
   */
  void download(URI uri, Path file, ReadOptions options) throws IOException;

  /**
   * Uploads every regular file under {@code directory} (at any depth; symbolic links to files are
   * followed, links to directories are not) to {@code prefix}/{relative path}, with at most {@link
   * WriteOptions#concurrency()} files in flight. The first failure stops the rest and is thrown
   * with the other failures suppressed; files already uploaded stay. The progress listener hears
   * the whole directory: {@code prefix}, bytes done in all files, total bytes of all files. Returns
   * the URIs written, in the order of their relative paths.
   */
  List<URI> uploadDirectory(Path directory, URI prefix, WriteOptions options) throws IOException;

  /**
   * Downloads every object under {@code prefix} into {@code directory}/{relative key}, with at most
   * {@link ReadOptions#concurrency()} objects in flight, each replaced atomically as by {@link
   * #download}. Keys that would land outside the directory ({@code ..}, absolute paths, odd
   * separators, a symbolic link out of it) or that clash (a key that is also the "directory" of
   * another), and names longer than the file system takes (a name over 255 bytes, a path over
   * 4,095), are rejected before anything is written. The first failure stops the rest and is thrown
   * with the other failures suppressed, after the files and directories this download created are
   * removed (a file it replaced keeps whichever whole version it had: each replacement is atomic).
   * The progress listener hears the whole prefix, as for {@link #uploadDirectory}. Returns the
   * files written, in the order of {@link #list}.
   */
  List<Path> downloadDirectory(URI prefix, Path directory, ReadOptions options) throws IOException;
}
