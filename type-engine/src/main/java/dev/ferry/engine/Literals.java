package dev.ferry.engine;

import com.google.protobuf.CodedOutputStream;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Primitive;
import dev.ferry.idl.core.Scalar;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.idl.core.Void;
import java.io.IOException;

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
}
