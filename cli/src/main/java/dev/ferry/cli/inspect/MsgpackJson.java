package dev.ferry.cli.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Base64;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Returns a msgpack payload (a record's {@code Binary{tag "msgpack"}}) as a JSON tree: maps become
 * objects (non-string keys written as text), arrays arrays, nil null, binary base64 text, extension
 * values {@code {"ext": type, "base64": ...}}. Datetimes are already ISO-8601 strings in the
 * payload (the Python SDK's form).
 */
final class MsgpackJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private MsgpackJson() {}

  /**
   * Returns the JSON tree of the one value {@code bytes} hold.
   *
   * @throws IOException if the bytes are not one whole msgpack value
   */
  static JsonNode of(byte[] bytes) throws IOException {
    try (MessageUnpacker in = MessagePack.newDefaultUnpacker(bytes)) {
      JsonNode value = read(in);
      if (in.hasNext()) {
        throw new IOException("msgpack payload has bytes after its value");
      }
      return value;
    }
  }

  private static JsonNode read(MessageUnpacker in) throws IOException {
    MessageFormat format = in.getNextFormat();
    ValueType type = format.getValueType();
    switch (type) {
      case NIL -> {
        in.unpackNil();
        return NODES.nullNode();
      }
      case BOOLEAN -> {
        return NODES.booleanNode(in.unpackBoolean());
      }
      case INTEGER -> {
        if (format == MessageFormat.UINT64) {
          BigInteger big = in.unpackBigInteger();
          return big.bitLength() < 64 ? NODES.numberNode(big.longValue()) : NODES.numberNode(big);
        }
        return NODES.numberNode(in.unpackLong());
      }
      case FLOAT -> {
        double d = in.unpackDouble();
        return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(Double.toString(d));
      }
      case STRING -> {
        return NODES.textNode(in.unpackString());
      }
      case BINARY -> {
        byte[] b = in.readPayload(in.unpackBinaryHeader());
        return NODES.textNode(Base64.getEncoder().encodeToString(b));
      }
      case ARRAY -> {
        int n = in.unpackArrayHeader();
        ArrayNode array = NODES.arrayNode(n);
        for (int i = 0; i < n; i++) {
          array.add(read(in));
        }
        return array;
      }
      case MAP -> {
        int n = in.unpackMapHeader();
        ObjectNode object = NODES.objectNode();
        for (int i = 0; i < n; i++) {
          JsonNode key = read(in);
          object.set(key.isTextual() ? key.textValue() : key.toString(), read(in));
        }
        return object;
      }
      case EXTENSION -> {
        var header = in.unpackExtensionTypeHeader();
        byte[] b = in.readPayload(header.getLength());
        ObjectNode ext = NODES.objectNode();
        ext.put("ext", header.getType());
        ext.put("base64", Base64.getEncoder().encodeToString(b));
        return ext;
      }
      default -> throw new IOException("unreadable msgpack value of type " + type);
    }
  }
}
