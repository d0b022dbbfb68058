package dev.ferry.transformers.msgpack;

import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.TransformContext;
import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Reads a msgpack payload for {@link MsgpackCodec}s, safely: every length prefix is checked against
 * the bytes that remain before anything is allocated, strings must be valid UTF-8, nesting is
 * bounded, and every malformed input becomes a {@link LiteralConversionException}.
 */
public final class MsgpackReader {
  /** The deepest nesting of arrays and maps accepted. */
  public static final int MAX_DEPTH = 256;

  private final TransformContext context;
  private final byte[] bytes;
  private final int offset;
  private final MessageUnpacker unpacker;
  private final long length;
  private int depth;
  private java.nio.charset.@Nullable CharsetDecoder utf8;
  private int lastLength;
  private String lastKey = "";

  private MsgpackReader(byte[] bytes, int offset, int depth, TransformContext context) {
    this.context = context;
    this.bytes = bytes;
    this.offset = offset;
    this.unpacker = MessagePack.newDefaultUnpacker(bytes, offset, bytes.length - offset);
    this.length = bytes.length - offset;
    this.depth = depth;
  }

  /** Returns a reader of {@code bytes}. */
  public static MsgpackReader of(byte[] bytes) {
    return new MsgpackReader(bytes, 0, 0, TransformContext.defaults());
  }

  /** Returns a reader of {@code bytes} for values converted in {@code context}. */
  public static MsgpackReader of(byte[] bytes, TransformContext context) {
    return new MsgpackReader(bytes, 0, 0, context);
  }

  /** Returns the context of the conversion this payload belongs to (blob stores, for files). */
  public TransformContext context() {
    return context;
  }

  /**
   * Returns a second reader positioned where this one is, to look ahead (at the keys of a map, say)
   * without moving this one.
   */
  public MsgpackReader fork() {
    return new MsgpackReader(bytes, offset + (int) unpacker.getTotalReadBytes(), depth, context);
  }

  /** Returns the bytes not yet read. */
  public long remaining() {
    return length - unpacker.getTotalReadBytes();
  }

  /** Returns true when the payload is fully read. */
  public boolean atEnd() throws IOException {
    return !unpacker.hasNext();
  }

  /** Returns the type of the next value. */
  public ValueType peek() throws IOException {
    try {
      if (!unpacker.hasNext()) {
        throw error("a msgpack value", "the end of the payload", (Type) null);
      }
      MessageFormat format = unpacker.getNextFormat();
      return format.getValueType();
    } catch (MessagePackException e) {
      throw malformed("a msgpack value", "malformed msgpack (" + e.getMessage() + ")", e);
    }
  }

  /** Returns a description of the next value for error messages: {@code a string}. */
  public String describeNext() throws IOException {
    if (!unpacker.hasNext()) {
      return "the end of the payload";
    }
    ValueType t = peek();
    switch (t) {
      case NIL:
        return "nil";
      case BOOLEAN:
        return "a boolean";
      case INTEGER:
        return "an integer";
      case FLOAT:
        return "a float";
      case STRING:
        return "a string";
      case BINARY:
        return "binary";
      case ARRAY:
        return "an array";
      case MAP:
        return "a map";
      default:
        return "an extension value";
    }
  }

  /** Returns true and consumes it if the next value is nil. */
  public boolean tryNil() throws IOException {
    if (peek() == ValueType.NIL) {
      unpacker.unpackNil();
      return true;
    }
    return false;
  }

  /** Reads a boolean. */
  public boolean readBoolean(Type javaType) throws IOException {
    expect(ValueType.BOOLEAN, "a boolean", javaType);
    try {
      return unpacker.unpackBoolean();
    } catch (MessagePackException | EOFException e) {
      throw malformed(e);
    }
  }

  /** Reads an integer that fits a long. */
  public long readLong(Type javaType) throws IOException {
    expect(ValueType.INTEGER, "an integer", javaType);
    MessageFormat f = unpacker.getNextFormat();
    if (f == MessageFormat.UINT64) {
      java.math.BigInteger big = guarded(unpacker::unpackBigInteger);
      if (big.bitLength() > 63) {
        throw error("an integer of 64 bits", "'" + big + "'", javaType);
      }
      return big.longValue();
    }
    try {
      return unpacker.unpackLong();
    } catch (MessagePackException | EOFException e) {
      throw malformed(e);
    }
  }

  /** Reads a float, or an integer as a float (the Python SDK writes whole numbers either way). */
  public double readDouble(Type javaType) throws IOException {
    ValueType t = peek();
    if (t == ValueType.INTEGER) {
      return readLong(javaType);
    }
    expect(ValueType.FLOAT, "a float", javaType);
    try {
      return unpacker.unpackDouble();
    } catch (MessagePackException | EOFException e) {
      throw malformed(e);
    }
  }

  /** Reads a UTF-8 string. */
  public String readString(Type javaType) throws IOException {
    int pos = stringPayload(javaType);
    return decode(pos, lastLength, javaType);
  }

  /**
   * Reads a string map key and returns the index of the entry of {@code names} (UTF-8 bytes) equal
   * to it, trying {@code expected} first; returns -1 if none is, and the key is then {@link
   * #lastKey()}. No String is made for a known key.
   */
  public int readKey(byte[][] names, int expected, Type javaType) throws IOException {
    int pos = stringPayload(javaType);
    int len = lastLength;
    if (expected >= 0 && expected < names.length && equalsAt(names[expected], pos, len)) {
      return expected;
    }
    for (int i = 0; i < names.length; i++) {
      if (equalsAt(names[i], pos, len)) {
        return i;
      }
    }
    lastKey = decode(pos, len, String.class);
    return -1;
  }

  /** Returns the key {@link #readKey} found no name for. */
  public String lastKey() {
    return lastKey;
  }

  private boolean equalsAt(byte[] name, int pos, int len) {
    return name.length == len && Arrays.equals(name, 0, len, bytes, pos, pos + len);
  }

  /** Reads a string header and skips its payload; returns the payload's position in bytes. */
  private int stringPayload(Type javaType) throws IOException {
    expect(ValueType.STRING, "a string", javaType);
    int len;
    try {
      len = unpacker.unpackRawStringHeader();
    } catch (MessagePackException | EOFException e) {
      throw malformed(e);
    }
    checkLength(len, "string", javaType);
    int pos = offset + (int) unpacker.getTotalReadBytes();
    try {
      unpacker.readPayloadAsReference(len);
    } catch (MessagePackException | EOFException e) {
      throw malformed(e);
    }
    lastLength = len;
    return pos;
  }

  private String decode(int pos, int len, Type javaType) {
    boolean ascii = true;
    for (int i = pos, end = pos + len; i < end; i++) {
      if (bytes[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(bytes, pos, len, StandardCharsets.ISO_8859_1);
    }
    if (utf8 == null) {
      utf8 =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
    try {
      return utf8.reset().decode(ByteBuffer.wrap(bytes, pos, len)).toString();
    } catch (CharacterCodingException e) {
      throw error("a UTF-8 string", "invalid UTF-8 bytes", javaType);
    }
  }

  /** Reads binary (bin family). */
  public byte[] readBinary(Type javaType) throws IOException {
    expect(ValueType.BINARY, "binary", javaType);
    int len = guarded(unpacker::unpackBinaryHeader);
    return payload(len, "binary", javaType);
  }

  /**
   * Reads an array header; the count is at most the bytes that remain. Call {@link #exit} after.
   */
  public int readArrayHeader(Type javaType) throws IOException {
    expect(ValueType.ARRAY, "an array", javaType);
    int n;
    try {
      n = unpacker.unpackArrayHeader();
    } catch (MessagePackException | EOFException e) {
      throw malformed(e);
    }
    bound(n, 1, "an array", javaType);
    enter(javaType);
    return n;
  }

  /**
   * Reads a map header; the count is at most half the bytes that remain. Call {@link #exit} after.
   */
  public int readMapHeader(Type javaType) throws IOException {
    expect(ValueType.MAP, "a map", javaType);
    int n;
    try {
      n = unpacker.unpackMapHeader();
    } catch (MessagePackException | EOFException e) {
      throw malformed(e);
    }
    bound(n, 2, "a map", javaType);
    enter(javaType);
    return n;
  }

  /** Leaves an array or map entered by a header. */
  public void exit() {
    depth--;
  }

  /** Skips the next value, whatever it is. */
  public void skip() throws IOException {
    peek();
    guardedRun(unpacker::skipValue);
  }

  private void enter(Type javaType) {
    if (++depth > MAX_DEPTH) {
      throw error("msgpack nested at most " + MAX_DEPTH + " deep", "deeper nesting", javaType);
    }
  }

  private void bound(int n, int minBytesEach, String what, Type javaType) {
    if (n < 0 || (long) n * minBytesEach > remaining()) {
      throw error(
          what + " that fits the payload",
          what
              + " header of "
              + Integer.toUnsignedString(n)
              + " entries with "
              + remaining()
              + " byte(s) left",
          javaType);
    }
  }

  private byte[] payload(int len, String what, Type javaType) throws IOException {
    checkLength(len, what, javaType);
    byte[] out = new byte[len];
    guardedRun(() -> unpacker.readPayload(out));
    return out;
  }

  private void checkLength(int len, String what, Type javaType) {
    if (len < 0 || len > remaining()) {
      throw error(
          "a " + what + " that fits the payload",
          "a length of " + Integer.toUnsignedString(len) + " with " + remaining() + " byte(s) left",
          javaType);
    }
  }

  private void expect(ValueType type, String expected, Type javaType) throws IOException {
    if (peek() != type) {
      throw error(expected, describeNext(), javaType);
    }
  }

  /** Returns a data error at the reader's position. */
  public LiteralConversionException error(String expected, String actual, @Nullable Type javaType) {
    return new LiteralConversionException(expected, actual, javaType, null);
  }

  private LiteralConversionException malformed(Exception cause) {
    return malformed(
        "well-formed msgpack", "malformed msgpack (" + cause.getMessage() + ")", cause);
  }

  private LiteralConversionException malformed(String expected, String actual, Exception cause) {
    return new LiteralConversionException(expected, actual, null, null, cause);
  }

  private interface IoSupplier<V> {
    V get() throws IOException;
  }

  private interface IoRunnable {
    void run() throws IOException;
  }

  private <V> V guarded(IoSupplier<V> read) throws IOException {
    try {
      return read.get();
    } catch (MessagePackException | java.io.EOFException e) {
      throw malformed("well-formed msgpack", "malformed msgpack (" + e.getMessage() + ")", e);
    }
  }

  private void guardedRun(IoRunnable read) throws IOException {
    try {
      read.run();
    } catch (MessagePackException | java.io.EOFException e) {
      throw malformed("well-formed msgpack", "malformed msgpack (" + e.getMessage() + ")", e);
    }
  }
}
