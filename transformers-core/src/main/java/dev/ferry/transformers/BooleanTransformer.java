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

/** {@code boolean} and {@link Boolean} as Flyte {@code BOOLEAN}. */
public final class BooleanTransformer implements TypeTransformer<Boolean>, MsgpackCodec<Boolean> {
  static final Factory FACTORY =
      (type, engine) ->
          type.rawType() == boolean.class || type.rawType() == Boolean.class
              ? new BooleanTransformer()
              : null;

  private static final LiteralType TYPE = Literals.simple(SimpleType.BOOLEAN);
  private static final int PRIMITIVE_SIZE = 2;

  @Override
  public LiteralType literalType() {
    return TYPE;
  }

  @Override
  public String unionTag() {
    return Tags.BOOL;
  }

  private static boolean check(@Nullable Boolean value) {
    if (value == null) {
      throw new LiteralConversionException("boolean", "null", Boolean.class, TYPE);
    }
    return value;
  }

  @Override
  public Literal toLiteral(@Nullable Boolean value, TransformContext ctx) {
    return Literals.of(Primitive.newBuilder().setBoolean(check(value)).build());
  }

  @Override
  public Boolean toJava(Literal literal, TransformContext ctx) {
    if (literal.hasScalar()
        && literal.getScalar().hasPrimitive()
        && literal.getScalar().getPrimitive().getValueCase() == Primitive.ValueCase.BOOLEAN) {
      return literal.getScalar().getPrimitive().getBoolean();
    }
    throw new LiteralConversionException(
        "a boolean", Literals.describe(literal), Boolean.class, TYPE);
  }

  @Override
  public int serializedSize(@Nullable Boolean value, WireSizes sizes, TransformContext ctx) {
    check(value);
    return LiteralWire.primitiveLiteralSize(PRIMITIVE_SIZE);
  }

  @Override
  public void writeTo(
      @Nullable Boolean value, CodedOutputStream out, WireSizes sizes, TransformContext ctx)
      throws IOException {
    boolean v = check(value);
    LiteralWire.writePrimitiveHeaders(out, PRIMITIVE_SIZE);
    out.writeBool(LiteralWire.PRIMITIVE_BOOLEAN, v);
  }

  @Override
  public Boolean readFrom(CodedInputStream in, TransformContext ctx) throws IOException {
    long ends = LiteralWire.enterPrimitive(in, "a boolean", Boolean.class);
    if (ends == LiteralWire.OFFLOADED) {
      return LiteralWire.readOffloaded(in, this, ctx);
    }
    int tag = LiteralWire.primitiveTag(in, ends, "a boolean", Boolean.class);
    if (tag != LiteralWire.tag(LiteralWire.PRIMITIVE_BOOLEAN, WireFormat.WIRETYPE_VARINT)) {
      throw LiteralWire.mismatch(
          "a boolean",
          LiteralWire.describePrimitiveField(WireFormat.getTagFieldNumber(tag)),
          Boolean.class);
    }
    boolean v = in.readBool();
    LiteralWire.finishPrimitive(in, ends, Boolean.class);
    return v;
  }

  @Override
  public void pack(@Nullable Boolean value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    packer.packBoolean(check(value));
  }

  @Override
  public Boolean unpack(MsgpackReader reader) throws IOException {
    return reader.readBoolean(Boolean.class);
  }

  @Override
  public Value jsonSchema() {
    return Json.type("boolean");
  }
}
