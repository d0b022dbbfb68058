package dev.ferry.transformers;

import com.google.protobuf.ByteString;
import com.google.protobuf.Value;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeRef;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.idl.core.Binary;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Scalar;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.transformers.internal.Codecs;
import dev.ferry.transformers.internal.Json;
import dev.ferry.transformers.internal.OrderedMaps;
import dev.ferry.transformers.internal.Packers;
import dev.ferry.transformers.internal.StructMsgpack;
import dev.ferry.transformers.internal.Tags;
import dev.ferry.transformers.msgpack.DynamicCodec;
import dev.ferry.transformers.msgpack.MsgpackCodec;
import dev.ferry.transformers.msgpack.MsgpackReader;
import dev.ferry.transformers.msgpack.PackDepth;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;

/**
 * Maps the Python SDK treats as an untyped {@code dict}: keys other than String ({@code Map<Long,
 * V>}) or {@code Object} values ({@code Map<String, Object>}). Type {@code STRUCT} with the msgpack
 * annotation (no schema); value {@code Scalar.binary{msgpack map, tag "msgpack"}}. Reading also
 * accepts {@code Scalar.generic}. {@code Object} values are those {@link DynamicCodec} supports.
 */
public final class UntypedMapTransformer<K, V>
    implements TypeTransformer<Map<K, V>>, MsgpackCodec<Map<K, V>> {
  static final Factory FACTORY =
      (type, engine) -> {
        if (type.rawType() != Map.class) {
          return null;
        }
        TypeRef<?> keyType = type.typeArgument(0);
        TypeRef<?> valueType = type.typeArgument(1);
        if (keyType.rawType() == String.class && valueType.rawType() != Object.class) {
          return null; // a typed map
        }
        return new UntypedMapTransformer<>(
            type,
            codec(engine, keyType, "key of " + type),
            codec(engine, valueType, "value of " + type));
      };

  private static final LiteralType TYPE =
      LiteralType.newBuilder()
          .setSimple(SimpleType.STRUCT)
          .setAnnotation(Tags.MSGPACK_ANNOTATION)
          .build();

  private final TypeRef<?> type;
  private final MsgpackCodec<K> keys;
  private final MsgpackCodec<V> values;

  @SuppressWarnings("unchecked")
  private static <X> MsgpackCodec<X> codec(
      dev.ferry.engine.TypeEngine engine, TypeRef<?> type, String role) {
    if (type.rawType() == Object.class) {
      return (MsgpackCodec<X>) DynamicCodec.INSTANCE;
    }
    TypeTransformer<X> t = (TypeTransformer<X>) engine.transformer(type, role);
    return Codecs.require(t, type, "in an untyped map");
  }

  private UntypedMapTransformer(TypeRef<?> type, MsgpackCodec<K> keys, MsgpackCodec<V> values) {
    this.type = type;
    this.keys = keys;
    this.values = values;
  }

  @Override
  public LiteralType literalType() {
    return TYPE;
  }

  @Override
  public String unionTag() {
    return Tags.DICT;
  }

  @Override
  public Literal toLiteral(@Nullable Map<K, V> value, TransformContext ctx) {
    byte[] bytes = Packers.encode(packer -> pack(value, packer, ctx));
    return Literal.newBuilder()
        .setScalar(
            Scalar.newBuilder()
                .setBinary(
                    Binary.newBuilder().setValue(ByteString.copyFrom(bytes)).setTag("msgpack")))
        .build();
  }

  @Override
  public Map<K, V> toJava(Literal literal, TransformContext ctx) {
    byte[] bytes = null;
    if (literal.hasScalar()
        && literal.getScalar().hasBinary()
        && literal.getScalar().getBinary().getTag().equals("msgpack")) {
      bytes = literal.getScalar().getBinary().getValue().toByteArray();
    } else if (literal.hasScalar() && literal.getScalar().hasGeneric()) {
      try {
        bytes = StructMsgpack.toMsgpack(literal.getScalar().getGeneric());
      } catch (IllegalArgumentException e) {
        throw new LiteralConversionException(
            "a generic struct", String.valueOf(e.getMessage()), type.type(), TYPE);
      }
    }
    if (bytes == null) {
      throw new LiteralConversionException(
          "msgpack binary or a generic struct", Literals.describe(literal), type.type(), TYPE);
    }
    MsgpackReader reader = MsgpackReader.of(bytes, ctx);
    try {
      Map<K, V> map = unpack(reader);
      if (!reader.atEnd()) {
        throw reader.error("one msgpack map", "trailing bytes after it", type.type());
      }
      return map;
    } catch (IOException e) {
      throw new LiteralConversionException(
          "well-formed msgpack", "unreadable bytes", type.type(), TYPE, e);
    }
  }

  @Override
  public void pack(@Nullable Map<K, V> value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    if (value == null) {
      throw new LiteralConversionException("a map", "null", type.type(), TYPE);
    }
    PackDepth.enter(packer, type.type());
    try {
      packer.packMapHeader(value.size());
      for (Map.Entry<K, V> e : OrderedMaps.entries(value)) {
        keys.pack(e.getKey(), packer, ctx);
        try {
          values.pack(e.getValue(), packer, ctx);
        } catch (LiteralConversionException ex) {
          throw ex.atKey(String.valueOf(e.getKey()));
        }
      }
    } finally {
      PackDepth.exit(packer);
    }
  }

  @Override
  public Map<K, V> unpack(MsgpackReader reader) throws IOException {
    int n = reader.readMapHeader(type.type());
    LinkedHashMap<K, V> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      K key = keys.unpack(reader);
      try {
        out.put(key, values.unpack(reader));
      } catch (LiteralConversionException e) {
        throw e.atKey(String.valueOf(key));
      }
    }
    reader.exit();
    return OrderedMaps.readOnly(out);
  }

  @Override
  public Value jsonSchema() {
    return Json.type("object");
  }
}
