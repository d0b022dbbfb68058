package dev.ferry.engine;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Duration;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.WireFormat;
import dev.ferry.idl.core.Binary;
import dev.ferry.idl.core.Blob;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralCollection;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.idl.core.LiteralOffloadedMetadata;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Primitive;
import dev.ferry.idl.core.Scalar;
import dev.ferry.idl.core.Schema;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.idl.core.StructuredDataset;
import dev.ferry.idl.core.Union;
import dev.ferry.idl.core.Void;
import java.io.IOException;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;

/** Small builders and descriptions of literals and literal types, for transformers. */
public final class Literals {
  private static final Literal NONE =
      Literal.newBuilder()
          .setScalar(Scalar.newBuilder().setNoneType(Void.getDefaultInstance()))
          .build();

  private Literals() {}

  /** Returns the literal type {@code simple: type}. */
  public static LiteralType simple(SimpleType type) {
    return LiteralType.newBuilder().setSimple(type).build();
  }

  /** Returns the literal of a primitive. */
  public static Literal of(Primitive primitive) {
    return Literal.newBuilder().setScalar(Scalar.newBuilder().setPrimitive(primitive)).build();
  }

  /** Returns the literal of a string. */
  public static Literal ofString(String value) {
    return of(Primitive.newBuilder().setStringValue(value).build());
  }

  /** Returns the literal of an integer. */
  public static Literal ofInteger(long value) {
    return of(Primitive.newBuilder().setInteger(value).build());
  }

  /** Returns the literal {@code scalar {none_type {}}}. */
  public static Literal none() {
    return NONE;
  }

  /** Returns the deterministic serialization of a literal (map entries sorted by key). */
  public static byte[] toBytes(Literal literal) {
    byte[] bytes = new byte[literal.getSerializedSize()];
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.useDeterministicSerialization();
    try {
      literal.writeTo(out);
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes;
  }

  /**
   * Returns what a literal holds, for error messages: {@code string 'BLUE'}, {@code collection}.
   */
  public static String describe(Literal literal) {
    switch (literal.getValueCase()) {
      case COLLECTION:
        return "a collection of " + literal.getCollection().getLiteralsCount();
      case MAP:
        return "a map of " + literal.getMap().getLiteralsCount();
      case OFFLOADED_METADATA:
        return "an offloaded literal '" + literal.getOffloadedMetadata().getUri() + "'";
      case SCALAR:
        return describe(literal.getScalar());
      default:
        return "an empty literal";
    }
  }

  private static String describe(Scalar scalar) {
    switch (scalar.getValueCase()) {
      case PRIMITIVE:
        return describe(scalar.getPrimitive());
      case BLOB:
        return "a blob '" + scalar.getBlob().getUri() + "'";
      case BINARY:
        return "binary (tag '"
            + scalar.getBinary().getTag()
            + "', "
            + scalar.getBinary().getValue().size()
            + " bytes)";
      case SCHEMA:
        return "a schema '" + scalar.getSchema().getUri() + "'";
      case NONE_TYPE:
        return "none";
      case ERROR:
        return "an error '" + scalar.getError().getMessage() + "'";
      case GENERIC:
        return "a generic struct";
      case STRUCTURED_DATASET:
        return "a structured dataset '" + scalar.getStructuredDataset().getUri() + "'";
      case UNION:
        return "a union holding " + describe(scalar.getUnion().getValue());
      default:
        return "an empty scalar";
    }
  }

  /** Returns what a primitive holds, for error messages: {@code integer 5}, {@code string 'x'}. */
  public static String describe(Primitive primitive) {
    switch (primitive.getValueCase()) {
      case INTEGER:
        return "integer " + primitive.getInteger();
      case FLOAT_VALUE:
        return "float " + primitive.getFloatValue();
      case STRING_VALUE:
        return "string " + quote(primitive.getStringValue());
      case BOOLEAN:
        return "boolean " + primitive.getBoolean();
      case DATETIME:
        return "datetime " + primitive.getDatetime().getSeconds() + "s";
      case DURATION:
        return "duration " + primitive.getDuration().getSeconds() + "s";
      default:
        return "an empty primitive";
    }
  }

  /** Returns a value in quotes for error messages, shortened past 100 characters. */
  public static String quote(Object value) {
    String s = String.valueOf(value);
    if (s.length() > 100) {
      s = s.substring(0, 97) + "...";
    }
    return "'" + s + "'";
  }

  /**
   * Returns the string a literal holds, for a transformer's {@code toJava}.
   *
   * @throws LiteralConversionException naming {@code javaType} and {@code literalType} if the
   *     literal is not a string
   */
  public static String stringValue(Literal literal, Type javaType, LiteralType literalType) {
    if (literal.hasScalar()
        && literal.getScalar().hasPrimitive()
        && literal.getScalar().getPrimitive().hasStringValue()) {
      return literal.getScalar().getPrimitive().getStringValue();
    }
    throw new LiteralConversionException("a string", describe(literal), javaType, literalType);
  }

  /**
   * Returns what a literal of {@code type} holds at its top level ({@code "a string"}, {@code "a
   * collection"}), or null if any literal may stand for it.
   */
  public static @Nullable String expectedKind(LiteralType type) {
    switch (type.getTypeCase()) {
      case SIMPLE:
        return switch (type.getSimple()) {
          case NONE -> "none";
          case INTEGER -> "an integer";
          case FLOAT -> "a float";
          case STRING -> "a string";
          case BOOLEAN -> "a boolean";
          case DATETIME -> "a datetime";
          case DURATION -> "a duration";
          case BINARY -> "binary";
          case STRUCT -> "a generic struct or msgpack binary";
          default -> null;
        };
      case COLLECTION_TYPE:
        return "a collection";
      case MAP_VALUE_TYPE:
        return "a map";
      case BLOB:
        return "a blob";
      case ENUM_TYPE:
        return "a string";
      case STRUCTURED_DATASET_TYPE:
        return "a structured dataset";
      case SCHEMA:
        return "a schema";
      case UNION_TYPE:
        return "a union";
      default:
        return null;
    }
  }

  /**
   * Returns true if {@code literal}'s top-level kind is the one {@code type} declares (an integer
   * for {@code INTEGER}, a collection for a collection type, ...). An offloaded literal fits any
   * type. Checks the top level only, so it is cheap.
   */
  public static boolean fits(Literal literal, LiteralType type) {
    if (literal.hasOffloadedMetadata()) {
      return true;
    }
    Scalar scalar = literal.hasScalar() ? literal.getScalar() : null;
    Primitive primitive = scalar != null && scalar.hasPrimitive() ? scalar.getPrimitive() : null;
    switch (type.getTypeCase()) {
      case SIMPLE:
        return switch (type.getSimple()) {
          case NONE -> scalar != null && scalar.hasNoneType();
          case INTEGER -> primitive != null && primitive.hasInteger();
          case FLOAT -> primitive != null && primitive.hasFloatValue();
          case STRING -> primitive != null && primitive.hasStringValue();
          case BOOLEAN -> primitive != null && primitive.hasBoolean();
          case DATETIME -> primitive != null && primitive.hasDatetime();
          case DURATION -> primitive != null && primitive.hasDuration();
          case BINARY -> scalar != null && scalar.hasBinary();
          case STRUCT -> scalar != null && (scalar.hasGeneric() || scalar.hasBinary());
          default -> true;
        };
      case COLLECTION_TYPE:
        return literal.hasCollection();
      case MAP_VALUE_TYPE:
        return literal.hasMap();
      case BLOB:
        return scalar != null && scalar.hasBlob();
      case ENUM_TYPE:
        return primitive != null && primitive.hasStringValue();
      case STRUCTURED_DATASET_TYPE:
        return scalar != null && scalar.hasStructuredDataset();
      case SCHEMA:
        return scalar != null && scalar.hasSchema();
      case UNION_TYPE:
        return scalar != null && scalar.hasUnion();
      default:
        return true;
    }
  }

  /**
   * Returns a literal with the same top-level kind as the serialized literal {@code bytes} (the
   * same oneof cases of {@code Literal}, {@code Scalar} and {@code Primitive}, default values
   * inside), reading only the first fields: for {@link #fits} on the streaming path.
   */
  static Literal topLevelKind(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    Literal.Builder literal = Literal.newBuilder();
    while (true) {
      int tag = in.readTag();
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 0:
          return literal.build();
        case 1:
          int limit = in.pushLimit(in.readRawVarint32());
          literal.setScalar(scalarKind(in));
          in.popLimit(limit);
          return literal.build();
        case 2:
          return literal.setCollection(LiteralCollection.getDefaultInstance()).build();
        case 3:
          return literal.setMap(LiteralMap.getDefaultInstance()).build();
        case 8:
          return literal
              .setOffloadedMetadata(LiteralOffloadedMetadata.getDefaultInstance())
              .build();
        default:
          in.skipField(tag);
      }
    }
  }

  private static Scalar scalarKind(CodedInputStream in) throws IOException {
    int tag = in.readTag();
    Scalar.Builder s = Scalar.newBuilder();
    return switch (WireFormat.getTagFieldNumber(tag)) {
      case 1 -> {
        int limit = in.pushLimit(in.readRawVarint32());
        Primitive p = primitiveKind(in);
        in.popLimit(limit);
        yield s.setPrimitive(p).build();
      }
      case 2 -> s.setBlob(Blob.getDefaultInstance()).build();
      case 3 -> s.setBinary(Binary.getDefaultInstance()).build();
      case 4 -> s.setSchema(Schema.getDefaultInstance()).build();
      case 5 -> s.setNoneType(Void.getDefaultInstance()).build();
      case 6 -> s.setError(dev.ferry.idl.core.Error.getDefaultInstance()).build();
      case 7 -> s.setGeneric(Struct.getDefaultInstance()).build();
      case 8 -> s.setStructuredDataset(StructuredDataset.getDefaultInstance()).build();
      case 9 -> s.setUnion(Union.getDefaultInstance()).build();
      default -> s.build();
    };
  }

  private static Primitive primitiveKind(CodedInputStream in) throws IOException {
    Primitive.Builder p = Primitive.newBuilder();
    return switch (WireFormat.getTagFieldNumber(in.readTag())) {
      case 1 -> p.setInteger(0).build();
      case 2 -> p.setFloatValue(0).build();
      case 3 -> p.setStringValue("").build();
      case 4 -> p.setBoolean(false).build();
      case 5 -> p.setDatetime(Timestamp.getDefaultInstance()).build();
      case 6 -> p.setDuration(Duration.getDefaultInstance()).build();
      default -> p.build();
    };
  }

  /** Returns the kind of a literal by its oneof cases: {@code scalar.primitive.string_value}. */
  static String kindName(Literal literal) {
    if (!literal.hasScalar()) {
      return literal.getValueCase().name().toLowerCase(java.util.Locale.ROOT);
    }
    Scalar s = literal.getScalar();
    String scalar = "scalar." + s.getValueCase().name().toLowerCase(java.util.Locale.ROOT);
    return s.hasPrimitive()
        ? scalar + "." + s.getPrimitive().getValueCase().name().toLowerCase(java.util.Locale.ROOT)
        : scalar;
  }
}
