package com.acme.money;

import com.google.protobuf.Value;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.transformers.msgpack.JsonSchema;
import dev.ferry.transformers.msgpack.MsgpackCodec;
import dev.ferry.transformers.msgpack.MsgpackReader;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;

// snippet:begin readme-money-transformer
/** Money as the string "12.50 EUR", at top level and inside records. */
public final class MoneyTransformer implements TypeTransformer<Money>, MsgpackCodec<Money> {
  public static final TypeTransformer.Factory FACTORY =
      TypeTransformer.Factory.named(
          "MoneyTransformer",
          (type, engine) -> type.rawType() == Money.class ? new MoneyTransformer() : null);

  private static final LiteralType TYPE = Literals.simple(SimpleType.STRING);
  private static final Value SCHEMA =
      JsonSchema.parse(
          """
          {"type": "string", "pattern": "^-?[0-9]+([.][0-9]+)? [A-Z]{3}$"}
          """);

  @Override
  public LiteralType literalType() {
    return TYPE;
  }

  /** The variant tag of Money in a union (Optional<Money>): the Python transformer's name. */
  @Override
  public String unionTag() {
    return "Money";
  }

  @Override
  public Literal toLiteral(@Nullable Money value, TransformContext ctx) {
    return Literals.ofString(text(value));
  }

  @Override
  public Money toJava(Literal literal, TransformContext ctx) {
    return parse(Literals.stringValue(literal, Money.class, TYPE));
  }

  // Inside a record: the same string, in msgpack, with its JSON Schema.

  @Override
  public void pack(@Nullable Money value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    packer.packString(text(value));
  }

  @Override
  public Money unpack(MsgpackReader reader) throws IOException {
    return parse(reader.readString(Money.class));
  }

  @Override
  public Value jsonSchema() {
    return SCHEMA;
  }

  private static String text(@Nullable Money value) {
    if (value == null) {
      throw new LiteralConversionException("a Money", "null", Money.class, TYPE);
    }
    return value.toString();
  }

  private static Money parse(String text) {
    try {
      return Money.parse(text);
    } catch (IllegalArgumentException e) {
      throw new LiteralConversionException(
          "money such as '12.50 EUR'", Literals.quote(text), Money.class, TYPE, e);
    }
  }
}
// snippet:end readme-money-transformer
