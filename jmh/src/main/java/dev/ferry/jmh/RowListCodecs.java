package dev.ferry.jmh;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Binary;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralCollection;
import dev.ferry.idl.core.Scalar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferInput;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * The ways of turning a {@code List<Row>} into bytes and back that {@link RecordListBenchmark}
 * compares. Tree, streaming, builders and floor write the same serialized literal ({@code
 * CodecAgreementTest} checks it):
 *
 * <pre>
 * Literal { collection (2) { literals (1) { scalar (1) { binary (3) {
 *     value (1): msgpack {"id": .., "name": .., "price": .., "active": .., "qty": ..}
 *     tag (2): "msgpack" } } } ... } }
 * </pre>
 *
 * The msgpack-core and Jackson variants write the rows as one msgpack array, with no protobuf: the
 * cost of msgpack alone.
 *
 * <p>The hand-written variants use each library the way a performance-minded author would: one
 * packer per call ({@link MessageBufferPacker#clear} between rows), one unpacker per call ({@link
 * MessageUnpacker#reset} between rows), no copy of a packed row into the {@code ByteString}.
 */
public final class RowListCodecs {
  /** The Java type converted. */
  public static final TypeRef<List<Row>> TYPE = new TypeRef<>() {};

  private static final String MSGPACK = "msgpack";
  private static final int TAG_COLLECTION = 0x12; // Literal.collection
  private static final int TAG_MESSAGE_1 = 0x0a; // field 1, length-delimited
  private static final int TAG_BINARY = 0x1a; // Scalar.binary

  /** {@code Binary.tag = "msgpack"}: tag 0x12, length 7, the UTF-8 bytes. */
  private static final byte[] BINARY_TAG_FIELD = binaryTagField();

  private static final ObjectMapper JACKSON = new ObjectMapper(new MessagePackFactory());
  private static final TypeReference<List<Row>> JACKSON_TYPE = new TypeReference<>() {};
  private static final ObjectWriter JACKSON_WRITER = JACKSON.writerFor(JACKSON_TYPE);
  private static final ObjectReader JACKSON_READER = JACKSON.readerFor(JACKSON_TYPE);

  private RowListCodecs() {}

  private static byte[] binaryTagField() {
    byte[] tag = MSGPACK.getBytes(StandardCharsets.UTF_8);
    byte[] field = new byte[2 + tag.length];
    field[0] = 0x12;
    field[1] = (byte) tag.length;
    System.arraycopy(tag, 0, field, 2, tag.length);
    return field;
  }

  // (a) Ferry's tree API

  /** Ferry tree API: {@code engine.toLiteral} then {@link Literals#toBytes}. */
  public static byte[] encodeTree(TypeEngine engine, List<Row> rows, TransformContext ctx) {
    return Literals.toBytes(engine.toLiteral(rows, TYPE, ctx));
  }

  /** Ferry tree API: {@code Literal.parseFrom} then {@code engine.toJava}. */
  public static List<Row> decodeTree(TypeEngine engine, byte[] bytes, TransformContext ctx)
      throws InvalidProtocolBufferException {
    return engine.toJava(Literal.parseFrom(bytes), TYPE, ctx);
  }

  // (b) Ferry's streaming path

  /** Ferry streaming path: {@code engine.toBytes}. */
  public static byte[] encodeStreaming(TypeEngine engine, List<Row> rows, TransformContext ctx) {
    return engine.toBytes(rows, TYPE, ctx);
  }

  /** Ferry streaming path: {@code engine.fromBytes}. */
  public static List<Row> decodeStreaming(TypeEngine engine, byte[] bytes, TransformContext ctx) {
    return engine.fromBytes(bytes, TYPE, ctx);
  }

  // shared msgpack by hand (msgpack-core)

  /** Packs a row as the map Ferry writes: component names in declaration order. */
  static void packRow(MessagePacker packer, Row row) throws IOException {
    packer.packMapHeader(5);
    packer.packString("id");
    packer.packLong(row.id());
    packer.packString("name");
    packer.packString(row.name());
    packer.packString("price");
    packer.packDouble(row.price());
    packer.packString("active");
    packer.packBoolean(row.active());
    packer.packString("qty");
    packer.packInt(row.qty());
  }

  /** Unpacks a row map, keys in any order, each exactly once. */
  static Row unpackRow(MessageUnpacker unpacker) throws IOException {
    int n = unpacker.unpackMapHeader();
    long id = 0;
    String name = null;
    double price = 0;
    boolean active = false;
    int qty = 0;
    int seen = 0;
    for (int i = 0; i < n; i++) {
      String key = unpacker.unpackString();
      int bit;
      switch (key) {
        case "id":
          id = unpacker.unpackLong();
          bit = 1;
          break;
        case "name":
          name = unpacker.unpackString();
          bit = 2;
          break;
        case "price":
          price = unpacker.unpackDouble();
          bit = 4;
          break;
        case "active":
          active = unpacker.unpackBoolean();
          bit = 8;
          break;
        case "qty":
          qty = unpacker.unpackInt();
          bit = 16;
          break;
        default:
          throw new IOException("unknown key '" + key + "'");
      }
      if ((seen & bit) != 0) {
        throw new IOException("key '" + key + "' twice");
      }
      seen |= bit;
    }
    if (seen != 31) {
      throw new IOException("a row with missing keys");
    }
    return new Row(id, name, price, active, qty);
  }

  // (c) protobuf builders by hand, msgpack-core by hand

  /** Builders: per row, msgpack-core into a reused packer, then Literal/Scalar/Binary builders. */
  public static byte[] encodeBuilders(List<Row> rows) throws IOException {
    MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
    LiteralCollection.Builder collection = LiteralCollection.newBuilder();
    for (Row row : rows) {
      packer.clear();
      packRow(packer, row);
      collection.addLiterals(
          Literal.newBuilder()
              .setScalar(
                  Scalar.newBuilder()
                      .setBinary(
                          Binary.newBuilder()
                              // toByteArray returns a fresh array: no need to copy it again
                              .setValue(UnsafeByteOperations.unsafeWrap(packer.toByteArray()))
                              .setTag(MSGPACK))));
    }
    return Literal.newBuilder().setCollection(collection).build().toByteArray();
  }

  /** Builders: {@code Literal.parseFrom}, then per element a reused unpacker over its bytes. */
  public static List<Row> decodeBuilders(byte[] bytes) throws IOException {
    Literal literal = Literal.parseFrom(bytes);
    if (!literal.hasCollection()) {
      throw new IOException("not a collection");
    }
    List<Literal> literals = literal.getCollection().getLiteralsList();
    List<Row> out = new ArrayList<>(literals.size());
    ArrayBufferInput input = new ArrayBufferInput(new byte[0]);
    MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(input);
    for (Literal element : literals) {
      Binary binary = element.getScalar().getBinary();
      if (!binary.getTag().equals(MSGPACK)) {
        throw new IOException("not msgpack binary: " + element);
      }
      input.reset(binary.getValue().toByteArray());
      unpacker.reset(input);
      out.add(unpackRow(unpacker));
      if (unpacker.hasNext()) {
        throw new IOException("bytes after a row");
      }
    }
    return out;
  }

  // (d) the floor: CodedOutputStream/CodedInputStream, no abstraction, msgpack-core by hand

  private static int binarySize(int msgpack) {
    return 1
        + CodedOutputStream.computeUInt32SizeNoTag(msgpack)
        + msgpack
        + BINARY_TAG_FIELD.length;
  }

  private static int messageSize(int body) {
    return 1 + CodedOutputStream.computeUInt32SizeNoTag(body) + body;
  }

  /**
   * The floor: all rows packed into one msgpack buffer (their end offsets kept), the sizes summed,
   * then one write loop of raw tags, varints and slices of that buffer into an exact array.
   */
  public static byte[] encodeFloor(List<Row> rows) throws IOException {
    int n = rows.size();
    int[] ends = new int[n];
    MessageBufferPacker packer =
        new MessagePack.PackerConfig().withBufferSize(1 << 16).newBufferPacker();
    for (int i = 0; i < n; i++) {
      packRow(packer, rows.get(i));
      ends[i] = (int) packer.getTotalWrittenBytes();
    }
    byte[] msgpack = packer.toByteArray();
    int body = 0;
    int start = 0;
    for (int i = 0; i < n; i++) {
      int literal = messageSize(messageSize(binarySize(ends[i] - start)));
      body += messageSize(literal);
      start = ends[i];
    }
    byte[] out = new byte[messageSize(body)];
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    cos.writeRawByte(TAG_COLLECTION);
    cos.writeUInt32NoTag(body);
    start = 0;
    for (int i = 0; i < n; i++) {
      int length = ends[i] - start;
      int binary = binarySize(length);
      int scalar = messageSize(binary);
      cos.writeRawByte(TAG_MESSAGE_1); // LiteralCollection.literals
      cos.writeUInt32NoTag(messageSize(scalar));
      cos.writeRawByte(TAG_MESSAGE_1); // Literal.scalar
      cos.writeUInt32NoTag(scalar);
      cos.writeRawByte(TAG_BINARY); // Scalar.binary
      cos.writeUInt32NoTag(binary);
      cos.writeRawByte(TAG_MESSAGE_1); // Binary.value
      cos.writeUInt32NoTag(length);
      cos.writeRawBytes(msgpack, start, length);
      cos.writeRawBytes(BINARY_TAG_FIELD); // Binary.tag
      start = ends[i];
    }
    cos.checkNoSpaceLeft();
    return out;
  }

  /**
   * The floor: reads exactly the layout {@link #encodeFloor} writes, checking every tag, the
   * binary's tag and each element's end; one unpacker reads each row in place (no copy).
   */
  public static List<Row> decodeFloor(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    expect(in, TAG_COLLECTION);
    int body = in.readRawVarint32();
    int end = in.getTotalBytesRead() + body;
    List<Row> out = new ArrayList<>();
    ArrayBufferInput input = new ArrayBufferInput(bytes, 0, 0);
    MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(input);
    while (in.getTotalBytesRead() < end) {
      expect(in, TAG_MESSAGE_1);
      int literal = in.readRawVarint32();
      int literalEnd = in.getTotalBytesRead() + literal;
      expect(in, TAG_MESSAGE_1);
      in.readRawVarint32();
      expect(in, TAG_BINARY);
      in.readRawVarint32();
      expect(in, TAG_MESSAGE_1);
      int length = in.readRawVarint32();
      int offset = in.getTotalBytesRead();
      in.skipRawBytes(length);
      int tagAt = in.getTotalBytesRead();
      in.skipRawBytes(BINARY_TAG_FIELD.length);
      for (int i = 0; i < BINARY_TAG_FIELD.length; i++) {
        if (bytes[tagAt + i] != BINARY_TAG_FIELD[i]) {
          throw new IOException("element " + out.size() + " is not msgpack binary");
        }
      }
      if (in.getTotalBytesRead() != literalEnd) {
        throw new IOException("element " + out.size() + " has unexpected fields");
      }
      input.reset(bytes, offset, length);
      unpacker.reset(input);
      out.add(unpackRow(unpacker));
      if (unpacker.getTotalReadBytes() != length) {
        throw new IOException("bytes after row " + out.size());
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

  // (e) msgpack-core alone: the rows as one msgpack array, no protobuf

  /** msgpack-core by hand: an array header, then each row's map. */
  public static byte[] encodeMsgpackCore(List<Row> rows) throws IOException {
    MessageBufferPacker packer =
        new MessagePack.PackerConfig().withBufferSize(1 << 16).newBufferPacker();
    packer.packArrayHeader(rows.size());
    for (Row row : rows) {
      packRow(packer, row);
    }
    return packer.toByteArray();
  }

  /** msgpack-core by hand: one unpacker over the whole array. */
  public static List<Row> decodeMsgpackCore(byte[] bytes) throws IOException {
    try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
      int n = unpacker.unpackArrayHeader();
      List<Row> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(unpackRow(unpacker));
      }
      if (unpacker.hasNext()) {
        throw new IOException("bytes after the array");
      }
      return out;
    }
  }

  // (f) jackson-databind over jackson-dataformat-msgpack: the rows as one msgpack array

  /** Jackson with {@link MessagePackFactory}: the records as an array of maps. */
  public static byte[] encodeJackson(List<Row> rows) {
    try {
      return JACKSON_WRITER.writeValueAsBytes(rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Jackson with {@link MessagePackFactory}: an array of maps to records. */
  public static List<Row> decodeJackson(byte[] bytes) throws IOException {
    return JACKSON_READER.readValue(bytes);
  }
}
