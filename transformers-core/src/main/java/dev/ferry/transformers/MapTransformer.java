package dev.ferry.transformers;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Value;
import com.google.protobuf.WireFormat;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.LiteralWire;
import dev.ferry.engine.Literals;
import dev.ferry.engine.OffloadedLiteralResolver;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeRef;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.engine.WireSizes;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.transformers.internal.Codecs;
import dev.ferry.transformers.internal.Json;
import dev.ferry.transformers.internal.OrderedMaps;
import dev.ferry.transformers.internal.Tags;
import dev.ferry.transformers.msgpack.MsgpackCodec;
import dev.ferry.transformers.msgpack.MsgpackReader;
import dev.ferry.transformers.msgpack.PackDepth;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;

/**
 * {@code Map<String, T>} (with a {@code T} that has a Flyte type) as Flyte {@code map_value_type}:
 * a {@code LiteralMap}. Entries are written sorted by key, so the bytes are deterministic. Maps
 * read back are unmodifiable and keep the order of the literal.
 *
 * <p>Inside a record (msgpack) a map with a defined order ({@code LinkedHashMap}, {@code
 * SortedMap}, a map read from msgpack) is written in that order, as the Python SDK writes a dict in
 * insertion order; any other map is written sorted by key (see {@link OrderedMaps}).
 */
public final class MapTransformer<T>
    implements TypeTransformer<Map<String, T>>, MsgpackCodec<Map<String, T>>, Codecs.Components {
  static final Factory FACTORY =
      (type, engine) -> {
        if (type.rawType() != Map.class
            || type.typeArgument(0).rawType() != String.class
            || type.typeArgument(1).rawType() == Object.class) {
          return null;
        }
        return create(type, engine.transformer(type.typeArgument(1), "value of " + type));
      };

  private static final int ENTRY_KEY = 1;
  private static final int ENTRY_VALUE = 2;

  private final TypeRef<?> type;
  private final TypeTransformer<T> values;

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TypeTransformer<?> create(TypeRef<?> type, TypeTransformer<?> values) {
    return new MapTransformer(type, values);
  }

  private MapTransformer(TypeRef<?> type, TypeTransformer<T> values) {
    this.type = type;
    this.values = values;
  }

  @Override
  public List<TypeTransformer<?>> components() {
    return List.of(values);
  }

  @Override
  public LiteralType literalType() {
    return LiteralType.newBuilder().setMapValueType(values.literalType()).build();
  }

  @Override
  public String unionTag() {
    return Tags.DICT;
  }

  @Override
  public <C> @Nullable C as(Class<C> capability) {
    if (capability == MsgpackCodec.class && values.as(MsgpackCodec.class) == null) {
      return null;
    }
    return TypeTransformer.super.as(capability);
  }

  private Map<String, T> check(@Nullable Map<String, T> value) {
    if (value == null) {
      throw new LiteralConversionException("a map", "null", type.type(), null);
    }
    return value;
  }

  private String[] sortedKeys(Map<String, T> map) {
    String[] keys = new String[map.size()];
    int i = 0;
    for (String key : map.keySet()) {
      if (key == null) {
        throw new LiteralConversionException("a string key", "null", type.type(), null);
      }
      keys[i++] = key;
    }
    Arrays.sort(keys);
    return keys;
  }

  /** The keys in msgpack order: the map's own if it has a defined one, else sorted. */
  private String[] packedKeys(Map<String, T> map) {
    if (!OrderedMaps.hasDefinedOrder(map)) {
      return sortedKeys(map);
    }
    String[] keys = new String[map.size()];
    int i = 0;
    for (String key : map.keySet()) {
      if (key == null) {
        throw new LiteralConversionException("a string key", "null", type.type(), null);
      }
      keys[i++] = key;
    }
    return keys;
  }

  @Override
  public Literal toLiteral(@Nullable Map<String, T> value, TransformContext ctx) {
    Map<String, T> map = check(value);
    LiteralMap.Builder b = LiteralMap.newBuilder();
    for (String key : sortedKeys(map)) {
      try {
        b.putLiterals(key, values.toLiteral(map.get(key), ctx));
      } catch (LiteralConversionException e) {
        throw e.atKey(key);
      }
    }
    return Literal.newBuilder().setMap(b).build();
  }

  @Override
  public Map<String, T> toJava(Literal literal, TransformContext ctx) {
    if (!literal.hasMap()) {
      throw new LiteralConversionException(
          "a map", Literals.describe(literal), type.type(), literalType());
    }
    LinkedHashMap<String, T> out = new LinkedHashMap<>();
    for (Map.Entry<String, Literal> e : literal.getMap().getLiteralsMap().entrySet()) {
      try {
        out.put(
            e.getKey(), values.toJava(OffloadedLiteralResolver.resolve(e.getValue(), ctx), ctx));
      } catch (LiteralConversionException ex) {
        throw ex.atKey(e.getKey());
      }
    }
    return OrderedMaps.readOnly(out);
  }

  @Override
  public int serializedSize(@Nullable Map<String, T> value, WireSizes sizes, TransformContext ctx) {
    Map<String, T> map = check(value);
    String[] keys = sortedKeys(map);
    sizes.pushPayload(keys);
    int slot = sizes.reserve();
    int body = 0;
    for (String key : keys) {
      int entrySlot = sizes.reserve();
      int valueSize;
      try {
        valueSize = values.serializedSize(map.get(key), sizes, ctx);
      } catch (LiteralConversionException e) {
        throw e.atKey(key);
      }
      int entry =
          CodedOutputStream.computeStringSize(ENTRY_KEY, key)
              + LiteralWire.fieldSize(ENTRY_VALUE, valueSize);
      sizes.set(entrySlot, valueSize);
      body += LiteralWire.fieldSize(LiteralWire.LITERALS, entry);
    }
    sizes.set(slot, body);
    return LiteralWire.fieldSize(LiteralWire.LITERAL_MAP, body);
  }

  @Override
  public void writeTo(
      @Nullable Map<String, T> value, CodedOutputStream out, WireSizes sizes, TransformContext ctx)
      throws IOException {
    Map<String, T> map = check(value);
    String[] keys = (String[]) sizes.nextPayload();
    LiteralWire.writeHeader(out, LiteralWire.LITERAL_MAP, sizes.nextSize());
    for (String key : keys) {
      int valueSize = sizes.nextSize();
      int entry =
          CodedOutputStream.computeStringSize(ENTRY_KEY, key)
              + LiteralWire.fieldSize(ENTRY_VALUE, valueSize);
      LiteralWire.writeHeader(out, LiteralWire.LITERALS, entry);
      out.writeString(ENTRY_KEY, key);
      LiteralWire.writeHeader(out, ENTRY_VALUE, valueSize);
      values.writeTo(map.get(key), out, sizes, ctx);
    }
  }

  @Override
  public Map<String, T> readFrom(CodedInputStream in, TransformContext ctx) throws IOException {
    LinkedHashMap<String, T> out = null;
    while (true) {
      int tag = in.readTag();
      if (tag == 0) {
        break;
      }
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == LiteralWire.LITERAL_MAP
          && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        int limit = in.pushLimit(in.readRawVarint32());
        out = out == null ? new LinkedHashMap<>() : out;
        readEntries(in, ctx, out);
        in.popLimit(limit);
      } else if (LiteralWire.isOffloaded(tag)) {
        return LiteralWire.readOffloaded(in, this, ctx);
      } else if (field == LiteralWire.LITERAL_HASH || field == LiteralWire.LITERAL_METADATA) {
        in.skipField(tag);
      } else {
        throw LiteralWire.mismatch("a map", LiteralWire.describeLiteralField(field), type.type());
      }
    }
    if (out == null) {
      throw LiteralWire.mismatch("a map", "an empty literal", type.type());
    }
    return OrderedMaps.readOnly(out);
  }

  private void readEntries(CodedInputStream in, TransformContext ctx, Map<String, T> out)
      throws IOException {
    while (true) {
      int tag = in.readTag();
      if (tag == 0) {
        return;
      }
      if (tag != LiteralWire.lengthDelimitedTag(LiteralWire.LITERALS)) {
        in.skipField(tag);
        continue;
      }
      int entryLimit = in.pushLimit(in.readRawVarint32());
      String key = "";
      T value = null;
      boolean hasValue = false;
      while (true) {
        int t = in.readTag();
        if (t == 0) {
          break;
        }
        if (t == LiteralWire.lengthDelimitedTag(ENTRY_KEY)) {
          key = in.readStringRequireUtf8();
        } else if (t == LiteralWire.lengthDelimitedTag(ENTRY_VALUE)) {
          int limit = in.pushLimit(in.readRawVarint32());
          try {
            value = values.readFrom(in, ctx);
          } catch (LiteralConversionException e) {
            throw e.atKey(key);
          }
          hasValue = true;
          in.popLimit(limit);
        } else {
          in.skipField(t);
        }
      }
      if (!hasValue) {
        // an entry without a value holds the default Literal, which fits no type
        try {
          value = values.toJava(Literal.getDefaultInstance(), ctx);
        } catch (LiteralConversionException e) {
          throw e.atKey(key);
        }
      }
      out.put(key, value);
      in.popLimit(entryLimit);
    }
  }

  @Override
  public void pack(@Nullable Map<String, T> value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    Map<String, T> map = check(value);
    MsgpackCodec<T> codec = Codecs.require(values, type, "inside a record");
    PackDepth.enter(packer, type.type());
    try {
      packer.packMapHeader(map.size());
      for (String key : packedKeys(map)) {
        packer.packString(key);
        try {
          codec.pack(map.get(key), packer, ctx);
        } catch (LiteralConversionException ex) {
          throw ex.atKey(key);
        }
      }
    } finally {
      PackDepth.exit(packer);
    }
  }

  @Override
  public Map<String, T> unpack(MsgpackReader reader) throws IOException {
    MsgpackCodec<T> codec = Codecs.require(values, type, "inside a record");
    int n = reader.readMapHeader(type.type());
    LinkedHashMap<String, T> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String key = reader.readString(String.class);
      try {
        out.put(key, codec.unpack(reader));
      } catch (LiteralConversionException e) {
        throw e.atKey(key);
      }
    }
    reader.exit();
    return OrderedMaps.readOnly(out);
  }

  @Override
  public Value jsonSchema() {
    MsgpackCodec<T> codec = Codecs.require(values, type, "inside a record");
    return Json.obj(
        "type",
        "object",
        "additionalProperties",
        codec.jsonSchema(),
        "propertyNames",
        Json.type("string"));
  }
}
