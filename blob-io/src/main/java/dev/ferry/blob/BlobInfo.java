package dev.ferry.blob;

import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a store knows of an object.
 *
 * @param uri where it is
 * @param size its length in bytes
 * @param crc32c its CRC32C as 8 lower-case hex digits, if the store keeps one
 * @param etag the store's version tag, if any
 */
public record BlobInfo(URI uri, long size, @Nullable String crc32c, @Nullable String etag) {
  public BlobInfo {
    Objects.requireNonNull(uri, "uri");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
    if (crc32c != null && !isLowerHex8(crc32c)) {
      throw new IllegalArgumentException(
          "crc32c must be 8 lower-case hex digits but was '" + crc32c + "'");
    }
  }

  private static boolean isLowerHex8(String s) {
    if (s.length() != 8) {
      return false;
    }
    for (int i = 0; i < 8; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
