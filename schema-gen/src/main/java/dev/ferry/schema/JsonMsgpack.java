package dev.ferry.schema;

import static dev.ferry.schema.JsonValues.expected;
import static dev.ferry.schema.JsonValues.mismatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SimpleType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * JSON to and from the msgpack payload of a dataclass-shaped type, as the Python SDK 1.16 writes
 * it: keys in field order, ints in the smallest encoding, floats as float64, datetimes as ISO-8601
 * strings with {@code +00:00} as {@code datetime.isoformat()} writes them (microseconds, none for a
 * whole second), durations as float seconds, enums as their value, files as {@code {"path": uri}},
 * none as nil with the key kept.
 */
final class JsonMsgpack {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");
  private static final DateTimeFormatter NANOS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx");

  private JsonMsgpack() {}

  /** Returns the msgpack bytes of {@code json} as a value of {@code type}. */
  static byte[] encode(JsonNode json, LiteralType type) {
    MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
    try {
      pack(json, type, packer);
      packer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return packer.toByteArray();
  }

  /** Returns the JSON form of msgpack {@code bytes}: maps as objects, binaries as base64. */
  static JsonNode decode(byte[] bytes, LiteralType type) {
    try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
      JsonNode node = unpack(unpacker, type);
      if (unpacker.hasNext()) {
        throw new LiteralConversionException(
            "one msgpack value", "trailing bytes after it", null, type);
      }
      return node;
    } catch (IOException | RuntimeException e) {
      if (e instanceof LiteralConversionException) {
        throw (LiteralConversionException) e;
      }
      throw new LiteralConversionException(
          "well-formed msgpack", "unreadable bytes (" + e.getMessage() + ")", null, type, e);
    }
  }

  private static void pack(JsonNode node, LiteralType type, MessagePacker packer)
      throws IOException {
    switch (type.getTypeCase()) {
      case SIMPLE:
        packSimple(node, type, packer);
        return;
      case COLLECTION_TYPE:
        if (!node.isArray()) {
          throw mismatch(expected(type), node, type);
        }
        packer.packArrayHeader(node.size());
        for (int i = 0; i < node.size(); i++) {
          try {
            pack(node.get(i), type.getCollectionType(), packer);
          } catch (LiteralConversionException e) {
            throw e.atIndex(i);
          }
        }
        return;
      case MAP_VALUE_TYPE:
        if (!node.isObject()) {
          throw mismatch(expected(type), node, type);
        }
        packer.packMapHeader(node.size());
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          packer.packString(e.getKey());
          try {
            pack(e.getValue(), type.getMapValueType(), packer);
          } catch (LiteralConversionException ex) {
            throw ex.atKey(e.getKey());
          }
        }
        return;
      case ENUM_TYPE:
        packer.packString(JsonLiterals.enumValue(node, type));
        return;
      case UNION_TYPE:
        LiteralType variant =
            JsonLiterals.chooseVariant(
                node,
                type,
                v -> {
                  encode(node, v);
                  return v;
                });
        pack(node, variant, packer);
        return;
      case BLOB:
        packFile(node, type, packer, "path");
        return;
      case STRUCTURED_DATASET_TYPE:
      case SCHEMA:
        packFile(node, type, packer, "uri");
        return;
      default:
        throw mismatch("a type that has a msgpack form", node, type);
    }
  }

  private static void packFile(JsonNode node, LiteralType type, MessagePacker packer, String key)
      throws IOException {
    if (node.isTextual()) {
      packer.packMapHeader(1).packString(key).packString(node.textValue());
    } else if (node.isObject() && node.path(key).isTextual()) {
      packAny(node, packer);
    } else {
      throw mismatch(expected(type) + " or an object with a string \"" + key + "\"", node, type);
    }
  }

  private static void packSimple(JsonNode node, LiteralType type, MessagePacker packer)
      throws IOException {
    SimpleType simple = type.getSimple();
    switch (simple) {
      case NONE:
        if (!node.isNull()) {
          throw mismatch(expected(type), node, type);
        }
        packer.packNil();
        return;
      case INTEGER:
        packer.packLong(JsonValues.integer(node, type));
        return;
      case FLOAT:
        if (!node.isNumber()) {
          throw mismatch(expected(type), node, type);
        }
        packer.packDouble(node.doubleValue());
        return;
      case STRING:
        if (!node.isTextual()) {
          throw mismatch(expected(type), node, type);
        }
        packer.packString(node.textValue());
        return;
      case BOOLEAN:
        if (!node.isBoolean()) {
          throw mismatch(expected(type), node, type);
        }
        packer.packBoolean(node.booleanValue());
        return;
      case DATETIME:
        packer.packString(pythonIso(node, type));
        return;
      case DURATION:
        if (node.isNumber()) {
          packer.packDouble(node.doubleValue());
        } else {
          Duration d = JsonValues.duration(node, type);
          packer.packDouble(d.getSeconds() + d.getNano() / 1e9);
        }
        return;
      case BINARY:
        byte[] bytes = base64(node, type);
        packer.packBinaryHeader(bytes.length);
        packer.writePayload(bytes);
        return;
      case STRUCT:
        if (!node.isObject()) {
          throw mismatch(expected(type), node, type);
        }
        if (type.getStructure().getDataclassTypeCount() == 0
            && type.getMetadata().containsFields("properties")) {
          new SchemaPacker(type).pack(node, type.getMetadata(), packer);
        } else if (type.getStructure().getDataclassTypeCount() == 0) {
          packAny(node, packer);
        } else {
          packRecord(node, type, packer);
        }
        return;
      default:
        throw mismatch("a type that has a msgpack form", node, type);
    }
  }

  /** Returns the datetime (or date, if the schema says so) as the Python SDK writes it. */
  static String pythonIso(JsonNode node, LiteralType type) {
    Instant i = JsonValues.instant(node, type);
    if (node.textValue().length() == 10) {
      return LocalDate.ofInstant(i, ZoneOffset.UTC).toString();
    }
    OffsetDateTime utc = i.atOffset(ZoneOffset.UTC);
    int nanos = i.getNano();
    return (nanos == 0 ? SECONDS : nanos % 1000 == 0 ? MICROS : NANOS).format(utc);
  }

  static byte[] base64(JsonNode node, LiteralType type) {
    if (node.isTextual()) {
      try {
        return Base64.getDecoder().decode(node.textValue());
      } catch (IllegalArgumentException e) {
        // fall through
      }
    }
    throw mismatch(expected(type), node, type);
  }

  private static void packRecord(JsonNode node, LiteralType type, MessagePacker packer)
      throws IOException {
    Map<String, LiteralType> fields = type.getStructure().getDataclassTypeMap();
    List<String> order = fieldOrder(type);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!fields.containsKey(name)) {
        throw new LiteralConversionException(
                "one of the fields " + order, "'" + name + "'", null, type)
            .atField(name);
      }
    }
    packer.packMapHeader(order.size());
    for (String name : order) {
      LiteralType fieldType = java.util.Objects.requireNonNull(fields.get(name), name);
      JsonNode value = node.get(name);
      if (value == null) {
        if (!JsonValues.acceptsNull(fieldType)) {
          throw new LiteralConversionException("field '" + name + "'", "missing", null, type);
        }
        value = NODES.nullNode();
      }
      packer.packString(name);
      try {
        pack(value, fieldType, packer);
      } catch (LiteralConversionException e) {
        throw e.atField(name);
      }
    }
  }

  /**
   * Returns the field names of a dataclass-shaped type in declaration order: the schema's {@code
   * required} list (a list keeps its order on the wire), then the other properties, then the other
   * {@code dataclass_type} entries.
   */
  static List<String> fieldOrder(LiteralType type) {
    Set<String> names = new LinkedHashSet<>();
    Struct schema = type.getMetadata();
    Value required = schema.getFieldsOrDefault("required", Value.getDefaultInstance());
    for (Value v : required.getListValue().getValuesList()) {
      names.add(v.getStringValue());
    }
    Value properties = schema.getFieldsOrDefault("properties", Value.getDefaultInstance());
    names.addAll(properties.getStructValue().getFieldsMap().keySet());
    names.addAll(type.getStructure().getDataclassTypeMap().keySet());
    names.retainAll(type.getStructure().getDataclassTypeMap().keySet());
    return new ArrayList<>(names);
  }

  /** Packs untyped JSON: integral numbers as ints, other numbers as float64. */
  static void packAny(JsonNode node, MessagePacker packer) throws IOException {
    if (node.isNull()) {
      packer.packNil();
    } else if (node.isBoolean()) {
      packer.packBoolean(node.booleanValue());
    } else if (node.isIntegralNumber() && node.canConvertToLong()) {
      packer.packLong(node.longValue());
    } else if (node.isIntegralNumber()) {
      packer.packBigInteger(node.bigIntegerValue());
    } else if (node.isNumber()) {
      packer.packDouble(node.doubleValue());
    } else if (node.isTextual()) {
      packer.packString(node.textValue());
    } else if (node.isArray()) {
      packer.packArrayHeader(node.size());
      for (JsonNode e : node) {
        packAny(e, packer);
      }
    } else {
      packer.packMapHeader(node.size());
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        packer.packString(e.getKey());
        packAny(e.getValue(), packer);
      }
    }
  }

  private static JsonNode unpack(MessageUnpacker unpacker, LiteralType type) throws IOException {
    ValueType vt = unpacker.getNextFormat().getValueType();
    switch (vt) {
      case NIL:
        unpacker.unpackNil();
        return NODES.nullNode();
      case BOOLEAN:
        return NODES.booleanNode(unpacker.unpackBoolean());
      case INTEGER:
        return NODES.numberNode(unpacker.unpackBigInteger().longValueExact());
      case FLOAT:
        return NODES.numberNode(unpacker.unpackDouble());
      case STRING:
        return NODES.textNode(unpacker.unpackString());
      case BINARY:
        byte[] b = unpacker.readPayload(unpacker.unpackBinaryHeader());
        return NODES.textNode(Base64.getEncoder().encodeToString(b));
      case ARRAY:
        int n = unpacker.unpackArrayHeader();
        ArrayNode array = NODES.arrayNode(n);
        for (int i = 0; i < n; i++) {
          array.add(unpack(unpacker, type));
        }
        return array;
      case MAP:
        int m = unpacker.unpackMapHeader();
        ObjectNode object = NODES.objectNode();
        for (int i = 0; i < m; i++) {
          JsonNode key = unpack(unpacker, type);
          object.set(key.isTextual() ? key.textValue() : key.toString(), unpack(unpacker, type));
        }
        return object;
      default:
        throw new LiteralConversionException(
            "msgpack without extension types", "an extension value", null, type);
    }
  }
}
