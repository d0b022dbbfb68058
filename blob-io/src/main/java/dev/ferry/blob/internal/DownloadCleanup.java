package dev.ferry.blob.internal;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a directory download is about to create, noted before it starts, so a failed download can
 * remove it: the target files that do not exist yet and the directories (the root included) that do
 * not exist yet. Files the download replaces are not restored (each replacement is atomic, so such
 * a file holds the old bytes or the new ones), and nothing that existed before is deleted.
 */
public final class DownloadCleanup {
  private final List<Path> files;
  private final List<Path> directories;

  private DownloadCleanup(List<Path> files, List<Path> directories) {
    this.files = files;
    this.directories = directories;
  }

  /** Returns what downloading to {@code targets} under {@code root} would create. */
  public static DownloadCleanup before(Path root, List<Path> targets) {
    List<Path> files = new ArrayList<>();
    Set<Path> directories = new LinkedHashSet<>();
    if (absent(root)) {
      directories.add(root);
    }
    for (Path target : targets) {
      if (absent(target)) {
        files.add(target);
      }
      for (Path dir = target.getParent();
          dir != null && dir.startsWith(root) && !dir.equals(root) && !directories.contains(dir);
          dir = dir.getParent()) {
        if (!absent(dir)) {
          break;
        }
        directories.add(dir);
      }
    }
    List<Path> deepestFirst = new ArrayList<>(directories);
    deepestFirst.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    return new DownloadCleanup(files, deepestFirst);
  }

  /**
   * Removes what the download created, after {@code failure} stopped it; a file or directory that
   * cannot be removed is added to {@code failure} as a suppressed exception (a directory that holds
   * something this download did not write is left alone).
   */
  public void undo(Throwable failure) {
    for (Path file : files) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
    for (Path dir : directories) {
      try {
        Files.deleteIfExists(dir);
      } catch (DirectoryNotEmptyException e) {
        // something else was put there meanwhile: not ours to delete
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }

  private static boolean absent(Path path) {
    return Files.notExists(path, LinkOption.NOFOLLOW_LINKS);
  }
}
