package dev.ferry.schema;

import static dev.ferry.schema.JsonValues.describe;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.idl.core.LiteralType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * Packs JSON as msgpack guided by a dataclass JSON Schema alone: for a dataclass that is a union
 * variant, whose {@code structure} (and so {@code dataclass_type}) the variant's tag replaced.
 * Knows the keywords the Python SDK and Ferry write: {@code type}, {@code enum}, {@code anyOf},
 * {@code properties}, {@code required}, {@code additionalProperties}, {@code items}, {@code
 * format}.
 */
final class SchemaPacker {
  private final LiteralType type;

  SchemaPacker(LiteralType type) {
    this.type = type;
  }

  void pack(JsonNode node, Struct schema, MessagePacker packer) throws IOException {
    Value anyOf = schema.getFieldsOrDefault("anyOf", null);
    if (anyOf != null) {
      packAnyOf(node, anyOf.getListValue(), packer);
      return;
    }
    Value en = schema.getFieldsOrDefault("enum", null);
    if (en != null) {
      for (Value v : en.getListValue().getValuesList()) {
        if (node.isTextual() && v.getStringValue().equals(node.textValue())) {
          packer.packString(node.textValue());
          return;
        }
      }
      throw fail("one of " + strings(en.getListValue()), node);
    }
    String t = schema.getFieldsOrDefault("type", Value.getDefaultInstance()).getStringValue();
    String format =
        schema.getFieldsOrDefault("format", Value.getDefaultInstance()).getStringValue();
    switch (t) {
      case "null":
        if (!node.isNull()) {
          throw fail("null", node);
        }
        packer.packNil();
        return;
      case "integer":
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
          throw fail("an integer", node);
        }
        packer.packLong(node.longValue());
        return;
      case "number":
        if (!node.isNumber()) {
          throw fail("a number", node);
        }
        packer.packDouble(node.doubleValue());
        return;
      case "boolean":
        if (!node.isBoolean()) {
          throw fail("a boolean", node);
        }
        packer.packBoolean(node.booleanValue());
        return;
      case "string":
        if (!node.isTextual()) {
          throw fail("a string", node);
        }
        packer.packString(
            "date-time".equals(format) ? JsonMsgpack.pythonIso(node, type) : node.textValue());
        return;
      case "array":
        packArray(node, schema, packer);
        return;
      case "object":
        packObject(node, schema, packer);
        return;
      default:
        if (!format.isEmpty() || !t.isEmpty()) {
          throw fail("a value of schema type '" + t + "'", node);
        }
        JsonMsgpack.packAny(node, packer);
    }
  }

  private void packAnyOf(JsonNode node, ListValue options, MessagePacker packer)
      throws IOException {
    List<byte[]> fits = new ArrayList<>();
    List<LiteralConversionException> failures = new ArrayList<>();
    for (Value option : options.getValuesList()) {
      MessageBufferPacker trial = MessagePack.newDefaultBufferPacker();
      try {
        pack(node, option.getStructValue(), trial);
        trial.close();
        fits.add(trial.toByteArray());
      } catch (LiteralConversionException e) {
        failures.add(e);
      }
    }
    if (fits.isEmpty()) {
      throw failures.size() == 1 ? failures.get(0) : fail("a value one of anyOf accepts", node);
    }
    byte[] first = fits.get(0);
    for (byte[] f : fits) {
      if (!java.util.Arrays.equals(f, first)) {
        throw fail("a value that fits one schema of anyOf", node);
      }
    }
    packer.writePayload(first);
  }

  private void packArray(JsonNode node, Struct schema, MessagePacker packer) throws IOException {
    if (!node.isArray()) {
      throw fail("an array", node);
    }
    Struct items = schema.getFieldsOrDefault("items", Value.getDefaultInstance()).getStructValue();
    packer.packArrayHeader(node.size());
    for (int i = 0; i < node.size(); i++) {
      try {
        pack(node.get(i), items, packer);
      } catch (LiteralConversionException e) {
        throw e.atIndex(i);
      }
    }
  }

  private void packObject(JsonNode node, Struct schema, MessagePacker packer) throws IOException {
    if (!node.isObject()) {
      throw fail("an object", node);
    }
    Map<String, Value> properties =
        schema
            .getFieldsOrDefault("properties", Value.getDefaultInstance())
            .getStructValue()
            .getFieldsMap();
    Value additional = schema.getFieldsOrDefault("additionalProperties", null);
    if (properties.isEmpty() && additional != null && additional.hasStructValue()) {
      packer.packMapHeader(node.size());
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        packer.packString(e.getKey());
        try {
          pack(e.getValue(), additional.getStructValue(), packer);
        } catch (LiteralConversionException ex) {
          throw ex.atKey(e.getKey());
        }
      }
      return;
    }
    Set<String> order = new LinkedHashSet<>();
    for (Value v :
        schema
            .getFieldsOrDefault("required", Value.getDefaultInstance())
            .getListValue()
            .getValuesList()) {
      order.add(v.getStringValue());
    }
    order.addAll(properties.keySet());
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!properties.containsKey(name)) {
        throw new LiteralConversionException(
                "one of the fields " + order, "'" + name + "'", null, type)
            .atField(name);
      }
    }
    List<String> present = new ArrayList<>();
    for (String name : order) {
      if (node.has(name)) {
        present.add(name);
      } else if (!acceptsNull(
          java.util.Objects.requireNonNull(properties.get(name), name).getStructValue())) {
        throw new LiteralConversionException("field '" + name + "'", "missing", null, type);
      } else {
        present.add(name);
      }
    }
    packer.packMapHeader(present.size());
    for (String name : present) {
      packer.packString(name);
      try {
        pack(
            node.path(name).isMissingNode()
                ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
                : node.get(name),
            java.util.Objects.requireNonNull(properties.get(name), name).getStructValue(),
            packer);
      } catch (LiteralConversionException e) {
        throw e.atField(name);
      }
    }
  }

  private static boolean acceptsNull(Struct schema) {
    if ("null"
        .equals(schema.getFieldsOrDefault("type", Value.getDefaultInstance()).getStringValue())) {
      return true;
    }
    Value anyOf = schema.getFieldsOrDefault("anyOf", null);
    if (anyOf != null) {
      for (Value v : anyOf.getListValue().getValuesList()) {
        if (acceptsNull(v.getStructValue())) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> strings(ListValue list) {
    List<String> out = new ArrayList<>();
    list.getValuesList().forEach(v -> out.add(v.getStringValue()));
    return out;
  }

  private LiteralConversionException fail(String expected, JsonNode node) {
    return new LiteralConversionException(expected, describe(node), null, type);
  }
}
