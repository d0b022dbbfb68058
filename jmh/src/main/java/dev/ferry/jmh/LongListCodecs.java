package dev.ferry.jmh;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralCollection;
import dev.ferry.idl.core.Primitive;
import dev.ferry.idl.core.Scalar;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The four ways of turning a {@code List<Long>} into a serialized {@code Literal{collection}} and
 * back that {@link LongListBenchmark} compares. All four write the same bytes ({@code
 * CodecAgreementTest} checks it):
 *
 * <pre>
 * Literal { collection (2) { literals (1) { scalar (1) { primitive (1) { integer (1): v } } } ... } }
 * </pre>
 */
public final class LongListCodecs {
  /** The Java type converted. */
  public static final TypeRef<List<Long>> TYPE = new TypeRef<>() {};

  private static final int TAG_COLLECTION = 0x12; // Literal.collection, length-delimited
  private static final int TAG_MESSAGE_1 = 0x0a; // field 1, length-delimited
  private static final int TAG_INTEGER = 0x08; // Primitive.integer, varint

  private LongListCodecs() {}

  // (a) Ferry's tree API

  /** Ferry tree API: {@code engine.toLiteral} then {@link Literals#toBytes}. */
  public static byte[] encodeTree(TypeEngine engine, List<Long> values, TransformContext ctx) {
    return Literals.toBytes(engine.toLiteral(values, TYPE, ctx));
  }

  /** Ferry tree API: {@code Literal.parseFrom} then {@code engine.toJava}. */
  public static List<Long> decodeTree(TypeEngine engine, byte[] bytes, TransformContext ctx)
      throws InvalidProtocolBufferException {
    return engine.toJava(Literal.parseFrom(bytes), TYPE, ctx);
  }

  // (b) Ferry's streaming path

  /** Ferry streaming path: {@code engine.toBytes}. */
  public static byte[] encodeStreaming(TypeEngine engine, List<Long> values, TransformContext ctx) {
    return engine.toBytes(values, TYPE, ctx);
  }

  /** Ferry streaming path: {@code engine.fromBytes}. */
  public static List<Long> decodeStreaming(TypeEngine engine, byte[] bytes, TransformContext ctx) {
    return engine.fromBytes(bytes, TYPE, ctx);
  }

  // (c) protobuf builders by hand

  /** Protobuf builders by hand: one Literal/Scalar/Primitive per element, then toByteArray. */
  public static byte[] encodeBuilders(List<Long> values) {
    LiteralCollection.Builder collection = LiteralCollection.newBuilder();
    for (Long v : values) {
      collection.addLiterals(
          Literal.newBuilder()
              .setScalar(Scalar.newBuilder().setPrimitive(Primitive.newBuilder().setInteger(v))));
    }
    return Literal.newBuilder().setCollection(collection).build().toByteArray();
  }

  /** Protobuf by hand: {@code Literal.parseFrom}, then a walk of the tree with checks. */
  public static List<Long> decodeBuilders(byte[] bytes) throws InvalidProtocolBufferException {
    Literal literal = Literal.parseFrom(bytes);
    if (!literal.hasCollection()) {
      throw new IllegalArgumentException("not a collection");
    }
    List<Literal> literals = literal.getCollection().getLiteralsList();
    List<Long> out = new ArrayList<>(literals.size());
    for (Literal element : literals) {
      Primitive p = element.getScalar().getPrimitive();
      if (p.getValueCase() != Primitive.ValueCase.INTEGER) {
        throw new IllegalArgumentException("not an integer: " + element);
      }
      out.add(p.getInteger());
    }
    return out;
  }

  // (d) the floor: CodedOutputStream/CodedInputStream, no abstraction

  /** The bytes of one element's {@code Literal}, without its own tag and length. */
  private static int literalSize(long v) {
    int primitive = 1 + CodedOutputStream.computeInt64SizeNoTag(v);
    int scalar = 1 + CodedOutputStream.computeUInt32SizeNoTag(primitive) + primitive;
    return 1 + CodedOutputStream.computeUInt32SizeNoTag(scalar) + scalar;
  }

  /** The floor: a size loop, then a write loop of raw tags and varints into an exact array. */
  public static byte[] encodeFloor(List<Long> values) {
    int body = 0;
    for (Long v : values) {
      int literal = literalSize(v);
      body += 1 + CodedOutputStream.computeUInt32SizeNoTag(literal) + literal;
    }
    byte[] out = new byte[1 + CodedOutputStream.computeUInt32SizeNoTag(body) + body];
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    try {
      cos.writeRawByte(TAG_COLLECTION);
      cos.writeUInt32NoTag(body);
      for (Long boxed : values) {
        long v = boxed;
        int primitive = 1 + CodedOutputStream.computeInt64SizeNoTag(v);
        int scalar = 1 + CodedOutputStream.computeUInt32SizeNoTag(primitive) + primitive;
        int literal = 1 + CodedOutputStream.computeUInt32SizeNoTag(scalar) + scalar;
        cos.writeRawByte(TAG_MESSAGE_1); // LiteralCollection.literals
        cos.writeUInt32NoTag(literal);
        cos.writeRawByte(TAG_MESSAGE_1); // Literal.scalar
        cos.writeUInt32NoTag(scalar);
        cos.writeRawByte(TAG_MESSAGE_1); // Scalar.primitive
        cos.writeUInt32NoTag(primitive);
        cos.writeRawByte(TAG_INTEGER); // Primitive.integer
        cos.writeInt64NoTag(v);
      }
      cos.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /**
   * The floor: reads exactly the layout {@link #encodeFloor} writes, checking every tag and that
   * each element ends where its length says.
   */
  public static List<Long> decodeFloor(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    expect(in, TAG_COLLECTION);
    int body = in.readRawVarint32();
    int end = in.getTotalBytesRead() + body;
    // every element takes at least 8 bytes: an upper bound, so the list never grows
    List<Long> out = new ArrayList<>(body / 8);
    while (in.getTotalBytesRead() < end) {
      expect(in, TAG_MESSAGE_1);
      int literal = in.readRawVarint32();
      int literalEnd = in.getTotalBytesRead() + literal;
      expect(in, TAG_MESSAGE_1);
      in.readRawVarint32();
      expect(in, TAG_MESSAGE_1);
      in.readRawVarint32();
      expect(in, TAG_INTEGER);
      out.add(in.readInt64());
      if (in.getTotalBytesRead() != literalEnd) {
        throw new IOException("element " + out.size() + " is not a plain integer literal");
      }
    }
    if (!in.isAtEnd()) {
      throw new IOException("bytes after the collection");
    }
    return out;
  }

  private static void expect(CodedInputStream in, int tag) throws IOException {
    byte b = in.readRawByte();
    if (b != tag) {
      throw new IOException("tag " + b + " where " + tag + " was expected");
    }
  }
}
