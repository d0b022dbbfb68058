package dev.ferry.blob.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Maps object keys to local files and back without ever leaving a directory. A key is a relative
 * name of {@code /}-separated segments ({@code a/b/c.txt}); anything that could land outside the
 * directory is rejected with a message naming the key, ready to be the reason of a {@link
 * dev.ferry.blob.BlobStoreException}: {@code unsafe key '../etc/passwd': it has a '..' segment}.
 *
 * <p>The checks are lexical. {@code ..} and {@code .} segments, empty segments ({@code a//b}, a
 * trailing {@code /}), a leading {@code /}, backslashes, a drive letter ({@code C:}), NUL bytes and
 * names the file system refuses are all rejected, and the result always satisfies {@code
 * result.normalize().startsWith(root.normalize())}. Symbolic links already under the root are the
 * caller's to check.
 */
public final class SafePaths {
  private SafePaths() {}

  /**
   * Returns the file under {@code root} that {@code relativeKey} names.
   *
   * @throws IllegalArgumentException if the key could land outside {@code root}
   */
  public static Path resolve(Path root, String relativeKey) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(relativeKey, "relativeKey");
    String problem = problem(relativeKey);
    if (problem != null) {
      throw unsafe(relativeKey, problem);
    }
    Path result = root;
    try {
      for (String segment : relativeKey.split("/", -1)) {
        result = result.resolve(segment);
      }
    } catch (InvalidPathException e) {
      throw unsafe(relativeKey, "it is not a valid file name here (" + e.getReason() + ")");
    }
    Path normalRoot = root.normalize();
    Path normalResult = result.normalize();
    if (!normalResult.startsWith(normalRoot) || normalResult.equals(normalRoot)) {
      throw unsafe(relativeKey, "it would land outside " + root);
    }
    return result;
  }

  /** Returns why {@code relativeKey} is unsafe as a relative file name, or null if it is safe. */
  public static @Nullable String problem(String relativeKey) {
    if (relativeKey.isEmpty()) {
      return "it is empty";
    }
    if (relativeKey.indexOf('\0') >= 0) {
      return "it has a NUL byte";
    }
    if (relativeKey.indexOf('\\') >= 0) {
      return "it has a backslash";
    }
    if (relativeKey.charAt(0) == '/') {
      return "it is absolute";
    }
    if (relativeKey.length() >= 2
        && isAsciiLetter(relativeKey.charAt(0))
        && relativeKey.charAt(1) == ':') {
      return "it starts with a drive letter";
    }
    for (String segment : relativeKey.split("/", -1)) {
      if (segment.isEmpty()) {
        return "it has an empty segment";
      }
      if (segment.equals(".")) {
        return "it has a '.' segment";
      }
      if (segment.equals("..")) {
        return "it has a '..' segment";
      }
    }
    return null;
  }

  /**
   * Returns the key of {@code file} relative to {@code root}: its names below the root joined by
   * {@code /}, whatever the platform's separator.
   *
   * @throws IllegalArgumentException if {@code file} is not below {@code root}
   */
  public static String toKey(Path root, Path file) {
    Path relative = root.relativize(file);
    if (relative.getNameCount() == 0
        || relative.isAbsolute()
        || relative.startsWith("..")
        || relative.toString().isEmpty()) {
      throw new IllegalArgumentException(file + " is not below " + root);
    }
    StringBuilder key = new StringBuilder();
    for (Path name : relative) {
      if (key.length() > 0) {
        key.append('/');
      }
      key.append(name);
    }
    return key.toString();
  }

  /** Returns {@code key} in single quotes, with control characters escaped as {@code \\uXXXX}. */
  public static String quote(String key) {
    StringBuilder out = new StringBuilder(key.length() + 2).append('\'');
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('\'').toString();
  }

  private static IllegalArgumentException unsafe(String key, String problem) {
    return new IllegalArgumentException("unsafe key " + quote(key) + ": " + problem);
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
