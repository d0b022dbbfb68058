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

/** {@link String} as Flyte {@code STRING}. */
public final class StringTransformer implements TypeTransformer<String>, MsgpackCodec<String> {
  static final Factory FACTORY =
      (type, engine) -> type.rawType() == String.class ? new StringTransformer() : null;

  private static final LiteralType TYPE = Literals.simple(SimpleType.STRING);

  @Override
  public LiteralType literalType() {
    return TYPE;
  }

  @Override
  public String unionTag() {
    return Tags.STR;
  }

  private static String check(@Nullable String value) {
    if (value == null) {
      throw new LiteralConversionException("a string", "null", String.class, TYPE);
    }
    return value;
  }

  @Override
  public Literal toLiteral(@Nullable String value, TransformContext ctx) {
    return Literals.ofString(check(value));
  }

  @Override
  public String toJava(Literal literal, TransformContext ctx) {
    if (literal.hasScalar()
        && literal.getScalar().hasPrimitive()
        && literal.getScalar().getPrimitive().getValueCase() == Primitive.ValueCase.STRING_VALUE) {
      return literal.getScalar().getPrimitive().getStringValue();
    }
    throw new LiteralConversionException(
        "a string", Literals.describe(literal), String.class, TYPE);
  }

  @Override
  public int serializedSize(@Nullable String value, WireSizes sizes, TransformContext ctx) {
    return LiteralWire.primitiveLiteralSize(
        CodedOutputStream.computeStringSize(LiteralWire.PRIMITIVE_STRING, check(value)));
  }

  @Override
  public void writeTo(
      @Nullable String value, CodedOutputStream out, WireSizes sizes, TransformContext ctx)
      throws IOException {
    String v = check(value);
    LiteralWire.writePrimitiveHeaders(
        out, CodedOutputStream.computeStringSize(LiteralWire.PRIMITIVE_STRING, v));
    out.writeString(LiteralWire.PRIMITIVE_STRING, v);
  }

  @Override
  public String readFrom(CodedInputStream in, TransformContext ctx) throws IOException {
    long ends = LiteralWire.enterPrimitive(in, "a string", String.class);
    if (ends == LiteralWire.OFFLOADED) {
      return LiteralWire.readOffloaded(in, this, ctx);
    }
    int tag = LiteralWire.primitiveTag(in, ends, "a string", String.class);
    if (tag
        != LiteralWire.tag(LiteralWire.PRIMITIVE_STRING, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
      throw LiteralWire.mismatch(
          "a string",
          LiteralWire.describePrimitiveField(WireFormat.getTagFieldNumber(tag)),
          String.class);
    }
    String v = in.readStringRequireUtf8();
    LiteralWire.finishPrimitive(in, ends, String.class);
    return v;
  }

  @Override
  public void pack(@Nullable String value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    packer.packString(check(value));
  }

  @Override
  public String unpack(MsgpackReader reader) throws IOException {
    return reader.readString(String.class);
  }

  @Override
  public Value jsonSchema() {
    return Json.type("string");
  }
}
