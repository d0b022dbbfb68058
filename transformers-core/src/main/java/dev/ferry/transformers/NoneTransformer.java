package dev.ferry.transformers;

import com.google.protobuf.Value;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.transformers.internal.Json;
import dev.ferry.transformers.internal.Tags;
import dev.ferry.transformers.msgpack.MsgpackCodec;
import dev.ferry.transformers.msgpack.MsgpackReader;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;

/** {@link Void} as Flyte {@code NONE}: the only value is null, the literal {@code none_type {}}. */
public final class NoneTransformer implements TypeTransformer<Void>, MsgpackCodec<Void> {
  static final Factory FACTORY =
      (type, engine) ->
          type.rawType() == Void.class || type.rawType() == void.class
              ? new NoneTransformer()
              : null;

  private static final LiteralType TYPE = Literals.simple(SimpleType.NONE);

  @Override
  public LiteralType literalType() {
    return TYPE;
  }

  @Override
  public String unionTag() {
    return Tags.NONE;
  }

  @Override
  public Literal toLiteral(@Nullable Void value, TransformContext ctx) {
    return Literals.none();
  }

  @Override
  @SuppressWarnings("NullAway") // Void has no value but null
  public Void toJava(Literal literal, TransformContext ctx) {
    if (literal.hasScalar() && literal.getScalar().hasNoneType()) {
      return null;
    }
    throw new LiteralConversionException("none", Literals.describe(literal), Void.class, TYPE);
  }

  @Override
  public void pack(@Nullable Void value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    packer.packNil();
  }

  @Override
  @SuppressWarnings("NullAway") // Void has no value but null
  public Void unpack(MsgpackReader reader) throws IOException {
    if (!reader.tryNil()) {
      throw reader.error("nil", reader.describeNext(), Void.class);
    }
    return null;
  }

  @Override
  public boolean acceptsNil() {
    return true;
  }

  @Override
  public Value jsonSchema() {
    return Json.type("null");
  }
}
