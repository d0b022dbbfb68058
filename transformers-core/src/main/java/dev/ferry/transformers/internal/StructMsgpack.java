package dev.ferry.transformers.internal;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.io.IOException;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * Converts a {@code google.protobuf.Struct} (the {@code Scalar.generic} form of a dataclass that
 * older SDKs write) to the msgpack a record reads: numbers that are whole become integers.
 */
public final class StructMsgpack {
  private static final int MAX_DEPTH = 256;

  private StructMsgpack() {}

  /** Returns the msgpack bytes of {@code struct}; nesting deeper than 256 is refused. */
  public static byte[] toMsgpack(Struct struct) {
    try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
      packStruct(struct, packer, 0);
      return packer.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void packStruct(Struct struct, MessagePacker packer, int depth)
      throws IOException {
    check(depth);
    packer.packMapHeader(struct.getFieldsCount());
    for (Map.Entry<String, Value> e : struct.getFieldsMap().entrySet()) {
      packer.packString(e.getKey());
      pack(e.getValue(), packer, depth + 1);
    }
  }

  private static void pack(Value value, MessagePacker packer, int depth) throws IOException {
    switch (value.getKindCase()) {
      case NUMBER_VALUE -> {
        double d = value.getNumberValue();
        if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
          packer.packLong((long) d);
        } else {
          packer.packDouble(d);
        }
      }
      case STRING_VALUE -> packer.packString(value.getStringValue());
      case BOOL_VALUE -> packer.packBoolean(value.getBoolValue());
      case STRUCT_VALUE -> packStruct(value.getStructValue(), packer, depth);
      case LIST_VALUE -> {
        check(depth);
        ListValue list = value.getListValue();
        packer.packArrayHeader(list.getValuesCount());
        for (Value v : list.getValuesList()) {
          pack(v, packer, depth + 1);
        }
      }
      default -> packer.packNil();
    }
  }

  private static void check(int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("struct nested deeper than " + MAX_DEPTH);
    }
  }
}
