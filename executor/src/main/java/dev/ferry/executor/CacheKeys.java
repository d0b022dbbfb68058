package dev.ferry.executor;

import com.google.protobuf.CodedOutputStream;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralCollection;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.idl.core.TypedInterface;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * The cache key of an action, mirroring the Flyte backend's (CONTAINER.md, section 8): SHA-256 of
 * the task's name, its cache version, its interface, the salt and its inputs, where the inputs are
 * the {@code LiteralMap} without the ignored inputs and with every literal that carries a {@code
 * hash} replaced by {@code Literal{hash}} (recursively inside collections and maps), serialized
 * deterministically (map entries sorted by key).
 */
public final class CacheKeys {
  private CacheKeys() {}

  /** Returns the key as 64 hex digits. */
  public static String key(
      String taskName,
      String cacheVersion,
      TypedInterface typedInterface,
      String salt,
      LiteralMap inputs,
      Set<String> ignoredInputs) {
    MessageDigest sha = sha256();
    field(sha, "ferry-cache-1");
    field(sha, taskName);
    field(sha, cacheVersion);
    field(sha, deterministic(typedInterface));
    field(sha, salt);
    field(sha, deterministic(hashified(inputs, ignoredInputs)));
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Returns {@code inputs} without {@code ignored} and with hashed literals reduced to hashes. */
  public static LiteralMap hashified(LiteralMap inputs, Set<String> ignored) {
    LiteralMap.Builder out = LiteralMap.newBuilder();
    for (Map.Entry<String, Literal> e : inputs.getLiteralsMap().entrySet()) {
      if (!ignored.contains(e.getKey())) {
        out.putLiterals(e.getKey(), hashified(e.getValue()));
      }
    }
    return out.build();
  }

  static Literal hashified(Literal literal) {
    if (!literal.getHash().isEmpty()) {
      return Literal.newBuilder().setHash(literal.getHash()).build();
    }
    if (literal.hasCollection()) {
      LiteralCollection.Builder c = LiteralCollection.newBuilder();
      for (Literal l : literal.getCollection().getLiteralsList()) {
        c.addLiterals(hashified(l));
      }
      return literal.toBuilder().setCollection(c).build();
    }
    if (literal.hasMap()) {
      return literal.toBuilder().setMap(hashified(literal.getMap(), Set.of())).build();
    }
    return literal;
  }

  private static byte[] deterministic(com.google.protobuf.MessageLite message) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.useDeterministicSerialization();
      message.writeTo(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
  }

  private static void field(MessageDigest sha, String s) {
    field(sha, s.getBytes(StandardCharsets.UTF_8));
  }

  private static void field(MessageDigest sha, byte[] bytes) {
    int n = bytes.length;
    sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    sha.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
