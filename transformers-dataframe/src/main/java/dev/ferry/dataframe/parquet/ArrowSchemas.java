package dev.ferry.dataframe.parquet;

import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SimpleType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Arrow schemas to Parquet schemas and Flyte column types, and back. Flat columns of signed
 * integers (8 to 64 bits), floats, doubles, booleans, UTF-8 strings, binary, timestamps (written as
 * microseconds; adjusted to UTC when the Arrow type has a time zone) and dates.
 */
public final class ArrowSchemas {
  private ArrowSchemas() {}

  /** Returns the Parquet schema an Arrow schema is written with. */
  public static MessageType toParquet(Schema schema) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (Field f : schema.getFields()) {
      Repetition rep = f.isNullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
      ArrowType t = f.getType();
      PrimitiveType p =
          switch (t.getTypeID()) {
            case Int -> {
              ArrowType.Int i = (ArrowType.Int) t;
              if (!i.getIsSigned()) {
                throw unsupported(f);
              }
              yield i.getBitWidth() == 64
                  ? Types.primitive(PrimitiveTypeName.INT64, rep).named(f.getName())
                  : Types.primitive(PrimitiveTypeName.INT32, rep)
                      .as(
                          i.getBitWidth() == 32
                              ? null
                              : LogicalTypeAnnotation.intType(i.getBitWidth(), true))
                      .named(f.getName());
            }
            case FloatingPoint ->
                switch (((ArrowType.FloatingPoint) t).getPrecision()) {
                  case SINGLE -> Types.primitive(PrimitiveTypeName.FLOAT, rep).named(f.getName());
                  case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(f.getName());
                  default -> throw unsupported(f);
                };
            case Bool -> Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(f.getName());
            case Utf8 ->
                Types.primitive(PrimitiveTypeName.BINARY, rep)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(f.getName());
            case Binary -> Types.primitive(PrimitiveTypeName.BINARY, rep).named(f.getName());
            case Timestamp ->
                Types.primitive(PrimitiveTypeName.INT64, rep)
                    .as(
                        LogicalTypeAnnotation.timestampType(
                            ((ArrowType.Timestamp) t).getTimezone() != null,
                            LogicalTypeAnnotation.TimeUnit.MICROS))
                    .named(f.getName());
            case Date -> {
              if (((ArrowType.Date) t).getUnit() != DateUnit.DAY) {
                throw unsupported(f);
              }
              yield Types.primitive(PrimitiveTypeName.INT32, rep)
                  .as(LogicalTypeAnnotation.dateType())
                  .named(f.getName());
            }
            default -> throw unsupported(f);
          };
      b.addField(p);
    }
    return b.named("schema");
  }

  /** Returns the Arrow schema of Parquet columns (timestamps as microseconds). */
  public static Schema toArrow(MessageType parquet) {
    List<Field> fields = new ArrayList<>();
    for (Type t : parquet.getFields()) {
      if (!t.isPrimitive() || t.isRepetition(Repetition.REPEATED)) {
        throw new UnsupportedOperationException(
            "column '" + t.getName() + "' is nested: nested columns are not supported yet");
      }
      PrimitiveType p = t.asPrimitiveType();
      LogicalTypeAnnotation l = p.getLogicalTypeAnnotation();
      ArrowType a =
          switch (p.getPrimitiveTypeName()) {
            case INT32 -> {
              if (l instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                yield new ArrowType.Date(DateUnit.DAY);
              }
              if (l instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned()) {
                yield new ArrowType.Int(i.getBitWidth(), true);
              }
              if (l == null) {
                yield new ArrowType.Int(32, true);
              }
              throw unsupported(p);
            }
            case INT64 -> {
              if (l instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
                yield new ArrowType.Timestamp(
                    TimeUnit.MICROSECOND, ts.isAdjustedToUTC() ? "UTC" : null);
              }
              if (l == null
                  || (l instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
                      && i.isSigned())) {
                yield new ArrowType.Int(64, true);
              }
              throw unsupported(p);
            }
            case INT96 -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
            case FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case BINARY ->
                l instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || l instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || l instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation
                    ? ArrowType.Utf8.INSTANCE
                    : ArrowType.Binary.INSTANCE;
            default -> throw unsupported(p);
          };
      boolean nullable = !t.isRepetition(Repetition.REQUIRED);
      fields.add(new Field(t.getName(), new FieldType(nullable, a, null), null));
    }
    return new Schema(fields);
  }

  /** Returns the Flyte type of an Arrow column: INTEGER, FLOAT, BOOLEAN, STRING, DATETIME, ... */
  public static LiteralType literalType(Field f) {
    SimpleType s =
        switch (f.getType().getTypeID()) {
          case Int -> SimpleType.INTEGER;
          case FloatingPoint -> SimpleType.FLOAT;
          case Bool -> SimpleType.BOOLEAN;
          case Utf8 -> SimpleType.STRING;
          case Binary -> SimpleType.BINARY;
          case Timestamp, Date -> SimpleType.DATETIME;
          default -> throw unsupported(f);
        };
    return LiteralType.newBuilder().setSimple(s).build();
  }

  private static UnsupportedOperationException unsupported(Field f) {
    return new UnsupportedOperationException(
        "arrow column '"
            + f.getName()
            + "' of type "
            + f.getType()
            + " is not supported: use signed ints, floats, doubles, booleans, utf8, binary,"
            + " timestamps or dates");
  }

  private static UnsupportedOperationException unsupported(PrimitiveType p) {
    return new UnsupportedOperationException(
        "parquet column '" + p.toString().trim() + "' has no arrow mapping in Ferry yet");
  }
}
