package dev.ferry.transformers.hostile;

import com.google.protobuf.ByteString;
import dev.ferry.idl.core.Binary;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralCollection;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.idl.core.Scalar;
import dev.ferry.idl.core.Union;
import dev.ferry.transformers.testing.Gen;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/** Generators of hostile input: mutated bytes, and random msgpack that lies about its sizes. */
final class Mutations {
  private Mutations() {}

  /** Bytes that break parsers: msgpack's unused 0xc1, 32-bit headers, protobuf's max varint. */
  private static final int[] INTERESTING = {
    0x00, 0xff, 0x7f, 0x80, 0xc1, 0xc0, 0xdc, 0xdd, 0xde, 0xdf, 0xd9, 0xda, 0xdb, 0xc4, 0xc5, 0xc6,
    0xc7, 0xd4, 0xcf, 0x0a, 0x12, 0x1a, 0x22
  };

  /** Returns a generator of {@code seeds}' bytes with one to four random mutations applied. */
  static Gen<byte[]> mutated(List<byte[]> seeds) {
    return (random, size) -> {
      byte[] b = seeds.get(random.nextInt(seeds.size())).clone();
      int mutations = 1 + random.nextInt(4);
      for (int i = 0; i < mutations; i++) {
        b = mutate(b, random);
      }
      return b;
    };
  }

  static byte[] mutate(byte[] b, SplittableRandom random) {
    if (b.length == 0) {
      return new byte[] {(byte) random.nextInt(256)};
    }
    int at = random.nextInt(b.length);
    switch (random.nextInt(8)) {
      case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
      case 1 -> b[at] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
      case 2 -> b[at] = (byte) random.nextInt(256);
      case 3 -> {
        return Arrays.copyOf(b, at); // truncate
      }
      case 4 -> { // delete a range
        int end = Math.min(b.length, at + 1 + random.nextInt(8));
        byte[] out = new byte[b.length - (end - at)];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, end, out, at, b.length - end);
        return out;
      }
      case 5 -> { // insert random bytes
        byte[] insert = new byte[1 + random.nextInt(8)];
        for (int i = 0; i < insert.length; i++) {
          insert[i] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
        }
        return splice(b, at, insert);
      }
      case 6 -> { // duplicate a slice
        int end = Math.min(b.length, at + 1 + random.nextInt(16));
        return splice(b, at, Arrays.copyOfRange(b, at, end));
      }
      default -> { // a length or varint made huge
        b[at] = (byte) 0xff;
        if (at + 1 < b.length) {
          b[at + 1] = (byte) 0xff;
        }
      }
    }
    return b;
  }

  private static byte[] splice(byte[] b, int at, byte[] insert) {
    byte[] out = new byte[b.length + insert.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(b, at, out, at + insert.length, b.length - at);
    return out;
  }

  /**
   * Returns a generator of random msgpack values: every family (extension types and the timestamp
   * extension included), keys often taken from {@code keys} so decoding gets past the first map,
   * and headers that claim more entries or bytes than follow.
   */
  static Gen<byte[]> msgpack(List<String> keys) {
    return (random, size) -> {
      try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
        if (random.nextBoolean()) {
          packMap(p, random, keys, 0);
        } else {
          pack(p, random, keys, 0);
        }
        return p.toByteArray();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    };
  }

  private static void packMap(MessagePacker p, SplittableRandom r, List<String> keys, int depth)
      throws IOException {
    int n = r.nextInt(6);
    p.packMapHeader(n);
    for (int i = 0; i < n; i++) {
      if (r.nextInt(8) == 0) {
        pack(p, r, keys, depth + 1);
      } else {
        p.packString(keys.get(r.nextInt(keys.size())));
      }
      pack(p, r, keys, depth + 1);
    }
  }

  private static void pack(MessagePacker p, SplittableRandom r, List<String> keys, int depth)
      throws IOException {
    switch (r.nextInt(depth > 5 ? 9 : 13)) {
      case 0 -> p.packNil();
      case 1 -> p.packBoolean(r.nextBoolean());
      case 2 -> p.packLong(Gen.longs().next(r, 0));
      case 3 -> p.packBigInteger(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
      case 4 -> p.packDouble(Gen.doubles().next(r, 0));
      case 5 -> p.packFloat(r.nextFloat());
      case 6 -> p.packString(r.nextBoolean() ? keys.get(r.nextInt(keys.size())) : pickText(r));
      case 7 -> {
        byte[] b = new byte[r.nextInt(8)];
        p.packBinaryHeader(b.length).writePayload(b);
      }
      case 8 -> {
        byte[] b = new byte[r.nextInt(13)];
        p.packExtensionTypeHeader((byte) (r.nextBoolean() ? -1 : r.nextInt(128)), b.length);
        p.writePayload(b);
      }
      case 9 -> {
        int n = r.nextInt(5);
        p.packArrayHeader(n);
        for (int i = 0; i < n; i++) {
          pack(p, r, keys, depth + 1);
        }
      }
      case 10, 11 -> packMap(p, r, keys, depth);
      default -> { // a header that lies
        switch (r.nextInt(4)) {
          case 0 -> p.packArrayHeader(Integer.MAX_VALUE);
          case 1 -> p.packMapHeader(1 + r.nextInt(Integer.MAX_VALUE));
          case 2 -> p.packRawStringHeader(Integer.MAX_VALUE);
          default -> p.packBinaryHeader(1 + r.nextInt(1 << 20));
        }
      }
    }
  }

  private static String pickText(SplittableRandom r) {
    String[] texts = {
      "",
      "red",
      "green",
      "2024-05-01T12:30:00.000000+00:00",
      "2024-05-01",
      "not a date",
      "+999999999-12-31T23:59:59Z",
      "2024-13-45T99:99:99Z",
      "\uD83D\uDE80",
      "0001-01-01"
    };
    return texts[r.nextInt(texts.length)];
  }

  /** Returns {@code literal} with every msgpack payload in it replaced by {@code replace}'s. */
  static Literal replaceMsgpack(Literal literal, UnaryOperator<byte[]> replace) {
    Literal.Builder b = literal.toBuilder();
    switch (literal.getValueCase()) {
      case COLLECTION -> {
        LiteralCollection.Builder c = LiteralCollection.newBuilder();
        for (Literal l : literal.getCollection().getLiteralsList()) {
          c.addLiterals(replaceMsgpack(l, replace));
        }
        b.setCollection(c);
      }
      case MAP -> {
        LiteralMap.Builder m = LiteralMap.newBuilder();
        for (Map.Entry<String, Literal> e : literal.getMap().getLiteralsMap().entrySet()) {
          m.putLiterals(e.getKey(), replaceMsgpack(e.getValue(), replace));
        }
        b.setMap(m);
      }
      case SCALAR -> {
        Scalar s = literal.getScalar();
        if (s.hasBinary() && s.getBinary().getTag().equals("msgpack")) {
          byte[] bytes = replace.apply(s.getBinary().getValue().toByteArray());
          b.setScalar(
              Scalar.newBuilder()
                  .setBinary(
                      Binary.newBuilder().setTag("msgpack").setValue(ByteString.copyFrom(bytes))));
        } else if (s.hasUnion()) {
          Union u = s.getUnion();
          b.setScalar(
              Scalar.newBuilder()
                  .setUnion(u.toBuilder().setValue(replaceMsgpack(u.getValue(), replace))));
        }
      }
      default -> {}
    }
    return b.build();
  }
}
