package dev.ferry.blob.spi;

import dev.ferry.blob.internal.SafePaths;
import java.util.Base64;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * CRC32C values in the forms stores exchange them: the {@code int}, 8 lower-case hex digits ({@code
 * e3069283}, the form of {@link dev.ferry.blob.BlobInfo#crc32c()}) and the base64 of its 4 bytes
 * big-endian ({@code 4waSgw==}, the form of GCS's {@code crc32c} and S3's {@code
 * x-amz-checksum-crc32c}).
 */
public final class Crc32cs {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Crc32cs() {}

  /** Returns the CRC32C of {@code bytes}. */
  public static int of(byte[] bytes) {
    return of(bytes, 0, bytes.length);
  }

  /** Returns the CRC32C of {@code length} bytes of {@code bytes} from {@code offset}. */
  public static int of(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  /** Returns the value of a running checksum as 8 lower-case hex digits. */
  public static String hex(Checksum crc) {
    return hex((int) crc.getValue());
  }

  /** Returns {@code crc} as 8 lower-case hex digits, most significant first. */
  public static String hex(int crc) {
    char[] out = new char[8];
    for (int i = 7; i >= 0; i--) {
      out[i] = HEX[crc & 0xf];
      crc >>>= 4;
    }
    return new String(out);
  }

  /**
   * Returns the CRC32C that 8 hex digits (either case) spell.
   *
   * @throws IllegalArgumentException if {@code hex} is not 8 hex digits
   */
  public static int parseHex(String hex) {
    if (hex.length() != 8) {
      throw badHex(hex);
    }
    int crc = 0;
    for (int i = 0; i < 8; i++) {
      int digit = Character.digit(hex.charAt(i), 16);
      if (digit < 0) {
        throw badHex(hex);
      }
      crc = (crc << 4) | digit;
    }
    return crc;
  }

  /** Returns the base64 of {@code crc}'s 4 bytes, big-endian: {@code 4waSgw==}. */
  public static String base64(int crc) {
    byte[] bytes = {(byte) (crc >>> 24), (byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc};
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * Returns the CRC32C whose 4 big-endian bytes {@code base64} encodes.
   *
   * @throws IllegalArgumentException if {@code base64} is not the base64 of 4 bytes
   */
  public static int parseBase64(String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw badBase64(base64);
    }
    if (bytes.length != 4) {
      throw badBase64(base64);
    }
    return ((bytes[0] & 0xff) << 24)
        | ((bytes[1] & 0xff) << 16)
        | ((bytes[2] & 0xff) << 8)
        | (bytes[3] & 0xff);
  }

  /** Returns the base64 form of a CRC32C given as hex digits. */
  public static String hexToBase64(String hex) {
    return base64(parseHex(hex));
  }

  /** Returns the hex form of a CRC32C given as base64. */
  public static String base64ToHex(String base64) {
    return hex(parseBase64(base64));
  }

  private static IllegalArgumentException badHex(String hex) {
    return new IllegalArgumentException(
        "crc32c must be 8 hex digits but was " + SafePaths.quote(hex));
  }

  private static IllegalArgumentException badBase64(String base64) {
    return new IllegalArgumentException(
        "crc32c must be the base64 of 4 bytes but was " + SafePaths.quote(base64));
  }
}
