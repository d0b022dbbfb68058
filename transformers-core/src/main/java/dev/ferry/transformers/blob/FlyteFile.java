package dev.ferry.transformers.blob;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A file, as the Python SDK's {@code FlyteFile}: local (a path, uploaded to {@code {raw-output
 * prefix}/{random}/{name}} when converted to a literal) or remote (a URI, passed through without a
 * copy). A file read from a literal is a lazy handle: {@link #path()} downloads it on first use,
 * {@link #open()} streams it without a download.
 *
 * <pre>{@code
 * FlyteFile report = FlyteFile.of(Path.of("report.csv")).withFormat("csv");
 * FlyteFile fresh = FlyteFile.create(plane, "model.bin");
 * fresh.write(out -> model.writeTo(out)); // committed when the lambda returns normally
 * try (BlobOutputStream out = fresh.openWrite()) {
 *   model.writeTo(out);
 *   out.commit();
 * }
 * }</pre>
 */
public final class FlyteFile {
  private final URI uri;
  private final String format;
  private final @Nullable Path localPath;
  private final @Nullable DataPlane plane;
  private final @Nullable String hash;
  private volatile @Nullable Path downloaded;

  private FlyteFile(
      URI uri,
      String format,
      @Nullable Path localPath,
      @Nullable DataPlane plane,
      @Nullable String hash) {
    this.uri = uri;
    this.format = format;
    this.localPath = localPath;
    this.plane = plane;
    this.hash = hash;
  }

  /** Returns a local file. */
  public static FlyteFile of(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return new FlyteFile(absolute.toUri(), "", absolute, null, null);
  }

  /** Returns a file at {@code uri}: remote ({@code s3://}, {@code gs://}, ...) or {@code file:}. */
  public static FlyteFile of(URI uri) {
    Objects.requireNonNull(uri, "uri");
    if (uri.getScheme() == null) {
      return of(Path.of(uri.getPath()));
    }
    if (uri.getScheme().equals("file")) {
      return new FlyteFile(uri, "", Path.of(uri), null, null);
    }
    return new FlyteFile(uri, "", null, null, null);
  }

  /** Returns a file from a URI string ({@code s3://b/k}) or a local path ({@code data/x.csv}). */
  public static FlyteFile of(String pathOrUri) {
    if (pathOrUri.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      return of(URI.create(pathOrUri));
    }
    return of(Path.of(pathOrUri));
  }

  /**
   * Returns a new remote file named {@code name} under the raw-output prefix of {@code plane}, to
   * be written with {@link #openWrite()}.
   */
  public static FlyteFile create(DataPlane plane, String name) {
    return new FlyteFile(plane.newUri(name), "", null, plane, null);
  }

  /** Returns a handle for a file read from a literal. */
  static FlyteFile remote(
      URI uri, String format, @Nullable DataPlane plane, @Nullable String hash) {
    FlyteFile f = of(uri);
    return new FlyteFile(f.uri, format, f.localPath, plane, hash);
  }

  /** Returns this file with a blob format ({@code "csv"}), carried in the literal's BlobType. */
  public FlyteFile withFormat(String format) {
    return new FlyteFile(uri, Objects.requireNonNull(format, "format"), localPath, plane, hash);
  }

  FlyteFile withPlane(DataPlane plane) {
    return new FlyteFile(uri, format, localPath, plane, hash);
  }

  FlyteFile withHash(@Nullable String hash) {
    return new FlyteFile(uri, format, localPath, plane, hash);
  }

  /** Returns where the file is: a {@code file:} URI for a local file. */
  public URI uri() {
    return uri;
  }

  /** Returns the blob format, or "" when none was given. */
  public String format() {
    return format;
  }

  /** Returns true for a file on local disk. */
  public boolean isLocal() {
    return localPath != null;
  }

  /** Returns the content hash (base64 SHA-256) if one was computed or received. */
  public Optional<String> hash() {
    return Optional.ofNullable(hash);
  }

  /** Returns the file's name: the last segment of its path. */
  public String name() {
    String path = uri.getPath() == null ? uri.getSchemeSpecificPart() : uri.getPath();
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /**
   * Returns a local path of the file: its own for a local file; for a remote one, a download made
   * on the first call (atomic and verified by the store) and reused after.
   *
   * @throws dev.ferry.engine.DataTransferException if the store fails to download the file
   * @throws IOException if the local download directory cannot be created
   */
  public Path path() throws IOException {
    if (localPath != null) {
      return localPath;
    }
    Path d = downloaded;
    if (d == null) {
      synchronized (this) {
        d = downloaded;
        if (d == null) {
          DataPlane p = requirePlane();
          Path target = p.newDownloadDirectory().resolve(name().isEmpty() ? "file" : name());
          try {
            p.store(uri).download(uri, target, p.readOptions());
          } catch (IOException e) {
            throw Transfers.failed("download", uri, e);
          }
          downloaded = d = target;
        }
      }
    }
    return d;
  }

  /**
   * Returns the file's bytes as a stream, without downloading it first.
   *
   * @throws dev.ferry.engine.DataTransferException if the store fails to open the file
   * @throws IOException if a local file cannot be opened
   */
  public InputStream open() throws IOException {
    if (localPath != null) {
      return Files.newInputStream(localPath);
    }
    Path d = downloaded;
    if (d != null) {
      return Files.newInputStream(d);
    }
    DataPlane p = requirePlane();
    try {
      return p.store(uri).open(uri, p.readOptions());
    } catch (IOException e) {
      throw Transfers.failed("open", uri, e);
    }
  }

  /**
   * Returns a stream that writes the file at its URI (a file made by {@link #create}); {@link
   * BlobOutputStream#commit()} makes the object visible, closing it without a commit discards it.
   */
  public BlobOutputStream openWrite() throws IOException {
    DataPlane p = requirePlane();
    try {
      return p.store(uri).create(uri, p.writeOptions());
    } catch (IOException e) {
      throw Transfers.failed("write", uri, e);
    }
  }

  /**
   * Writes the file at its URI (a file made by {@link #create}) with what {@code producer} writes,
   * committing it when the producer returns normally; if it throws, nothing appears at the URI.
   * Returns what the store knows of the written object.
   */
  public BlobInfo write(BlobOutputStream.Producer producer) throws IOException {
    DataPlane p = requirePlane();
    return p.store(uri).write(uri, p.writeOptions(), producer);
  }

  private DataPlane requirePlane() {
    return DataPlane.reaching(plane, "remote file", uri);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlyteFile f && f.uri.equals(uri) && f.format.equals(format);
  }

  @Override
  public int hashCode() {
    return uri.hashCode() * 31 + format.hashCode();
  }

  @Override
  public String toString() {
    return "FlyteFile{" + uri + (format.isEmpty() ? "" : ", format=" + format) + "}";
  }
}
