package dev.ferry.transformers.blob;

import dev.ferry.blob.BlobInfo;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A directory, as the Python SDK's {@code FlyteDirectory}: local (uploaded to {@code {raw-output
 * prefix}/{random}} when converted to a literal) or remote (a URI prefix, passed through). A
 * directory read from a literal lists lazily ({@link #list()}), gives handles to single files
 * ({@link #file(String)}) and downloads on demand ({@link #path()}), never writing outside the
 * target directory.
 */
public final class FlyteDirectory {
  private final URI uri;
  private final String format;
  private final @Nullable Path localPath;
  private final @Nullable DataPlane plane;
  private volatile @Nullable Path downloaded;

  private FlyteDirectory(
      URI uri, String format, @Nullable Path localPath, @Nullable DataPlane plane) {
    this.uri = uri;
    this.format = format;
    this.localPath = localPath;
    this.plane = plane;
  }

  /** Returns a local directory. */
  public static FlyteDirectory of(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return new FlyteDirectory(absolute.toUri(), "", absolute, null);
  }

  /** Returns a directory at a URI prefix ({@code s3://bucket/run/data}) or a {@code file:} URI. */
  public static FlyteDirectory of(URI uri) {
    Objects.requireNonNull(uri, "uri");
    if (uri.getScheme() == null) {
      return of(Path.of(uri.getPath()));
    }
    if (uri.getScheme().equals("file")) {
      return new FlyteDirectory(uri, "", Path.of(uri), null);
    }
    return new FlyteDirectory(uri, "", null, null);
  }

  /** Returns a handle for a directory read from a literal. */
  static FlyteDirectory remote(URI uri, String format, @Nullable DataPlane plane) {
    FlyteDirectory d = of(uri);
    return new FlyteDirectory(d.uri, format, d.localPath, plane);
  }

  /** Returns this directory with a blob format, carried in the literal's BlobType. */
  public FlyteDirectory withFormat(String format) {
    return new FlyteDirectory(uri, Objects.requireNonNull(format, "format"), localPath, plane);
  }

  /** Returns where the directory is (kept as given: a trailing slash stays). */
  public URI uri() {
    return uri;
  }

  /** Returns the blob format, or "". */
  public String format() {
    return format;
  }

  /** Returns true for a directory on local disk. */
  public boolean isLocal() {
    return localPath != null;
  }

  /**
   * Returns the files in the directory, at any depth, sorted by URI; listed when called.
   *
   * @throws dev.ferry.engine.DataTransferException if the store fails to list the directory
   */
  public List<FlyteFile> list() throws IOException {
    List<FlyteFile> files = new ArrayList<>();
    if (localPath != null) {
      try (Stream<Path> walk = Files.walk(localPath)) {
        walk.filter(Files::isRegularFile).sorted().forEach(p -> files.add(FlyteFile.of(p)));
      }
      return files;
    }
    DataPlane p = requirePlane();
    List<BlobInfo> listed;
    try {
      listed = p.store(uri).list(uri);
    } catch (IOException e) {
      throw Transfers.failed("list", uri, e);
    }
    for (BlobInfo info : listed) {
      files.add(FlyteFile.remote(info.uri(), "", p, null));
    }
    return files;
  }

  /** Returns a handle for the file at {@code relative} (a/b.txt) inside the directory. */
  public FlyteFile file(String relative) {
    if (relative.startsWith("/") || relative.contains("..") || relative.contains("\\")) {
      throw new IllegalArgumentException(
          "not a relative path inside the directory: '" + relative + "'");
    }
    if (localPath != null) {
      return FlyteFile.of(localPath.resolve(relative));
    }
    String base = uri.toString().endsWith("/") ? uri.toString() : uri + "/";
    return FlyteFile.remote(URI.create(base + relative), "", plane, null);
  }

  /**
   * Returns a local path of the directory: its own for a local one; for a remote one, a download of
   * every file made on the first call and reused after.
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
          Path target = p.newDownloadDirectory();
          try {
            p.store(uri).downloadDirectory(uri, target, p.readOptions());
          } catch (IOException e) {
            throw Transfers.failed("download", uri, e);
          }
          downloaded = d = target;
        }
      }
    }
    return d;
  }

  private DataPlane requirePlane() {
    return DataPlane.reaching(plane, "remote directory", uri);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlyteDirectory d && d.uri.equals(uri) && d.format.equals(format);
  }

  @Override
  public int hashCode() {
    return uri.hashCode() * 31 + format.hashCode();
  }

  @Override
  public String toString() {
    return "FlyteDirectory{" + uri + (format.isEmpty() ? "" : ", format=" + format) + "}";
  }
}
