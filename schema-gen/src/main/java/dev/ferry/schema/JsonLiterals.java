package dev.ferry.schema;

import static dev.ferry.schema.JsonValues.describe;
import static dev.ferry.schema.JsonValues.expected;
import static dev.ferry.schema.JsonValues.mismatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.Value;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.idl.core.Binary;
import dev.ferry.idl.core.Blob;
import dev.ferry.idl.core.BlobMetadata;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralCollection;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Primitive;
import dev.ferry.idl.core.Scalar;
import dev.ferry.idl.core.Schema;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.idl.core.StructuredDataset;
import dev.ferry.idl.core.StructuredDatasetMetadata;
import dev.ferry.idl.core.Union;
import dev.ferry.idl.core.Variable;
import dev.ferry.idl.core.VariableMap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * JSON to and from Flyte literals of a given {@code LiteralType}: users give task inputs as JSON
 * and read outputs as JSON.
 *
 * <table>
 *   <caption>JSON forms</caption>
 *   <tr><th>type</th><th>JSON</th></tr>
 *   <tr><td>integer, float, string, boolean</td><td>number (an integer for INTEGER), string,
 *       boolean</td></tr>
 *   <tr><td>datetime</td><td>ISO-8601 string, written in UTC: {@code "2024-01-31T12:00:00Z"}</td></tr>
 *   <tr><td>duration</td><td>ISO-8601 string: {@code "PT1.5S"}</td></tr>
 *   <tr><td>enum</td><td>its value string</td></tr>
 *   <tr><td>collection, map</td><td>array, object</td></tr>
 *   <tr><td>union</td><td>the value of the one variant it fits (an integral number prefers an
 *       integer variant to a float one); fitting several is an error</td></tr>
 *   <tr><td>dataclass ({@code STRUCT} msgpack)</td><td>object as in its msgpack payload: the
 *       Python SDK's forms inside (datetimes as strings, durations as seconds, files as {@code
 *       {"path": uri}})</td></tr>
 *   <tr><td>file, directory, dataset</td><td>URI string</td></tr>
 *   <tr><td>none</td><td>null</td></tr>
 * </table>
 *
 * <p>A mismatch is a {@link LiteralConversionException} whose path is a JSON path: {@code expected
 * an integer but was "abc" at $.order.items[2].qty}.
 */
public final class JsonLiterals {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String ROOT = "$";
  private static final String MSGPACK = "msgpack";

  private JsonLiterals() {}

  /** Returns the literal of JSON text {@code json} as a value of {@code type}. */
  public static Literal toLiteral(String json, LiteralType type) {
    return toLiteral(parse(json, type), type);
  }

  /** Returns the literal of {@code json} as a value of {@code type}. */
  public static Literal toLiteral(JsonNode json, LiteralType type) {
    try {
      return literal(json, type);
    } catch (LiteralConversionException e) {
      throw e.withRoot(ROOT);
    }
  }

  /** Returns the JSON form of {@code literal}, a value of {@code type}. */
  public static JsonNode toJson(Literal literal, LiteralType type) {
    try {
      return json(literal, type);
    } catch (LiteralConversionException e) {
      throw e.withRoot(ROOT);
    }
  }

  /** Returns the JSON text of {@code literal}, a value of {@code type}. */
  public static String toJsonString(Literal literal, LiteralType type) {
    return toJson(literal, type).toString();
  }

  /**
   * Returns the inputs of a task from a JSON object of variable name to value; a missing variable
   * is an error unless its type accepts null, an unknown one is an error.
   */
  public static LiteralMap toLiteralMap(String json, VariableMap variables) {
    JsonNode node = parse(json, LiteralType.getDefaultInstance());
    try {
      if (!node.isObject()) {
        throw mismatch("an object of " + variables.getVariablesMap().keySet(), node, null);
      }
      LiteralMap.Builder map = LiteralMap.newBuilder();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!variables.containsVariables(name)) {
          throw new LiteralConversionException(
                  "one of the variables " + variables.getVariablesMap().keySet(),
                  "'" + name + "'",
                  null,
                  null)
              .atKey(name);
        }
      }
      for (Map.Entry<String, Variable> v : variables.getVariablesMap().entrySet()) {
        JsonNode value = node.get(v.getKey());
        LiteralType type = v.getValue().getType();
        if (value == null) {
          if (!JsonValues.acceptsNull(type)) {
            throw new LiteralConversionException(
                "variable '" + v.getKey() + "'", "missing", null, null);
          }
          value = NODES.nullNode();
        }
        try {
          map.putLiterals(v.getKey(), literal(value, type));
        } catch (LiteralConversionException e) {
          throw e.atKey(v.getKey());
        }
      }
      return map.build();
    } catch (LiteralConversionException e) {
      throw e.withRoot(ROOT);
    }
  }

  /** Returns the outputs of a task as a JSON object of variable name to value. */
  public static ObjectNode toJson(LiteralMap literals, VariableMap variables) {
    ObjectNode out = NODES.objectNode();
    try {
      for (Map.Entry<String, Variable> v : variables.getVariablesMap().entrySet()) {
        Literal literal = literals.getLiteralsOrDefault(v.getKey(), null);
        if (literal == null) {
          throw new LiteralConversionException(
              "variable '" + v.getKey() + "'", "missing", null, v.getValue().getType());
        }
        try {
          out.set(v.getKey(), json(literal, v.getValue().getType()));
        } catch (LiteralConversionException e) {
          throw e.atKey(v.getKey());
        }
      }
      return out;
    } catch (LiteralConversionException e) {
      throw e.withRoot(ROOT);
    }
  }

  private static JsonNode parse(String json, LiteralType type) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new LiteralConversionException(
              "JSON text",
              "malformed JSON (" + e.getOriginalMessage() + ")",
              null,
              type.equals(LiteralType.getDefaultInstance()) ? null : type,
              e)
          .withRoot(ROOT);
    }
  }

  // ---- JSON to literal

  private static Literal literal(JsonNode node, LiteralType type) {
    switch (type.getTypeCase()) {
      case SIMPLE:
        return simple(node, type);
      case COLLECTION_TYPE:
        {
          if (!node.isArray()) {
            throw mismatch(expected(type), node, type);
          }
          LiteralCollection.Builder c = LiteralCollection.newBuilder();
          for (int i = 0; i < node.size(); i++) {
            try {
              c.addLiterals(literal(node.get(i), type.getCollectionType()));
            } catch (LiteralConversionException e) {
              throw e.atIndex(i);
            }
          }
          return Literal.newBuilder().setCollection(c).build();
        }
      case MAP_VALUE_TYPE:
        {
          if (!node.isObject()) {
            throw mismatch(expected(type), node, type);
          }
          LiteralMap.Builder m = LiteralMap.newBuilder();
          for (Map.Entry<String, JsonNode> e : node.properties()) {
            try {
              m.putLiterals(e.getKey(), literal(e.getValue(), type.getMapValueType()));
            } catch (LiteralConversionException ex) {
              throw ex.atKey(e.getKey());
            }
          }
          return Literal.newBuilder().setMap(m).build();
        }
      case ENUM_TYPE:
        return Literals.ofString(enumValue(node, type));
      case UNION_TYPE:
        {
          LiteralType variant =
              chooseVariant(
                  node,
                  type,
                  v -> {
                    literal(node, v);
                    return v;
                  });
          Literal value = literal(node, variant);
          return scalar(
              Scalar.newBuilder().setUnion(Union.newBuilder().setValue(value).setType(variant)));
        }
      case BLOB:
        return scalar(
            Scalar.newBuilder()
                .setBlob(
                    Blob.newBuilder()
                        .setMetadata(BlobMetadata.newBuilder().setType(type.getBlob()))
                        .setUri(uri(node, type))));
      case STRUCTURED_DATASET_TYPE:
        return scalar(
            Scalar.newBuilder()
                .setStructuredDataset(
                    StructuredDataset.newBuilder()
                        .setUri(uri(node, type))
                        .setMetadata(
                            StructuredDatasetMetadata.newBuilder()
                                .setStructuredDatasetType(type.getStructuredDatasetType()))));
      case SCHEMA:
        return scalar(
            Scalar.newBuilder()
                .setSchema(Schema.newBuilder().setUri(uri(node, type)).setType(type.getSchema())));
      default:
        throw mismatch("a type with a JSON form", node, type);
    }
  }

  private static Literal simple(JsonNode node, LiteralType type) {
    Primitive.Builder p = Primitive.newBuilder();
    switch (type.getSimple()) {
      case NONE:
        if (!node.isNull()) {
          throw mismatch(expected(type), node, type);
        }
        return Literals.none();
      case INTEGER:
        return Literals.ofInteger(JsonValues.integer(node, type));
      case FLOAT:
        if (!node.isNumber()) {
          throw mismatch(expected(type), node, type);
        }
        return Literals.of(p.setFloatValue(node.doubleValue()).build());
      case STRING:
        if (!node.isTextual()) {
          throw mismatch(expected(type), node, type);
        }
        return Literals.ofString(node.textValue());
      case BOOLEAN:
        if (!node.isBoolean()) {
          throw mismatch(expected(type), node, type);
        }
        return Literals.of(p.setBoolean(node.booleanValue()).build());
      case DATETIME:
        {
          Instant i = JsonValues.instant(node, type);
          return Literals.of(
              p.setDatetime(
                      Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()))
                  .build());
        }
      case DURATION:
        {
          Duration d = JsonValues.duration(node, type);
          return Literals.of(
              p.setDuration(
                      com.google.protobuf.Duration.newBuilder()
                          .setSeconds(d.getSeconds())
                          .setNanos(d.getNano()))
                  .build());
        }
      case BINARY:
        return scalar(
            Scalar.newBuilder()
                .setBinary(
                    Binary.newBuilder()
                        .setValue(ByteString.copyFrom(JsonMsgpack.base64(node, type)))));
      case STRUCT:
        {
          if (!node.isObject()) {
            throw mismatch(expected(type), node, type);
          }
          byte[] bytes = JsonMsgpack.encode(node, type);
          return scalar(
              Scalar.newBuilder()
                  .setBinary(
                      Binary.newBuilder()
                          .setValue(UnsafeByteOperations.unsafeWrap(bytes))
                          .setTag(MSGPACK)));
        }
      default:
        throw mismatch("a type with a JSON form", node, type);
    }
  }

  private static Literal scalar(Scalar.Builder scalar) {
    return Literal.newBuilder().setScalar(scalar).build();
  }

  private static String uri(JsonNode node, LiteralType type) {
    if (!node.isTextual() || node.textValue().isEmpty()) {
      throw mismatch(expected(type), node, type);
    }
    return node.textValue();
  }

  static String enumValue(JsonNode node, LiteralType type) {
    if (!node.isTextual() || !type.getEnumType().getValuesList().contains(node.textValue())) {
      throw mismatch(expected(type), node, type);
    }
    return node.textValue();
  }

  /**
   * Returns the one variant of union {@code type} that {@code node} fits, trying each with {@code
   * attempt} (which throws when the value does not fit). An integral number that fits an integer
   * variant and a float variant takes the integer one; fitting several otherwise is an error.
   */
  static LiteralType chooseVariant(
      JsonNode node, LiteralType type, Function<LiteralType, LiteralType> attempt) {
    List<LiteralType> fits = new ArrayList<>();
    List<LiteralConversionException> failures = new ArrayList<>();
    for (LiteralType v : type.getUnionType().getVariantsList()) {
      try {
        fits.add(attempt.apply(v));
      } catch (LiteralConversionException e) {
        // a non-null value failing the none variant says nothing useful: report the others
        boolean none =
            v.getTypeCase() == LiteralType.TypeCase.SIMPLE && v.getSimple() == SimpleType.NONE;
        if (!none || node.isNull()) {
          failures.add(e);
        }
      }
    }
    if (fits.size() > 1 && node.isIntegralNumber()) {
      List<LiteralType> integers = new ArrayList<>();
      for (LiteralType v : fits) {
        if (v.getTypeCase() == LiteralType.TypeCase.SIMPLE && v.getSimple() == SimpleType.INTEGER) {
          integers.add(v);
        }
      }
      if (integers.size() == 1) {
        return integers.get(0);
      }
    }
    if (fits.size() == 1) {
      return fits.get(0);
    }
    if (fits.isEmpty()) {
      if (failures.size() == 1) {
        throw failures.get(0);
      }
      LiteralConversionException e = mismatch(expected(type), node, type);
      failures.forEach(e::addSuppressed);
      throw e;
    }
    List<String> names = new ArrayList<>();
    for (LiteralType v : fits) {
      names.add(JsonValues.name(v));
    }
    throw new LiteralConversionException(
        "a value that fits one variant of " + JsonValues.variantNames(type),
        describe(node) + ", which fits each of " + names,
        null,
        type);
  }

  // ---- literal to JSON

  private static JsonNode json(Literal literal, LiteralType type) {
    if (literal.hasOffloadedMetadata()) {
      throw new LiteralConversionException(
          "an inline literal",
          "an offloaded literal at '" + literal.getOffloadedMetadata().getUri() + "'",
          null,
          type);
    }
    switch (type.getTypeCase()) {
      case COLLECTION_TYPE:
        {
          if (!literal.hasCollection()) {
            throw wrong(literal, type);
          }
          ArrayNode array = NODES.arrayNode();
          List<Literal> items = literal.getCollection().getLiteralsList();
          for (int i = 0; i < items.size(); i++) {
            try {
              array.add(json(items.get(i), type.getCollectionType()));
            } catch (LiteralConversionException e) {
              throw e.atIndex(i);
            }
          }
          return array;
        }
      case MAP_VALUE_TYPE:
        {
          if (!literal.hasMap()) {
            throw wrong(literal, type);
          }
          ObjectNode object = NODES.objectNode();
          for (Map.Entry<String, Literal> e :
              new java.util.TreeMap<>(literal.getMap().getLiteralsMap()).entrySet()) {
            try {
              object.set(e.getKey(), json(e.getValue(), type.getMapValueType()));
            } catch (LiteralConversionException ex) {
              throw ex.atKey(e.getKey());
            }
          }
          return object;
        }
      case UNION_TYPE:
        return union(literal, type);
      default:
        break;
    }
    if (!literal.hasScalar()) {
      throw wrong(literal, type);
    }
    Scalar s = literal.getScalar();
    switch (type.getTypeCase()) {
      case SIMPLE:
        return simple(s, literal, type);
      case ENUM_TYPE:
        if (!s.getPrimitive().hasStringValue()) {
          throw wrong(literal, type);
        }
        return NODES.textNode(s.getPrimitive().getStringValue());
      case BLOB:
        if (!s.hasBlob()) {
          throw wrong(literal, type);
        }
        return NODES.textNode(s.getBlob().getUri());
      case STRUCTURED_DATASET_TYPE:
        if (!s.hasStructuredDataset()) {
          throw wrong(literal, type);
        }
        return NODES.textNode(s.getStructuredDataset().getUri());
      case SCHEMA:
        if (!s.hasSchema()) {
          throw wrong(literal, type);
        }
        return NODES.textNode(s.getSchema().getUri());
      default:
        throw wrong(literal, type);
    }
  }

  private static JsonNode union(Literal literal, LiteralType type) {
    if (literal.hasScalar() && literal.getScalar().hasUnion()) {
      Union u = literal.getScalar().getUnion();
      LiteralType variant = u.getType();
      if (type.getUnionType().getVariantsList().contains(variant)) {
        return json(u.getValue(), variant);
      }
      for (LiteralType v : type.getUnionType().getVariantsList()) {
        if (sameKind(v, variant)) {
          return json(u.getValue(), v);
        }
      }
      return json(u.getValue(), variant);
    }
    LiteralConversionException last = null;
    for (LiteralType v : type.getUnionType().getVariantsList()) {
      try {
        return json(literal, v);
      } catch (LiteralConversionException e) {
        last = e;
      }
    }
    throw last != null ? last : wrong(literal, type);
  }

  private static boolean sameKind(LiteralType a, LiteralType b) {
    return a.getStructure().getTag().equals(b.getStructure().getTag())
        && a.getTypeCase() == b.getTypeCase()
        && (a.getTypeCase() != LiteralType.TypeCase.SIMPLE || a.getSimple() == b.getSimple());
  }

  private static JsonNode simple(Scalar s, Literal literal, LiteralType type) {
    Primitive p = s.getPrimitive();
    switch (type.getSimple()) {
      case NONE:
        if (!s.hasNoneType()) {
          throw wrong(literal, type);
        }
        return NODES.nullNode();
      case INTEGER:
        if (!p.hasInteger()) {
          throw wrong(literal, type);
        }
        return NODES.numberNode(p.getInteger());
      case FLOAT:
        if (p.hasFloatValue()) {
          return NODES.numberNode(p.getFloatValue());
        } else if (p.hasInteger()) {
          return NODES.numberNode((double) p.getInteger());
        }
        throw wrong(literal, type);
      case STRING:
        if (!p.hasStringValue()) {
          throw wrong(literal, type);
        }
        return NODES.textNode(p.getStringValue());
      case BOOLEAN:
        if (!p.hasBoolean()) {
          throw wrong(literal, type);
        }
        return NODES.booleanNode(p.getBoolean());
      case DATETIME:
        if (!p.hasDatetime()) {
          throw wrong(literal, type);
        }
        return NODES.textNode(
            Instant.ofEpochSecond(p.getDatetime().getSeconds(), p.getDatetime().getNanos())
                .toString());
      case DURATION:
        if (!p.hasDuration()) {
          throw wrong(literal, type);
        }
        return NODES.textNode(
            Duration.ofSeconds(p.getDuration().getSeconds(), p.getDuration().getNanos())
                .toString());
      case BINARY:
        if (!s.hasBinary()) {
          throw wrong(literal, type);
        }
        return NODES.textNode(
            Base64.getEncoder().encodeToString(s.getBinary().getValue().toByteArray()));
      case STRUCT:
        if (s.hasBinary() && s.getBinary().getTag().equals(MSGPACK)) {
          return JsonMsgpack.decode(s.getBinary().getValue().toByteArray(), type);
        } else if (s.hasGeneric()) {
          return struct(s.getGeneric());
        }
        throw wrong(literal, type);
      default:
        throw wrong(literal, type);
    }
  }

  private static JsonNode struct(Struct struct) {
    ObjectNode object = NODES.objectNode();
    struct.getFieldsMap().forEach((k, v) -> object.set(k, value(v)));
    return object;
  }

  private static JsonNode value(Value v) {
    switch (v.getKindCase()) {
      case NUMBER_VALUE:
        double d = v.getNumberValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15
            ? NODES.numberNode((long) d)
            : NODES.numberNode(d);
      case STRING_VALUE:
        return NODES.textNode(v.getStringValue());
      case BOOL_VALUE:
        return NODES.booleanNode(v.getBoolValue());
      case STRUCT_VALUE:
        return struct(v.getStructValue());
      case LIST_VALUE:
        ArrayNode array = NODES.arrayNode();
        ListValue list = v.getListValue();
        list.getValuesList().forEach(e -> array.add(value(e)));
        return array;
      default:
        return NODES.nullNode();
    }
  }

  private static LiteralConversionException wrong(Literal literal, LiteralType type) {
    return new LiteralConversionException(
        "a literal of " + JsonValues.name(type), Literals.describe(literal), null, type);
  }
}
