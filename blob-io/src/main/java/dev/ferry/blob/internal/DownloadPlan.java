package dev.ferry.blob.internal;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.spi.Failures;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Where a directory download writes each object, decided and checked for every object before
 * anything is written: each key must be safe ({@link SafePaths}) and short enough to be a local
 * file, no key may be the "directory" of another, and no existing symbolic link under the root may
 * lead out of it.
 */
public final class DownloadPlan {
  private DownloadPlan() {}

  /**
   * Returns the target of each object, in order.
   *
   * @param relativeKey the key of an object (second argument) below the prefix (first argument)
   * @throws BlobStoreException naming the first offending object, the others suppressed
   */
  public static List<Path> targets(
      String operation,
      URI prefix,
      Path root,
      List<BlobInfo> objects,
      BiFunction<URI, URI, String> relativeKey)
      throws IOException {
    List<Path> targets = new ArrayList<>(objects.size());
    BlobStoreException unsafe = null;
    for (BlobInfo info : objects) {
      try {
        String key = relativeKey.apply(prefix, info.uri());
        Path target = SafePaths.resolve(root, key);
        String tooLong = SafePaths.lengthProblem(target, key);
        if (tooLong != null) {
          throw new IllegalArgumentException(
              "key "
                  + SafePaths.quote(SafePaths.abbreviate(key))
                  + " cannot be a local file: "
                  + tooLong);
        }
        targets.add(target);
      } catch (IllegalArgumentException e) {
        unsafe = collect(unsafe, new BlobStoreException(operation, info.uri(), reason(e), e));
      }
    }
    if (unsafe != null) {
      throw unsafe;
    }
    checkClashes(operation, root, objects, targets);
    checkLinks(operation, prefix, root, objects, targets);
    return targets;
  }

  private static void checkClashes(
      String operation, Path root, List<BlobInfo> objects, List<Path> targets)
      throws BlobStoreException {
    Map<Path, Integer> index = new HashMap<>();
    for (int i = 0; i < targets.size(); i++) {
      index.put(targets.get(i), i);
    }
    BlobStoreException clash = null;
    for (int i = 0; i < targets.size(); i++) {
      Path target = targets.get(i);
      for (Path dir = target.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
        Integer j = index.get(dir);
        if (j != null) {
          String reason =
              "key "
                  + SafePaths.quote(SafePaths.toKey(root, dir))
                  + " is an object and also the directory of "
                  + SafePaths.quote(SafePaths.toKey(root, target));
          clash =
              collect(clash, new BlobStoreException(operation, objects.get(j).uri(), reason, null));
        }
      }
    }
    if (clash != null) {
      throw clash;
    }
  }

  private static void checkLinks(
      String operation, URI prefix, Path root, List<BlobInfo> objects, List<Path> targets)
      throws IOException {
    if (!Files.isDirectory(root)) {
      return; // a new directory holds no links
    }
    Path realRoot;
    try {
      realRoot = root.toRealPath();
    } catch (IOException e) {
      throw Failures.wrap(operation, prefix, e);
    }
    Set<Path> checked = new HashSet<>();
    checked.add(root);
    for (int i = 0; i < targets.size(); i++) {
      Path target = targets.get(i);
      URI uri = objects.get(i).uri();
      Path existing = target.getParent();
      while (existing != null
          && !checked.contains(existing)
          && Files.notExists(existing, LinkOption.NOFOLLOW_LINKS)) {
        existing = existing.getParent();
      }
      if (existing == null || checked.contains(existing)) {
        continue;
      }
      Path real;
      try {
        real = existing.toRealPath();
      } catch (IOException e) {
        throw Failures.wrap(operation, uri, e);
      }
      if (!real.startsWith(realRoot)) {
        throw new BlobStoreException(
            operation,
            uri,
            "unsafe key "
                + SafePaths.quote(SafePaths.toKey(root, target))
                + ": it would land outside "
                + root
                + " through the symbolic link "
                + existing,
            null);
      }
      checked.add(existing);
    }
  }

  private static BlobStoreException collect(
      @Nullable BlobStoreException first, BlobStoreException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  private static String reason(IllegalArgumentException e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
