package dev.ferry.transformers;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Value;
import com.google.protobuf.WireFormat;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.LiteralWire;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.engine.WireSizes;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Primitive;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.transformers.internal.Json;
import dev.ferry.transformers.internal.Tags;
import dev.ferry.transformers.msgpack.MsgpackCodec;
import dev.ferry.transformers.msgpack.MsgpackReader;
import java.io.IOException;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;

/**
 * {@code long}, {@code int}, {@code short}, {@code byte} and their boxes as Flyte {@code INTEGER}
 * (an int64 on the wire). Reading checks that the value fits the Java type.
 */
public final class IntegerTransformer<T extends Number>
    implements TypeTransformer<T>, MsgpackCodec<T> {
  static final Factory FACTORY =
      (type, engine) -> {
        Class<?> raw = type.rawType();
        if (raw == long.class || raw == Long.class) {
          return new IntegerTransformer<>(raw, "long", Long.MIN_VALUE, Long.MAX_VALUE, v -> v);
        } else if (raw == int.class || raw == Integer.class) {
          return new IntegerTransformer<>(
              raw, "int", Integer.MIN_VALUE, Integer.MAX_VALUE, v -> (int) v);
        } else if (raw == short.class || raw == Short.class) {
          return new IntegerTransformer<>(
              raw, "short", Short.MIN_VALUE, Short.MAX_VALUE, v -> (short) v);
        } else if (raw == byte.class || raw == Byte.class) {
          return new IntegerTransformer<>(
              raw, "byte", Byte.MIN_VALUE, Byte.MAX_VALUE, v -> (byte) v);
        }
        return null;
      };

  private static final LiteralType TYPE = Literals.simple(SimpleType.INTEGER);

  private final Class<?> javaType;
  private final String name;
  private final long min;
  private final long max;
  private final LongFunction<T> box;

  private IntegerTransformer(
      Class<?> javaType, String name, long min, long max, LongFunction<T> box) {
    this.javaType = javaType;
    this.name = name;
    this.min = min;
    this.max = max;
    this.box = box;
  }

  @Override
  public LiteralType literalType() {
    return TYPE;
  }

  @Override
  public String unionTag() {
    return Tags.INT;
  }

  private long check(@Nullable T value) {
    if (value == null) {
      throw new LiteralConversionException(name, "null", javaType, TYPE);
    }
    return value.longValue();
  }

  private T narrow(long v) {
    if (v < min || v > max) {
      throw new LiteralConversionException(
          "an integer that fits " + name + " [" + min + ", " + max + "]",
          "'" + v + "'",
          javaType,
          TYPE);
    }
    return box.apply(v);
  }

  @Override
  public Literal toLiteral(@Nullable T value, TransformContext ctx) {
    return Literals.ofInteger(check(value));
  }

  @Override
  public T toJava(Literal literal, TransformContext ctx) {
    if (literal.hasScalar() && literal.getScalar().hasPrimitive()) {
      Primitive p = literal.getScalar().getPrimitive();
      if (p.getValueCase() == Primitive.ValueCase.INTEGER) {
        return narrow(p.getInteger());
      }
    }
    throw new LiteralConversionException("an integer", Literals.describe(literal), javaType, TYPE);
  }

  @Override
  public int serializedSize(@Nullable T value, WireSizes sizes, TransformContext ctx) {
    return LiteralWire.primitiveLiteralSize(
        1 + CodedOutputStream.computeInt64SizeNoTag(check(value)));
  }

  @Override
  public void writeTo(
      @Nullable T value, CodedOutputStream out, WireSizes sizes, TransformContext ctx)
      throws IOException {
    long v = check(value);
    LiteralWire.writePrimitiveHeaders(out, 1 + CodedOutputStream.computeInt64SizeNoTag(v));
    out.writeInt64(LiteralWire.PRIMITIVE_INTEGER, v);
  }

  @Override
  public T readFrom(CodedInputStream in, TransformContext ctx) throws IOException {
    long ends = LiteralWire.enterPrimitive(in, "an integer", javaType);
    if (ends == LiteralWire.OFFLOADED) {
      return LiteralWire.readOffloaded(in, this, ctx);
    }
    int tag = LiteralWire.primitiveTag(in, ends, "an integer", javaType);
    if (tag != LiteralWire.tag(LiteralWire.PRIMITIVE_INTEGER, WireFormat.WIRETYPE_VARINT)) {
      throw LiteralWire.mismatch(
          "an integer",
          LiteralWire.describePrimitiveField(WireFormat.getTagFieldNumber(tag)),
          javaType);
    }
    long v = in.readInt64();
    LiteralWire.finishPrimitive(in, ends, javaType);
    return narrow(v);
  }

  @Override
  public void pack(@Nullable T value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    packer.packLong(check(value));
  }

  @Override
  public T unpack(MsgpackReader reader) throws IOException {
    return narrow(reader.readLong(javaType));
  }

  @Override
  public Value jsonSchema() {
    return Json.type("integer");
  }
}
