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
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;

/**
 * {@code double}, {@code float} and their boxes as Flyte {@code FLOAT}. Reading also accepts an
 * integer, as the Python SDK does; a {@code float} must hold the value's magnitude.
 */
public final class FloatTransformer<T extends Number>
    implements TypeTransformer<T>, MsgpackCodec<T> {
  static final Factory FACTORY =
      (type, engine) -> {
        Class<?> raw = type.rawType();
        if (raw == double.class || raw == Double.class) {
          return new FloatTransformer<Double>(raw, false);
        } else if (raw == float.class || raw == Float.class) {
          return new FloatTransformer<Float>(raw, true);
        }
        return null;
      };

  private static final LiteralType TYPE = Literals.simple(SimpleType.FLOAT);

  private final Class<?> javaType;
  private final boolean single;

  private FloatTransformer(Class<?> javaType, boolean single) {
    this.javaType = javaType;
    this.single = single;
  }

  @Override
  public LiteralType literalType() {
    return TYPE;
  }

  @Override
  public String unionTag() {
    return Tags.FLOAT;
  }

  private double check(@Nullable T value) {
    if (value == null) {
      throw new LiteralConversionException(single ? "float" : "double", "null", javaType, TYPE);
    }
    return value.doubleValue();
  }

  @SuppressWarnings("unchecked")
  private T narrow(double v) {
    if (single) {
      if (!Double.isInfinite(v) && Math.abs(v) > Float.MAX_VALUE) {
        throw new LiteralConversionException(
            "a float within +-" + Float.MAX_VALUE, "'" + v + "'", javaType, TYPE);
      }
      return (T) Float.valueOf((float) v);
    }
    return (T) Double.valueOf(v);
  }

  @Override
  public Literal toLiteral(@Nullable T value, TransformContext ctx) {
    return Literals.of(Primitive.newBuilder().setFloatValue(check(value)).build());
  }

  @Override
  public T toJava(Literal literal, TransformContext ctx) {
    if (literal.hasScalar() && literal.getScalar().hasPrimitive()) {
      Primitive p = literal.getScalar().getPrimitive();
      if (p.getValueCase() == Primitive.ValueCase.FLOAT_VALUE) {
        return narrow(p.getFloatValue());
      } else if (p.getValueCase() == Primitive.ValueCase.INTEGER) {
        return narrow(p.getInteger());
      }
    }
    throw new LiteralConversionException("a float", Literals.describe(literal), javaType, TYPE);
  }

  @Override
  public int serializedSize(@Nullable T value, WireSizes sizes, TransformContext ctx) {
    check(value);
    return LiteralWire.primitiveLiteralSize(9);
  }

  @Override
  public void writeTo(
      @Nullable T value, CodedOutputStream out, WireSizes sizes, TransformContext ctx)
      throws IOException {
    double v = check(value);
    LiteralWire.writePrimitiveHeaders(out, 9);
    out.writeDouble(LiteralWire.PRIMITIVE_FLOAT, v);
  }

  @Override
  public T readFrom(CodedInputStream in, TransformContext ctx) throws IOException {
    long ends = LiteralWire.enterPrimitive(in, "a float", javaType);
    if (ends == LiteralWire.OFFLOADED) {
      return LiteralWire.readOffloaded(in, this, ctx);
    }
    int tag = LiteralWire.primitiveTag(in, ends, "a float", javaType);
    double v;
    if (tag == LiteralWire.tag(LiteralWire.PRIMITIVE_FLOAT, WireFormat.WIRETYPE_FIXED64)) {
      v = in.readDouble();
    } else if (tag == LiteralWire.tag(LiteralWire.PRIMITIVE_INTEGER, WireFormat.WIRETYPE_VARINT)) {
      v = in.readInt64();
    } else {
      throw LiteralWire.mismatch(
          "a float",
          LiteralWire.describePrimitiveField(WireFormat.getTagFieldNumber(tag)),
          javaType);
    }
    LiteralWire.finishPrimitive(in, ends, javaType);
    return narrow(v);
  }

  @Override
  public void pack(@Nullable T value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    packer.packDouble(check(value));
  }

  @Override
  public T unpack(MsgpackReader reader) throws IOException {
    return narrow(reader.readDouble(javaType));
  }

  @Override
  public Value jsonSchema() {
    return Json.type("number");
  }
}
