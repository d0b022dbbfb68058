package dev.ferry.cli.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import dev.ferry.idl.core.Binary;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.idl.core.LiteralOffloadedMetadata;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Primitive;
import dev.ferry.idl.core.Scalar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Returns Flyte messages as readable JSON: literals as their values (msgpack records decoded,
 * datetimes and durations ISO-8601, none as null, blobs, schemas and datasets as their URIs, unions
 * as the chosen value), types as one-line summaries ({@link TypeSummary}), timestamps ISO-8601, and
 * every other message as an object of its set fields by proto name, enums by name.
 */
public final class ReadableJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReadableJson() {}

  /** Returns the readable form of a whole document: a literal map is an object of its values. */
  public static JsonNode of(Message message) {
    return value(message);
  }

  /** Returns the readable form of a literal. */
  public static JsonNode literal(Literal literal) {
    return switch (literal.getValueCase()) {
      case SCALAR -> scalar(literal.getScalar());
      case COLLECTION -> {
        ArrayNode array = NODES.arrayNode();
        literal.getCollection().getLiteralsList().forEach(l -> array.add(literal(l)));
        yield array;
      }
      case MAP -> literalMap(literal.getMap());
      case OFFLOADED_METADATA -> offloaded(literal.getOffloadedMetadata());
      case VALUE_NOT_SET -> NODES.nullNode();
    };
  }

  private static ObjectNode literalMap(LiteralMap map) {
    ObjectNode object = NODES.objectNode();
    map.getLiteralsMap().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> object.set(e.getKey(), literal(e.getValue())));
    return object;
  }

  private static JsonNode offloaded(LiteralOffloadedMetadata o) {
    ObjectNode inner = NODES.objectNode();
    inner.put("uri", o.getUri());
    inner.put("size_bytes", o.getSizeBytes());
    if (o.hasInferredType()) {
      inner.put("type", TypeSummary.of(o.getInferredType()));
    }
    ObjectNode outer = NODES.objectNode();
    outer.set("offloaded", inner);
    return outer;
  }

  private static JsonNode scalar(Scalar s) {
    return switch (s.getValueCase()) {
      case PRIMITIVE -> primitive(s.getPrimitive());
      case BLOB -> NODES.textNode(s.getBlob().getUri());
      case BINARY -> binary(s.getBinary());
      case SCHEMA -> NODES.textNode(s.getSchema().getUri());
      case NONE_TYPE, VALUE_NOT_SET -> NODES.nullNode();
      case ERROR -> {
        ObjectNode error = NODES.objectNode();
        error.put("failed_node_id", s.getError().getFailedNodeId());
        error.put("message", s.getError().getMessage());
        ObjectNode outer = NODES.objectNode();
        outer.set("error", error);
        yield outer;
      }
      case GENERIC -> protobufJson(s.getGeneric());
      case STRUCTURED_DATASET -> NODES.textNode(s.getStructuredDataset().getUri());
      case UNION -> literal(s.getUnion().getValue());
    };
  }

  private static JsonNode primitive(Primitive p) {
    return switch (p.getValueCase()) {
      case INTEGER -> NODES.numberNode(p.getInteger());
      case FLOAT_VALUE ->
          Double.isFinite(p.getFloatValue())
              ? NODES.numberNode(p.getFloatValue())
              : NODES.textNode(Double.toString(p.getFloatValue()));
      case STRING_VALUE -> NODES.textNode(p.getStringValue());
      case BOOLEAN -> NODES.booleanNode(p.getBoolean());
      case DATETIME -> NODES.textNode(instant(p.getDatetime()));
      case DURATION -> NODES.textNode(duration(p.getDuration()));
      case VALUE_NOT_SET -> NODES.nullNode();
    };
  }

  private static JsonNode binary(Binary b) {
    if (b.getTag().equals("msgpack")) {
      try {
        return MsgpackJson.of(b.getValue().toByteArray());
      } catch (IOException e) {
        ObjectNode bad = NODES.objectNode();
        bad.put("unreadable_msgpack", e.getMessage());
        bad.put("base64", base64(b.getValue()));
        return bad;
      }
    }
    ObjectNode object = NODES.objectNode();
    object.put("base64", base64(b.getValue()));
    if (!b.getTag().isEmpty()) {
      object.put("tag", b.getTag());
    }
    return object;
  }

  /** The readable form of any message, by its type. */
  private static JsonNode value(Message m) {
    if (m instanceof Literal l) {
      return literal(l);
    }
    if (m instanceof LiteralMap map) {
      return literalMap(map);
    }
    if (m instanceof LiteralType t) {
      return NODES.textNode(TypeSummary.of(t));
    }
    if (m instanceof Scalar s) {
      return scalar(s);
    }
    if (m instanceof Primitive p) {
      return primitive(p);
    }
    if (m instanceof Timestamp t) {
      return NODES.textNode(instant(t));
    }
    if (m instanceof Duration d) {
      return NODES.textNode(duration(d));
    }
    if (m instanceof BoolValue b) {
      return NODES.booleanNode(b.getValue());
    }
    if (m instanceof Struct || m instanceof Value || m instanceof ListValue) {
      return protobufJson(m);
    }
    if (m instanceof Any any) {
      ObjectNode object = NODES.objectNode();
      object.put("@type", any.getTypeUrl());
      object.put("base64", base64(any.getValue()));
      return object;
    }
    ObjectNode object = NODES.objectNode();
    for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
      FieldDescriptor f = e.getKey();
      object.set(f.getName(), field(f, e.getValue()));
    }
    return object;
  }

  private static JsonNode field(FieldDescriptor f, Object v) {
    if (f.isMapField()) {
      ObjectNode map = NODES.objectNode();
      for (Object entry : (List<?>) v) {
        Message e = (Message) entry;
        FieldDescriptor key = f.getMessageType().findFieldByName("key");
        FieldDescriptor val = f.getMessageType().findFieldByName("value");
        map.set(String.valueOf(e.getField(key)), single(val, e.getField(val)));
      }
      return map;
    }
    if (f.isRepeated()) {
      ArrayNode array = NODES.arrayNode();
      ((List<?>) v).forEach(x -> array.add(single(f, x)));
      return array;
    }
    return single(f, v);
  }

  private static JsonNode single(FieldDescriptor f, Object v) {
    return switch (f.getJavaType()) {
      case MESSAGE -> value((Message) v);
      case ENUM -> {
        EnumValueDescriptor e = (EnumValueDescriptor) v;
        yield e.getType().findValueByNumber(e.getNumber()) == null
            ? NODES.numberNode(e.getNumber())
            : NODES.textNode(e.getName());
      }
      case BYTE_STRING -> NODES.textNode(base64((ByteString) v));
      case INT -> NODES.numberNode((Integer) v);
      case LONG -> NODES.numberNode((Long) v);
      case FLOAT -> NODES.numberNode((Float) v);
      case DOUBLE -> NODES.numberNode((Double) v);
      case BOOLEAN -> NODES.booleanNode((Boolean) v);
      case STRING -> NODES.textNode((String) v);
    };
  }

  /** Returns protobuf's own JSON form of a message as a tree ({@code --raw}). */
  public static JsonNode protobufJson(Message m) {
    try {
      return MAPPER.readTree(JsonFormat.printer().print(m));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "cannot print " + m.getDescriptorForType().getFullName(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString();
  }

  private static String duration(Duration d) {
    return java.time.Duration.ofSeconds(d.getSeconds(), d.getNanos()).toString();
  }

  private static String base64(ByteString b) {
    return Base64.getEncoder().encodeToString(b.toByteArray());
  }
}
