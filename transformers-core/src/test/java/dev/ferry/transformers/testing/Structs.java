package dev.ferry.transformers.testing;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import java.util.HexFormat;

/** JSON and hex literals for expected values in tests. */
public final class Structs {
  private Structs() {}

  /** Returns the {@code google.protobuf.Struct} of a JSON object. */
  public static Struct json(String json) {
    Struct.Builder b = Struct.newBuilder();
    try {
      JsonFormat.parser().merge(json, b);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("bad JSON in test: " + json, e);
    }
    return b.build();
  }

  /** Returns the bytes of hex digits, spaces ignored: {@code "83 a3 73"}. */
  public static byte[] hex(String digits) {
    return HexFormat.of().parseHex(digits.replace(" ", "").replace("\n", ""));
  }

  /** Returns hex digits in the spaced lower-case form of {@link #hex(byte[])}. */
  public static String spaced(String digits) {
    return hex(hex(digits));
  }

  /** Returns bytes as spaced hex, for readable failure messages. */
  public static String hex(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").formatHex(bytes);
  }
}
