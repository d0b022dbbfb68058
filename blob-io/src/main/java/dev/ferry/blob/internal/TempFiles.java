package dev.ferry.blob.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Hidden temporary files beside a target, committed by an atomic rename. A temp file of {@code
 * data.bin} is named {@code .data.bin.ferry-<16 hex digits>.tmp}; listings skip such names, so
 * nothing half-written is ever seen under a final name.
 */
public final class TempFiles {
  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  /** How many characters of the target's name a temp name keeps, so it stays a legal length. */
  static final int MAX_NAME_CHARS = 64;

  private static final Pattern TEMP_NAME =
      Pattern.compile("\\..*\\.ferry-[0-9a-f]{16}\\.tmp", Pattern.DOTALL);
  private static final int ATTEMPTS = 10;

  private TempFiles() {}

  /** A temp file and the channel open on it for writing. */
  public record Temp(Path path, FileChannel channel) {}

  /** Returns true if {@code fileName} is the name of a temp file made here. */
  public static boolean isTempName(String fileName) {
    return TEMP_NAME.matcher(fileName).matches();
  }

  /** Returns a fresh temp name for a file named {@code name}. */
  public static String tempName(String name) {
    String kept = name;
    if (kept.length() > MAX_NAME_CHARS) {
      int end = MAX_NAME_CHARS;
      if (Character.isHighSurrogate(kept.charAt(end - 1))) {
        end--;
      }
      kept = kept.substring(0, end);
    }
    String hex = Long.toHexString(ThreadLocalRandom.current().nextLong());
    return "." + kept + ".ferry-" + "0".repeat(16 - hex.length()) + hex + ".tmp";
  }

  /**
   * Returns a new, empty temp file in {@code target}'s directory, open for writing. The directory
   * must exist.
   */
  public static Temp create(Path target) throws IOException {
    Path fileName = target.getFileName();
    Path dir = target.toAbsolutePath().getParent();
    if (fileName == null || dir == null) {
      throw new IOException("not a file path: " + target);
    }
    for (int attempt = 1; ; attempt++) {
      Path temp = dir.resolve(tempName(fileName.toString()));
      try {
        FileChannel channel =
            FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new Temp(temp, channel);
      } catch (FileAlreadyExistsException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * Renames {@code temp} to {@code target} atomically, replacing what is there, and forces the
   * directory to disk so the rename survives a crash (where the platform can open a directory;
   * Windows cannot, and there the rename is as durable as the file system makes it).
   */
  public static void commit(Path temp, Path target) throws IOException {
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Path dir = target.toAbsolutePath().getParent();
    if (dir != null && !WINDOWS) {
      try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
        channel.force(true);
      }
    }
  }

  /**
   * Renames {@code temp} to {@code target} atomically, replacing what is there, without forcing
   * anything to disk: readers see the whole object or the old one, but a crash of the machine can
   * undo the rename or leave the file empty.
   */
  public static void publish(Path temp, Path target) throws IOException {
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Deletes {@code temp} if it is there; a failure is added to {@code failure} as suppressed. */
  public static void deleteQuietly(Path temp, Throwable failure) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
