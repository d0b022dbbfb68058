package dev.ferry.cli.inspect;

import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.BlobStores;
import dev.ferry.cli.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads the bytes of a document named by a local path or a URI ({@code file://}, {@code s3://},
 * {@code gs://}, any scheme a {@link dev.ferry.blob.BlobStoreProvider} on the class path serves),
 * whole and bounded in size. Every failure is a {@link CliException} whose one line names the
 * source and the reason.
 */
final class Sources {
  private static final Pattern URI_LIKE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

  /** The largest document read (offloaded literals above this are read with the SDK, streaming). */
  static final long MAX_BYTES = 512L * 1024 * 1024;

  private Sources() {}

  /** Returns true when {@code source} is written as a URI rather than a local path. */
  static boolean isUri(String source) {
    return URI_LIKE.matcher(source).matches();
  }

  /** Returns the bytes of {@code source}. */
  static byte[] read(String source) {
    return isUri(source) ? readUri(source) : readPath(source);
  }

  private static byte[] readPath(String source) {
    Path path = Path.of(source);
    try {
      if (Files.isDirectory(path)) {
        throw new CliException("cannot read " + source + ": it is a directory, not a file");
      }
      long size = Files.size(path);
      checkSize(source, size);
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new CliException("cannot read " + source + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new CliException("cannot read " + source + ": permission denied", e);
    } catch (IOException e) {
      throw new CliException("cannot read " + source + ": " + e, e);
    }
  }

  private static byte[] readUri(String source) {
    URI uri;
    try {
      uri = new URI(source);
    } catch (URISyntaxException e) {
      throw new CliException("cannot read " + source + ": not a URI (" + e.getReason() + ")", e);
    }
    try (BlobStores stores = BlobStores.create(BlobStoreConfig.fromEnvironment())) {
      var store = stores.forUri(uri);
      var info = store.stat(uri);
      if (info.isEmpty()) {
        throw new CliException("cannot read " + source + ": no such object");
      }
      checkSize(source, info.get().size());
      try (InputStream in = store.open(uri)) {
        return in.readAllBytes();
      }
    } catch (IllegalArgumentException e) {
      // BlobStores: no store for the scheme.
      throw new CliException("cannot read " + source + ": " + e.getMessage(), e);
    } catch (BlobStoreException e) {
      throw new CliException(
          "cannot read " + source + ": " + (e.isNotFound() ? "no such object" : e.getMessage()), e);
    } catch (IOException e) {
      throw new CliException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  private static void checkSize(String source, long size) {
    if (size > MAX_BYTES) {
      throw new CliException(
          "cannot read "
              + source
              + ": "
              + size
              + " bytes is more than the "
              + MAX_BYTES
              + " bytes inspect reads");
    }
  }
}
