package dev.ferry.transformers;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Value;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeRef;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.engine.WireSizes;
import dev.ferry.idl.core.EnumType;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.transformers.internal.Json;
import dev.ferry.transformers.internal.Tags;
import dev.ferry.transformers.msgpack.MsgpackCodec;
import dev.ferry.transformers.msgpack.MsgpackReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;

/**
 * Java enums as Flyte {@code enum_type}: the values are the constant names in declaration order, or
 * the names given by {@link EnumValue}; a value travels as a string.
 */
public final class EnumTransformer<E extends Enum<E>>
    implements TypeTransformer<E>, MsgpackCodec<E> {
  static final Factory FACTORY =
      (type, engine) -> type.rawType().isEnum() ? create(type, type.rawType()) : null;

  private static final StringTransformer STRINGS = new StringTransformer();

  private final Class<E> enumType;
  private final List<String> values;
  private final Map<String, E> byValue;
  private final String[] valueOf;
  private final LiteralType literalType;

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TypeTransformer<?> create(TypeRef<?> type, Class<?> raw) {
    return new EnumTransformer(type, raw);
  }

  private EnumTransformer(TypeRef<?> type, Class<E> enumType) {
    this.enumType = enumType;
    E[] constants = enumType.getEnumConstants();
    this.values = new ArrayList<>();
    this.byValue = new HashMap<>();
    this.valueOf = new String[constants.length];
    for (E constant : constants) {
      String value = constant.name();
      try {
        EnumValue annotation = enumType.getField(constant.name()).getAnnotation(EnumValue.class);
        if (annotation != null) {
          value = annotation.value();
        }
      } catch (NoSuchFieldException e) {
        throw new TypeDefinitionException(
            type, "enum constant " + constant.name() + " not found", e);
      }
      if (byValue.put(value, constant) != null) {
        throw new TypeDefinitionException(
            type,
            "enum " + enumType.getName() + " has two constants with the value '" + value + "'");
      }
      values.add(value);
      valueOf[constant.ordinal()] = value;
    }
    this.literalType =
        LiteralType.newBuilder().setEnumType(EnumType.newBuilder().addAllValues(values)).build();
  }

  @Override
  public LiteralType literalType() {
    return literalType;
  }

  @Override
  public String unionTag() {
    return Tags.ENUM;
  }

  private String value(@Nullable E constant) {
    if (constant == null) {
      throw new LiteralConversionException("one of " + values, "null", enumType, literalType);
    }
    return valueOf[constant.ordinal()];
  }

  private E constant(String value) {
    E constant = byValue.get(value);
    if (constant == null) {
      throw new LiteralConversionException(
          "one of " + values, Literals.quote(value), enumType, literalType);
    }
    return constant;
  }

  @Override
  public Literal toLiteral(@Nullable E value, TransformContext ctx) {
    return Literals.ofString(value(value));
  }

  @Override
  public E toJava(Literal literal, TransformContext ctx) {
    if (literal.hasScalar()
        && literal.getScalar().hasPrimitive()
        && literal.getScalar().getPrimitive().hasStringValue()) {
      return constant(literal.getScalar().getPrimitive().getStringValue());
    }
    throw new LiteralConversionException(
        "one of " + values, Literals.describe(literal), enumType, literalType);
  }

  @Override
  public int serializedSize(@Nullable E value, WireSizes sizes, TransformContext ctx) {
    return STRINGS.serializedSize(value(value), sizes, ctx);
  }

  @Override
  public void writeTo(
      @Nullable E value, CodedOutputStream out, WireSizes sizes, TransformContext ctx)
      throws IOException {
    STRINGS.writeTo(value(value), out, sizes, ctx);
  }

  @Override
  public E readFrom(CodedInputStream in, TransformContext ctx) throws IOException {
    try {
      return constant(STRINGS.readFrom(in, ctx));
    } catch (LiteralConversionException e) {
      if (e.expected().equals("a string")) {
        throw new LiteralConversionException("one of " + values, e.actual(), enumType, literalType);
      }
      throw e;
    }
  }

  @Override
  public void pack(@Nullable E value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    packer.packString(value(value));
  }

  @Override
  public E unpack(MsgpackReader reader) throws IOException {
    return constant(reader.readString(enumType));
  }

  @Override
  public Value jsonSchema() {
    return Json.obj("enum", Json.strings(values));
  }
}
