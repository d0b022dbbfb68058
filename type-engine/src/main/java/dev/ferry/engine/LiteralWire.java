package dev.ferry.engine;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.WireFormat;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralOffloadedMetadata;
import java.io.IOException;
import java.io.InputStream;
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

  /**
   * What {@link #enterPrimitive} returns when the literal is offloaded: the caller reads it with
   * {@link #readOffloaded}.
   */
  public static final long OFFLOADED = -1L;

  private static final int LD = WireFormat.WIRETYPE_LENGTH_DELIMITED;

  /**
   * How many offloaded literals deep a read is, carried by the context the read passes on (one per
   * hop, so nothing outlives the read).
   */
  private record OffloadedHops(int count) {}

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
   * Reads a {@code Literal} expected to hold {@code scalar.primitive} (up to the current limit of
   * {@code in}) as far as the primitive's first field, skipping hash and metadata, and returns the
   * end positions of the primitive and the scalar for {@link #primitiveTag} and {@link
   * #finishPrimitive}. Nested messages are tracked by position, not by {@code pushLimit}, which
   * keeps the per-element cost of large collections low. Returns {@link #OFFLOADED} when it meets
   * {@code offloaded_metadata} instead (its tag read, its body not).
   *
   * @throws LiteralConversionException if the literal holds something else
   */
  public static long enterPrimitive(CodedInputStream in, String expected, Type javaType)
      throws IOException {
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      int field = WireFormat.getTagFieldNumber(tag);
      if (tag == lengthDelimitedTag(LITERAL_SCALAR)) {
        int scalarEnd = end(in);
        while (in.getTotalBytesRead() < scalarEnd) {
          int scalarTag = in.readTag();
          if (scalarTag == lengthDelimitedTag(SCALAR_PRIMITIVE)) {
            int primitiveEnd = end(in);
            if (primitiveEnd > scalarEnd) {
              throw malformed(javaType);
            }
            return ((long) primitiveEnd << 32) | (scalarEnd & 0xffffffffL);
          }
          throw mismatch(
              expected, describeScalarField(WireFormat.getTagFieldNumber(scalarTag)), javaType);
        }
        throw mismatch(expected, "an empty scalar", javaType);
      } else if (tag == lengthDelimitedTag(LITERAL_OFFLOADED)) {
        return OFFLOADED;
      } else if (field == LITERAL_HASH || field == LITERAL_METADATA) {
        in.skipField(tag);
      } else {
        throw mismatch(expected, describeLiteralField(field), javaType);
      }
    }
    throw mismatch(expected, "an empty literal", javaType);
  }

  /**
   * Returns true if {@code tag} is that of {@code Literal.offloaded_metadata}; a transformer's
   * {@link TypeTransformer#readFrom} that meets it hands over to {@link #readOffloaded}.
   */
  public static boolean isOffloaded(int tag) {
    return tag == lengthDelimitedTag(LITERAL_OFFLOADED);
  }

  /**
   * Reads the {@code offloaded_metadata} whose tag was just read, skips the rest of the literal
   * (its hash), and returns the value of the literal it points to, streamed from the store by the
   * context's {@link OffloadedLiteralResolver} through {@code transformer}'s {@link
   * TypeTransformer#readFrom}: no message tree is built, also when offloaded.
   *
   * @throws LiteralConversionException if it cannot be fetched, or its bytes do not fit
   */
  public static <T> T readOffloaded(
      CodedInputStream in, TypeTransformer<T> transformer, TransformContext ctx)
      throws IOException {
    LiteralOffloadedMetadata.Builder metadata = LiteralOffloadedMetadata.newBuilder();
    in.readMessage(metadata, ExtensionRegistryLite.getEmptyRegistry());
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      if (tag == 0) {
        break;
      }
      in.skipField(tag);
    }
    return readOffloaded(metadata.build(), transformer, ctx);
  }

  private static <T> T readOffloaded(
      LiteralOffloadedMetadata metadata, TypeTransformer<T> transformer, TransformContext ctx)
      throws IOException {
    Literal pointer = Literal.newBuilder().setOffloadedMetadata(metadata).build();
    OffloadedLiteralResolver resolver = OffloadedLiterals.resolver(ctx, pointer);
    OffloadedHops hops = ctx.get(OffloadedHops.class);
    int depth = hops == null ? 0 : hops.count();
    if (depth == OffloadedLiteralResolver.MAX_HOPS) {
      throw OffloadedLiterals.tooManyHops(pointer);
    }
    TransformContext inner = ctx.with(OffloadedHops.class, new OffloadedHops(depth + 1));
    try (InputStream in = resolver.open(metadata, inner)) {
      CodedInputStream coded = CodedInputStream.newInstance(in, 1 << 16);
      coded.setSizeLimit(Integer.MAX_VALUE);
      T value = transformer.readFrom(coded, inner);
      if (!coded.isAtEnd()) {
        throw new LiteralConversionException(
            "the end of the offloaded literal", "more bytes", null, metadata.getInferredType());
      }
      return value;
    } catch (LiteralConversionException e) {
      throw e;
    } catch (IOException e) {
      throw new LiteralConversionException(
          "an offloaded literal that can be read",
          Literals.describe(pointer) + " (" + e.getMessage() + ")",
          null,
          metadata.getInferredType(),
          e);
    }
  }

  /** Returns the tag of the primitive's first field, positioned by {@link #enterPrimitive}. */
  public static int primitiveTag(CodedInputStream in, long ends, String expected, Type javaType)
      throws IOException {
    if (in.getTotalBytesRead() >= (int) (ends >>> 32)) {
      throw mismatch(expected, "an empty primitive", javaType);
    }
    return in.readTag();
  }

  /**
   * Skips what follows the primitive's value (within the primitive, the scalar and the literal) and
   * checks that every nested message ended where its length said.
   */
  public static void finishPrimitive(CodedInputStream in, long ends, Type javaType)
      throws IOException {
    skipTo(in, (int) (ends >>> 32), javaType);
    skipTo(in, (int) ends, javaType);
    while (!in.isAtEnd()) {
      in.skipField(in.readTag()); // hash, metadata after the scalar
    }
  }

  private static int end(CodedInputStream in) throws IOException {
    int length = in.readRawVarint32();
    if (length < 0) {
      throw new LiteralConversionException(
          "a well-formed literal", "a negative length", null, null);
    }
    return in.getTotalBytesRead() + length;
  }

  private static void skipTo(CodedInputStream in, int end, Type javaType) throws IOException {
    while (in.getTotalBytesRead() < end) {
      int tag = in.readTag();
      if (tag == 0) {
        throw malformed(javaType);
      }
      in.skipField(tag);
    }
    if (in.getTotalBytesRead() != end) {
      throw malformed(javaType);
    }
  }

  private static LiteralConversionException malformed(Type javaType) {
    return new LiteralConversionException(
        "a well-formed literal", "a field running past the end of its message", javaType, null);
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
