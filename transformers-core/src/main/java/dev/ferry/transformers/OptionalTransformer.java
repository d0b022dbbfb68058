package dev.ferry.transformers;

import com.google.protobuf.Value;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeRef;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Scalar;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.idl.core.Union;
import dev.ferry.idl.core.UnionType;
import dev.ferry.transformers.internal.Codecs;
import dev.ferry.transformers.internal.Json;
import dev.ferry.transformers.internal.Tags;
import dev.ferry.transformers.msgpack.MsgpackCodec;
import dev.ferry.transformers.msgpack.MsgpackReader;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;

/**
 * {@code Optional<T>} as the Python SDK's {@code Optional[T]}: {@code union_type[T, none]} with the
 * variants tagged as that SDK tags them; the literal is {@code Scalar.union{value, type of the
 * chosen variant}}. An optional sealed union flattens into one union, as {@code Optional[Union[A,
 * B]]} does in Python. Reading also accepts a bare value or a bare none. Null is read as empty.
 */
public final class OptionalTransformer<T>
    implements TypeTransformer<Optional<T>>, MsgpackCodec<Optional<T>>, Codecs.Components {
  static final Factory FACTORY =
      (type, engine) -> {
        if (type.rawType() != Optional.class) {
          return null;
        }
        TypeRef<?> valueType = type.typeArgument(0);
        if (valueType.rawType() == Optional.class) {
          throw new TypeDefinitionException(
              type, "Optional<Optional<...>> has no Flyte type: an empty value is ambiguous");
        }
        return create(type, engine.transformer(valueType, "value of " + type));
      };

  private static final LiteralType NONE = Tags.variant(Literals.simple(SimpleType.NONE), Tags.NONE);
  private static final Literal EMPTY =
      Literal.newBuilder()
          .setScalar(
              Scalar.newBuilder()
                  .setUnion(Union.newBuilder().setValue(Literals.none()).setType(NONE)))
          .build();

  private final TypeRef<?> type;
  private final TypeTransformer<T> value;

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TypeTransformer<?> create(TypeRef<?> type, TypeTransformer<?> value) {
    return new OptionalTransformer(type, value);
  }

  private OptionalTransformer(TypeRef<?> type, TypeTransformer<T> value) {
    this.type = type;
    this.value = value;
  }

  private boolean flattens() {
    return value.literalType().hasUnionType();
  }

  @Override
  public List<TypeTransformer<?>> components() {
    return List.of(value);
  }

  @Override
  public LiteralType literalType() {
    LiteralType inner = value.literalType();
    UnionType.Builder union = UnionType.newBuilder();
    if (inner.hasUnionType()) {
      union.addAllVariants(inner.getUnionType().getVariantsList());
    } else {
      union.addVariants(Tags.variant(inner, value.unionTag()));
    }
    return LiteralType.newBuilder().setUnionType(union.addVariants(NONE)).build();
  }

  @Override
  public String unionTag() {
    return "Typed Union";
  }

  @Override
  public <C> @Nullable C as(Class<C> capability) {
    if (capability == MsgpackCodec.class && value.as(MsgpackCodec.class) == null) {
      return null;
    }
    return TypeTransformer.super.as(capability);
  }

  @Override
  public Literal toLiteral(@Nullable Optional<T> optional, TransformContext ctx) {
    if (optional == null || optional.isEmpty()) {
      return EMPTY;
    }
    Literal literal = value.toLiteral(optional.get(), ctx);
    if (flattens()) {
      return literal;
    }
    return Literal.newBuilder()
        .setScalar(
            Scalar.newBuilder()
                .setUnion(
                    Union.newBuilder()
                        .setValue(literal)
                        .setType(Tags.variant(value.literalType(), value.unionTag()))))
        .build();
  }

  @Override
  public Optional<T> toJava(Literal literal, TransformContext ctx) {
    if (literal.hasScalar() && literal.getScalar().hasUnion()) {
      Union union = literal.getScalar().getUnion();
      String tag = union.getType().getStructure().getTag();
      if (tag.equals(Tags.NONE)
          || (union.getValue().hasScalar() && union.getValue().getScalar().hasNoneType())) {
        return Optional.empty();
      }
      if (flattens()) {
        return Optional.of(value.toJava(literal, ctx));
      }
      if (!tag.isEmpty() && !tag.equals(value.unionTag())) {
        throw new LiteralConversionException(
            "a union variant tagged one of " + List.of(value.unionTag(), Tags.NONE),
            Literals.quote(tag),
            type.type(),
            literalType());
      }
      return Optional.of(value.toJava(union.getValue(), ctx));
    }
    if (literal.hasScalar() && literal.getScalar().hasNoneType()) {
      return Optional.empty();
    }
    return Optional.of(value.toJava(literal, ctx));
  }

  @Override
  public void pack(@Nullable Optional<T> optional, MessagePacker packer, TransformContext ctx)
      throws IOException {
    if (optional == null || optional.isEmpty()) {
      packer.packNil();
    } else {
      Codecs.require(value, type, "inside a record").pack(optional.get(), packer, ctx);
    }
  }

  @Override
  public Optional<T> unpack(MsgpackReader reader) throws IOException {
    if (reader.tryNil()) {
      return Optional.empty();
    }
    return Optional.of(Codecs.require(value, type, "inside a record").unpack(reader));
  }

  @Override
  public boolean acceptsNil() {
    return true;
  }

  @Override
  public Value jsonSchema() {
    Value inner = Codecs.require(value, type, "inside a record").jsonSchema();
    return Json.orNull(inner);
  }
}
