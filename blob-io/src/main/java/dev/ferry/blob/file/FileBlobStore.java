package dev.ferry.blob.file;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.ReadOptions;
import dev.ferry.blob.WriteOptions;
import dev.ferry.blob.internal.BoundedInputStream;
import dev.ferry.blob.internal.SafePaths;
import dev.ferry.blob.internal.TempFiles;
import dev.ferry.blob.spi.AbstractBlobOutputStream;
import dev.ferry.blob.spi.AbstractBlobStore;
import dev.ferry.blob.spi.Failures;
import dev.ferry.blob.spi.VerifyingInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The local file system as a blob store, the embedded default: {@code file:///data/run/in.csv}, or
 * a plain path ({@code /data/run/in.csv}, {@code run/in.csv} from the working directory). An object
 * is a regular file; a prefix is a directory.
 *
 * <p>{@link #create} writes a hidden temp file in the target's directory ({@code .in.csv.ferry-<16
 * hex digits>.tmp}), computing CRC32C as bytes arrive; committing the stream forces it to disk and
 * renames it over the target atomically, so readers see the old file or the new one, never a part.
 * Abort, a close without commit, a failed write and a stream dropped unclosed all delete the temp
 * file, and {@link #list} never shows one. Missing parent directories are created. {@link #stat}
 * reports no CRC32C: the file system keeps none.
 */
public final class FileBlobStore extends AbstractBlobStore {
  /** The scheme served. */
  public static final String SCHEME = "file";

  private static final String WRITE = AbstractBlobOutputStream.OPERATION;

  /** Creates the store. */
  public FileBlobStore() {}

  @Override
  public String scheme() {
    return SCHEME;
  }

  /** Returns the local file {@code uri} names, or throws naming {@code operation}. */
  static Path toPath(String operation, URI uri) throws BlobStoreException {
    try {
      return toPath(uri);
    } catch (IllegalArgumentException e) {
      throw new BlobStoreException(operation, uri, String.valueOf(e.getMessage()), e);
    }
  }

  @Override
  public BlobOutputStream create(URI uri, WriteOptions options) throws IOException {
    Path target = toPath(WRITE, uri);
    Path parent = target.getParent();
    if (parent == null) {
      throw new BlobStoreException(WRITE, uri, "not a file path: " + target, null);
    }
    try {
      // java.io.File answers "no such file" with false where java.nio builds an exception (with
      // its stack trace: more than the system call itself when an executor writes into a new
      // directory per action)
      if (!parent.toFile().isDirectory()) {
        createDirectories(uri, parent); // a new directory: the target cannot be one
      } else if (target.toFile().isDirectory()) {
        throw new BlobStoreException(WRITE, uri, "is a directory: " + target, null);
      }
      return new FileBlobOutputStream(uri, options, target, TempFiles.create(target));
    } catch (IOException e) {
      throw Failures.wrap(WRITE, uri, e);
    }
  }

  @Override
  public InputStream open(URI uri, ReadOptions options) throws IOException {
    Path path = objectPath("open", uri);
    try {
      InputStream in = Files.newInputStream(path);
      return new BufferedInputStream(
          new VerifyingInputStream(in, VerifyingInputStream.READ, uri, -1, null), BUFFER_SIZE);
    } catch (NoSuchFileException e) {
      throw BlobStoreException.notFound("open", uri, e);
    } catch (IOException e) {
      throw Failures.wrap("open", uri, e);
    }
  }

  @Override
  public InputStream openRange(URI uri, long offset, long length) throws IOException {
    checkRange(offset, length);
    Path path = objectPath("openRange", uri);
    FileChannel channel;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw BlobStoreException.notFound("openRange", uri, e);
    } catch (IOException e) {
      throw Failures.wrap("openRange", uri, e);
    }
    try {
      channel.position(offset);
    } catch (IOException e) {
      BlobStoreException failure = Failures.wrap("openRange", uri, e);
      try {
        channel.close();
      } catch (IOException c) {
        failure.addSuppressed(c);
      }
      throw failure;
    }
    InputStream in = new BoundedInputStream(Channels.newInputStream(channel), length);
    int buffer = (int) Math.max(1, Math.min(BUFFER_SIZE, length));
    return new BufferedInputStream(
        new VerifyingInputStream(in, VerifyingInputStream.READ, uri, -1, null), buffer);
  }

  @Override
  public Optional<BlobInfo> stat(URI uri) throws IOException {
    Path path = toPath("stat", uri);
    BasicFileAttributes attributes = attributes("stat", uri, path);
    if (attributes == null || !attributes.isRegularFile()) {
      return Optional.empty();
    }
    return Optional.of(new BlobInfo(uri, attributes.size(), null, null));
  }

  @Override
  public List<BlobInfo> list(URI prefix) throws IOException {
    Path dir = toPath("list", prefix);
    BasicFileAttributes attributes = attributes("list", prefix, dir);
    if (attributes == null || !attributes.isDirectory()) {
      return List.of();
    }
    List<BlobInfo> found = new ArrayList<>();
    try {
      Path real = dir.toRealPath();
      Files.walkFileTree(
          real,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Path name = file.getFileName();
              if (name == null || TempFiles.isTempName(name.toString())) {
                return FileVisitResult.CONTINUE;
              }
              BasicFileAttributes target = attrs;
              if (attrs.isSymbolicLink()) {
                try {
                  target = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (NoSuchFileException dangling) {
                  return FileVisitResult.CONTINUE;
                }
              }
              if (target.isRegularFile()) {
                Path listed = dir.resolve(real.relativize(file));
                found.add(new BlobInfo(listed.toUri(), target.size(), null, null));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE; // gone while listing: a temp file renamed
              }
              throw e;
            }
          });
    } catch (IOException e) {
      throw Failures.wrap("list", prefix, e);
    }
    found.sort(Comparator.comparing(BlobInfo::uri));
    return found;
  }

  @Override
  public boolean delete(URI uri) throws IOException {
    Path path = toPath("delete", uri);
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isDirectory()) {
        return false;
      }
      return Files.deleteIfExists(path);
    } catch (NoSuchFileException e) {
      return false;
    } catch (FileSystemException e) {
      if (underRegularFile(path)) {
        return false;
      }
      throw Failures.wrap("delete", uri, e);
    } catch (IOException e) {
      throw Failures.wrap("delete", uri, e);
    }
  }

  @Override
  protected URI child(URI prefix, String relativeKey) throws IOException {
    Path path = toPath("uploadDirectory", prefix);
    for (String segment : relativeKey.split("/", -1)) {
      path = path.resolve(segment);
    }
    return path.toUri();
  }

  @Override
  protected String relativeKey(URI prefix, URI object) {
    return SafePaths.toKey(toPath(prefix), toPath(object));
  }

  /**
   * Returns the regular file {@code uri} names. A FIFO, socket or device is refused (opening a FIFO
   * would block until something writes to it, possibly forever), as are directories (not found).
   */
  private static Path objectPath(String operation, URI uri) throws BlobStoreException {
    Path path = toPath(operation, uri);
    BasicFileAttributes attributes = attributes(operation, uri, path);
    if (attributes == null || attributes.isDirectory()) {
      throw BlobStoreException.notFound(operation, uri);
    }
    if (!attributes.isRegularFile()) {
      throw new BlobStoreException(
          operation,
          uri,
          "not a regular file: " + path + " is " + kind(path) + ", not an object",
          null);
    }
    return path;
  }

  /**
   * Downloads as {@link AbstractBlobStore#downloadDirectory}, after refusing a prefix that holds a
   * symbolic link to a file outside it: the download would otherwise copy that file (say {@code
   * /etc/passwd}) as if it were an object under the prefix. Refused rather than skipped, so a
   * download is never silently short of a file; nothing is written.
   */
  @Override
  public List<Path> downloadDirectory(URI prefix, Path directory, ReadOptions options)
      throws IOException {
    refuseLinksOut("downloadDirectory", prefix);
    return super.downloadDirectory(prefix, directory, options);
  }

  /** Returns what the non-regular, non-directory file at {@code path} is, as far as it is known. */
  private static String kind(Path path) {
    try {
      int type = ((Integer) Files.getAttribute(path, "unix:mode")) & 0170000;
      return switch (type) {
        case 0010000 -> "a FIFO (named pipe)";
        case 0140000 -> "a socket";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        default -> "a special file";
      };
    } catch (IOException | RuntimeException e) {
      return "a special file (FIFO, socket or device)";
    }
  }

  private static void refuseLinksOut(String operation, URI prefix) throws IOException {
    Path dir = toPath(operation, prefix);
    BasicFileAttributes attributes = attributes(operation, prefix, dir);
    if (attributes == null || !attributes.isDirectory()) {
      return;
    }
    try {
      Path real = dir.toRealPath();
      Files.walkFileTree(
          real,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              if (!attrs.isSymbolicLink()) {
                return FileVisitResult.CONTINUE;
              }
              Path target;
              try {
                target = file.toRealPath();
              } catch (NoSuchFileException dangling) {
                return FileVisitResult.CONTINUE; // listed as nothing
              }
              if (!target.startsWith(real) && Files.isRegularFile(target)) {
                Path link = dir.resolve(real.relativize(file));
                throw new BlobStoreException(
                    operation,
                    link.toUri(),
                    "refused: the symbolic link "
                        + link
                        + " leads to "
                        + target
                        + ", outside the prefix "
                        + dir,
                    null);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }
          });
    } catch (IOException e) {
      throw Failures.wrap(operation, prefix, e);
    }
  }

  /**
   * Creates {@code dir} and its missing parents, a mkdir per missing level (and one that fails for
   * each level whose parent was missing too), no exceptions on the way: {@link java.io.File#mkdir}
   * answers with a boolean. A path through a regular file fails naming it; any other failure is
   * reported by {@link Files#createDirectories}.
   */
  private static void createDirectories(URI uri, Path dir) throws IOException {
    if (mkdirs(dir.toFile())) {
      return;
    }
    for (Path p = dir; p != null; p = p.getParent()) {
      java.io.File f = p.toFile();
      if (f.exists()) {
        if (!f.isDirectory()) {
          throw new BlobStoreException(WRITE, uri, "not a directory: " + p, null);
        }
        break;
      }
    }
    Files.createDirectories(dir); // says why (permissions, say)
  }

  /** Makes {@code dir} and its missing parents; returns true if {@code dir} is a directory. */
  private static boolean mkdirs(java.io.File dir) {
    if (dir.mkdir()) {
      return true;
    }
    java.io.File up = dir.getParentFile();
    if (up == null || up.isDirectory()) { // the parent is there: dir exists, or cannot be made
      return dir.isDirectory();
    }
    return mkdirs(up) && (dir.mkdir() || dir.isDirectory());
  }

  /** Returns the file's attributes (following links), or null if there is none. */
  private static @Nullable BasicFileAttributes attributes(String operation, URI uri, Path path)
      throws BlobStoreException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return null;
    } catch (FileSystemException e) {
      if (underRegularFile(path)) {
        return null; // a/b where a is a file: no such object
      }
      throw Failures.wrap(operation, uri, e);
    } catch (IOException e) {
      throw Failures.wrap(operation, uri, e);
    }
  }

  private static boolean underRegularFile(Path path) {
    for (Path p = path.getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        return Files.isRegularFile(p);
      }
    }
    return false;
  }

  private static Path toPath(URI uri) {
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("file URIs take no query or fragment");
    }
    String scheme = uri.getScheme();
    if (scheme == null) {
      if (uri.getRawAuthority() != null) {
        throw new IllegalArgumentException("a path must not name a host");
      }
      String path = uri.getPath();
      if (path == null || path.isEmpty()) {
        throw new IllegalArgumentException("the path is empty");
      }
      return Path.of(path).toAbsolutePath().normalize();
    }
    if (!scheme.equalsIgnoreCase(SCHEME)) {
      throw new IllegalArgumentException("not a file URI");
    }
    if (uri.isOpaque()) {
      throw new IllegalArgumentException("file URIs take an absolute path: file:///path");
    }
    String authority = uri.getRawAuthority();
    if (authority != null && !authority.isEmpty()) {
      throw new IllegalArgumentException("file URIs must not name a host: file:///path");
    }
    return Path.of(uri).normalize();
  }
}
