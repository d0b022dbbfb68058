package dev.ferry.transformers;

import com.google.protobuf.ByteString;
import com.google.protobuf.Value;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.idl.core.Binary;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Scalar;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.transformers.internal.Json;
import dev.ferry.transformers.internal.Tags;
import dev.ferry.transformers.msgpack.MsgpackCodec;
import dev.ferry.transformers.msgpack.MsgpackReader;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;

/**
 * {@code byte[]} as Flyte {@code BINARY}: {@code Scalar.binary} with an empty tag (msgpack in
 * records). Arrays are copied in and out, so the caller's array is never shared.
 */
public final class BinaryTransformer implements TypeTransformer<byte[]>, MsgpackCodec<byte[]> {
  static final Factory FACTORY =
      (type, engine) -> type.rawType() == byte[].class ? new BinaryTransformer() : null;

  private static final LiteralType TYPE = Literals.simple(SimpleType.BINARY);

  @Override
  public LiteralType literalType() {
    return TYPE;
  }

  @Override
  public String unionTag() {
    return Tags.BYTES;
  }

  private static byte[] check(byte @Nullable [] value) {
    if (value == null) {
      throw new LiteralConversionException("byte[]", "null", byte[].class, TYPE);
    }
    return value;
  }

  @Override
  public Literal toLiteral(byte @Nullable [] value, TransformContext ctx) {
    return Literal.newBuilder()
        .setScalar(
            Scalar.newBuilder()
                .setBinary(Binary.newBuilder().setValue(ByteString.copyFrom(check(value)))))
        .build();
  }

  @Override
  public byte[] toJava(Literal literal, TransformContext ctx) {
    if (literal.hasScalar() && literal.getScalar().hasBinary()) {
      Binary b = literal.getScalar().getBinary();
      if (b.getTag().isEmpty()) {
        return b.getValue().toByteArray();
      }
    }
    throw new LiteralConversionException(
        "binary with an empty tag", Literals.describe(literal), byte[].class, TYPE);
  }

  @Override
  public void pack(byte @Nullable [] value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    byte[] v = check(value);
    packer.packBinaryHeader(v.length);
    packer.writePayload(v);
  }

  @Override
  public byte[] unpack(MsgpackReader reader) throws IOException {
    return reader.readBinary(byte[].class);
  }

  @Override
  public Value jsonSchema() {
    return Json.obj("type", "string", "format", "binary");
  }
}
