package dev.ferry.blob.internal;

import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.spi.Failures;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The files a directory upload sends. */
public final class LocalFiles {
  private LocalFiles() {}

  /** A regular file, its key below the directory, and its size. */
  public record LocalFile(Path path, String key, long size) {}

  /**
   * Returns the regular files under {@code directory} at any depth, sorted by key: symbolic links
   * to files are followed, links to directories are not, and temp files of {@link TempFiles} are
   * skipped.
   */
  public static List<LocalFile> regularFiles(Path directory, String operation, URI prefix)
      throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new BlobStoreException(operation, prefix, "not a directory: " + directory, null);
    }
    List<LocalFile> found = new ArrayList<>();
    try {
      Path root = directory.toRealPath();
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Path name = file.getFileName();
              if (name == null || TempFiles.isTempName(name.toString())) {
                return FileVisitResult.CONTINUE;
              }
              BasicFileAttributes target = attributes;
              if (attributes.isSymbolicLink()) {
                try {
                  target = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (NoSuchFileException dangling) {
                  return FileVisitResult.CONTINUE;
                }
              }
              if (target.isRegularFile()) {
                found.add(new LocalFile(file, SafePaths.toKey(root, file), target.size()));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw Failures.wrap(operation, prefix, e);
    }
    found.sort(Comparator.comparing(LocalFile::key));
    return found;
  }
}
