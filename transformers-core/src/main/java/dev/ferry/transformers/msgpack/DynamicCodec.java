package dev.ferry.transformers.msgpack;

import com.google.protobuf.Value;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.TransformContext;
import dev.ferry.transformers.internal.OrderedMaps;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;
import org.msgpack.value.ValueType;

/**
 * The msgpack form of untyped values ({@code Object} in {@code Map<String, Object>}): null,
 * Boolean, Long (and the smaller integers), Double (and Float), String, byte[], List and Map of
 * these. Values read back use those types, integers as Long and floats as Double.
 */
public final class DynamicCodec implements MsgpackCodec<Object> {
  /** The shared instance. */
  public static final DynamicCodec INSTANCE = new DynamicCodec();

  private DynamicCodec() {}

  @Override
  public void pack(@Nullable Object value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    if (value == null) {
      packer.packNil();
    } else if (value instanceof String s) {
      packer.packString(s);
    } else if (value instanceof Boolean b) {
      packer.packBoolean(b);
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      packer.packLong(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      packer.packDouble(((Number) value).doubleValue());
    } else if (value instanceof byte[] bytes) {
      packer.packBinaryHeader(bytes.length);
      packer.writePayload(bytes);
    } else if (value instanceof Collection<?> c) {
      PackDepth.enter(packer, Object.class);
      try {
        packer.packArrayHeader(c.size());
        int i = 0;
        for (Object item : c) {
          try {
            pack(item, packer, ctx);
          } catch (LiteralConversionException e) {
            throw e.atIndex(i);
          }
          i++;
        }
      } finally {
        PackDepth.exit(packer);
      }
    } else if (value instanceof Map<?, ?> m) {
      PackDepth.enter(packer, Object.class);
      try {
        packer.packMapHeader(m.size());
        for (Map.Entry<?, ?> e : OrderedMaps.entries(m)) {
          pack(e.getKey(), packer, ctx);
          try {
            pack(e.getValue(), packer, ctx);
          } catch (LiteralConversionException ex) {
            throw ex.atKey(String.valueOf(e.getKey()));
          }
        }
      } finally {
        PackDepth.exit(packer);
      }
    } else {
      throw new LiteralConversionException(
          "null, a boolean, number, string, byte[], collection or map",
          "a " + value.getClass().getName(),
          Object.class,
          null);
    }
  }

  @Override
  @SuppressWarnings("NullAway") // untyped data holds nils; they are read as null
  public Object unpack(MsgpackReader reader) throws IOException {
    ValueType t = reader.peek();
    switch (t) {
      case NIL:
        reader.tryNil();
        return null;
      case BOOLEAN:
        return reader.readBoolean(Object.class);
      case INTEGER:
        return reader.readLong(Object.class);
      case FLOAT:
        return reader.readDouble(Object.class);
      case STRING:
        return reader.readString(Object.class);
      case BINARY:
        return reader.readBinary(Object.class);
      case ARRAY:
        {
          int n = reader.readArrayHeader(Object.class);
          List<Object> out = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            try {
              out.add(unpack(reader));
            } catch (LiteralConversionException e) {
              throw e.atIndex(i);
            }
          }
          reader.exit();
          return Collections.unmodifiableList(out);
        }
      case MAP:
        {
          int n = reader.readMapHeader(Object.class);
          LinkedHashMap<@Nullable Object, @Nullable Object> out = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) {
            Object key = unpack(reader);
            try {
              out.put(key, unpack(reader));
            } catch (LiteralConversionException e) {
              throw e.atKey(String.valueOf(key));
            }
          }
          reader.exit();
          return OrderedMaps.readOnly(out);
        }
      default:
        throw reader.error(
            "a msgpack value without extension types", reader.describeNext(), Object.class);
    }
  }

  @Override
  public boolean acceptsNil() {
    return true;
  }

  @Override
  public Value jsonSchema() {
    return Value.newBuilder()
        .setStructValue(com.google.protobuf.Struct.getDefaultInstance())
        .build();
  }
}
