package dev.ferry.blob.internal;

import java.nio.charset.StandardCharsets;
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
  /** The longest file name, in UTF-8 bytes, that common file systems take (ext4, XFS, APFS). */
  public static final int MAX_NAME_BYTES = 255;

  /** The longest path, in bytes, a Linux system call takes (PATH_MAX less the NUL). */
  public static final int MAX_PATH_BYTES = 4095;

  /** Keys and paths longer than this are shortened in messages. */
  static final int MESSAGE_CHARS = 120;

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

  /**
   * Returns why {@code target}, the file {@code relativeKey} names, is longer than the file system
   * takes (a name over {@value #MAX_NAME_BYTES} bytes, a path over {@value #MAX_PATH_BYTES}), or
   * null if it fits.
   */
  public static @Nullable String lengthProblem(Path target, String relativeKey) {
    for (String segment : relativeKey.split("/", -1)) {
      int bytes = segment.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_NAME_BYTES) {
        return "the name "
            + quote(abbreviate(segment))
            + " is "
            + bytes
            + " bytes, over the file system's limit of "
            + MAX_NAME_BYTES;
      }
    }
    int pathBytes = target.toString().getBytes(StandardCharsets.UTF_8).length;
    if (pathBytes > MAX_PATH_BYTES) {
      return "the local path would be "
          + pathBytes
          + " bytes, over the file system's limit of "
          + MAX_PATH_BYTES;
    }
    return null;
  }

  /**
   * Returns {@code s} as it is if short, else its start and end around the number of characters
   * left out: {@code aaaa...[9800 chars]...zzzz}, for messages.
   */
  public static String abbreviate(String s) {
    if (s.length() <= MESSAGE_CHARS) {
      return s;
    }
    int head = 60;
    int tail = 40;
    if (Character.isHighSurrogate(s.charAt(head - 1))) {
      head--;
    }
    if (Character.isLowSurrogate(s.charAt(s.length() - tail))) {
      tail--;
    }
    return s.substring(0, head)
        + "...["
        + (s.length() - head - tail)
        + " chars]..."
        + s.substring(s.length() - tail);
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
    return new IllegalArgumentException("unsafe key " + quote(abbreviate(key)) + ": " + problem);
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
