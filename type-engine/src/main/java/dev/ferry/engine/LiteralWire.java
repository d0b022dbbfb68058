package dev.ferry.engine;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.lang.reflect.Type;

/**
 * Field numbers of {@code flyteidl.core.Literal} and its scalar members, and helpers for
 * transformers that implement the streaming path ({@link TypeTransformer#writeTo}, {@link
 * TypeTransformer#readFrom}).
 */
public final class LiteralWire {
  /** {@code Literal.scalar}. */
  public static final int LITERAL_SCALAR = 1;

  /** {@code Literal.collection}. */
  public static final int LITERAL_COLLECTION = 2;

  /** {@code Literal.map}. */
  public static final int LITERAL_MAP = 3;

  /** {@code Literal.hash}. */
  public static final int LITERAL_HASH = 4;

  /** {@code Literal.metadata}. */
  public static final int LITERAL_METADATA = 5;

  /** {@code Literal.offloaded_metadata}. */
  public static final int LITERAL_OFFLOADED = 8;

  /** {@code Scalar.primitive}. */
  public static final int SCALAR_PRIMITIVE = 1;

  /** {@code Scalar.binary}. */
  public static final int SCALAR_BINARY = 3;

  /** {@code Scalar.none_type}. */
  public static final int SCALAR_NONE = 5;

  /** {@code LiteralCollection.literals} and {@code LiteralMap.literals}. */
  public static final int LITERALS = 1;

  /** {@code Primitive.integer}. */
  public static final int PRIMITIVE_INTEGER = 1;

  /** {@code Primitive.float_value}. */
  public static final int PRIMITIVE_FLOAT = 2;

  /** {@code Primitive.string_value}. */
  public static final int PRIMITIVE_STRING = 3;

  /** {@code Primitive.boolean}. */
  public static final int PRIMITIVE_BOOLEAN = 4;

  private static final int LD = WireFormat.WIRETYPE_LENGTH_DELIMITED;

  private LiteralWire() {}

  /** Returns the tag of a field: its number and wire type. */
  public static int tag(int field, int wireType) {
    return (field << 3) | wireType;
  }

  /** Returns the tag of a length-delimited field. */
  public static int lengthDelimitedTag(int field) {
    return tag(field, LD);
  }

  /**
   * Returns the bytes of a length-delimited field holding {@code size} bytes: tag, length, body.
   */
  public static int fieldSize(int field, int size) {
    return CodedOutputStream.computeTagSize(field)
        + CodedOutputStream.computeUInt32SizeNoTag(size)
        + size;
  }

  /** Writes the tag and length of a length-delimited field. */
  public static void writeHeader(CodedOutputStream out, int field, int size) throws IOException {
    out.writeTag(field, LD);
    out.writeUInt32NoTag(size);
  }

  /**
   * Returns the size of {@code Literal{scalar{primitive{<body>}}}} for a primitive body of {@code
   * primitiveSize} bytes.
   */
  public static int primitiveLiteralSize(int primitiveSize) {
    return fieldSize(LITERAL_SCALAR, fieldSize(SCALAR_PRIMITIVE, primitiveSize));
  }

  /** Writes the headers of {@code Literal{scalar{primitive{...}}}}; the caller writes the body. */
  public static void writePrimitiveHeaders(CodedOutputStream out, int primitiveSize)
      throws IOException {
    writeHeader(out, LITERAL_SCALAR, fieldSize(SCALAR_PRIMITIVE, primitiveSize));
    writeHeader(out, SCALAR_PRIMITIVE, primitiveSize);
  }

  /**
   * Reads a {@code Literal} expected to hold {@code scalar.primitive} up to the primitive's first
   * field, and returns that field's tag with the stream positioned at its value; the caller reads
   * the value and then calls {@link #finishPrimitive}. Hash and metadata are skipped.
   *
   * @throws LiteralConversionException if the literal holds something else
   */
  public static int enterPrimitive(
      CodedInputStream in, String expected, Type javaType, int[] limits) throws IOException {
    int scalarLimit = -1;
    while (true) {
      int tag = in.readTag();
      if (tag == 0) {
        throw mismatch(
            expected, scalarLimit < 0 ? "an empty literal" : "an empty scalar", javaType);
      }
      int field = WireFormat.getTagFieldNumber(tag);
      if (scalarLimit < 0) {
        if (field == LITERAL_SCALAR && WireFormat.getTagWireType(tag) == LD) {
          scalarLimit = in.pushLimit(in.readRawVarint32());
          limits[0] = scalarLimit;
          continue;
        }
        if (field == LITERAL_HASH || field == LITERAL_METADATA) {
          in.skipField(tag);
          continue;
        }
        throw mismatch(expected, describeLiteralField(field), javaType);
      }
      if (field == SCALAR_PRIMITIVE && WireFormat.getTagWireType(tag) == LD) {
        limits[1] = in.pushLimit(in.readRawVarint32());
        int inner = in.readTag();
        if (inner == 0) {
          throw mismatch(expected, "an empty primitive", javaType);
        }
        return inner;
      }
      throw mismatch(expected, describeScalarField(field), javaType);
    }
  }

  /**
   * Skips what follows the primitive's value and pops the limits pushed by {@link #enterPrimitive}.
   */
  public static void finishPrimitive(CodedInputStream in, int[] limits) throws IOException {
    in.skipMessage(); // rest of the primitive
    in.popLimit(limits[1]);
    in.skipMessage(); // rest of the scalar
    in.popLimit(limits[0]);
    in.skipMessage(); // hash, metadata after the scalar
  }

  /** Returns a data error for a mismatch found while streaming. */
  public static LiteralConversionException mismatch(String expected, String actual, Type javaType) {
    return new LiteralConversionException(expected, actual, javaType, null);
  }

  /** Returns what a {@code Literal} field holds, for error messages. */
  public static String describeLiteralField(int field) {
    switch (field) {
      case LITERAL_SCALAR:
        return "a scalar";
      case LITERAL_COLLECTION:
        return "a collection";
      case LITERAL_MAP:
        return "a map";
      case LITERAL_OFFLOADED:
        return "an offloaded literal";
      default:
        return "literal field " + field;
    }
  }

  /** Returns what a {@code Scalar} field holds, for error messages. */
  public static String describeScalarField(int field) {
    switch (field) {
      case 1:
        return "a primitive";
      case 2:
        return "a blob";
      case 3:
        return "binary";
      case 4:
        return "a schema";
      case 5:
        return "none";
      case 6:
        return "an error";
      case 7:
        return "a generic struct";
      case 8:
        return "a structured dataset";
      case 9:
        return "a union";
      default:
        return "scalar field " + field;
    }
  }

  /** Returns what a {@code Primitive} field holds, for error messages. */
  public static String describePrimitiveField(int field) {
    switch (field) {
      case 1:
        return "an integer";
      case 2:
        return "a float";
      case 3:
        return "a string";
      case 4:
        return "a boolean";
      case 5:
        return "a datetime";
      case 6:
        return "a duration";
      default:
        return "primitive field " + field;
    }
  }
}
