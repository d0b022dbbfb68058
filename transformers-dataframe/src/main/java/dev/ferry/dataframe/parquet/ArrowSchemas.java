package dev.ferry.dataframe.parquet;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SimpleType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Arrow schemas to Parquet schemas and Flyte column types, and back. Columns of signed integers (8
 * to 64 bits), floats, doubles, booleans, UTF-8 strings, binary, timestamps (written as
 * microseconds; adjusted to UTC when the Arrow type has a time zone), dates, 128-bit decimals, and
 * lists and structs of these, nested to any depth (lists in Parquet's three-level layout).
 */
public final class ArrowSchemas {
  private ArrowSchemas() {}

  /** Returns the Parquet schema an Arrow schema is written with. */
  public static MessageType toParquet(Schema schema) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (Field f : schema.getFields()) {
      b.addField(parquet(f, f.getName()));
    }
    return b.named("schema");
  }

  private static Type parquet(Field f, String name) {
    Repetition rep = f.isNullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
    ArrowType t = f.getType();
    return switch (t.getTypeID()) {
      case Int -> {
        ArrowType.Int i = (ArrowType.Int) t;
        if (!i.getIsSigned()) {
          throw unsupported(f);
        }
        yield i.getBitWidth() == 64
            ? Types.primitive(PrimitiveTypeName.INT64, rep).named(name)
            : Types.primitive(PrimitiveTypeName.INT32, rep)
                .as(
                    i.getBitWidth() == 32
                        ? null
                        : LogicalTypeAnnotation.intType(i.getBitWidth(), true))
                .named(name);
      }
      case FloatingPoint ->
          switch (((ArrowType.FloatingPoint) t).getPrecision()) {
            case SINGLE -> Types.primitive(PrimitiveTypeName.FLOAT, rep).named(name);
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(name);
            default -> throw unsupported(f);
          };
      case Bool -> Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(name);
      case Utf8, LargeUtf8 ->
          Types.primitive(PrimitiveTypeName.BINARY, rep)
              .as(LogicalTypeAnnotation.stringType())
              .named(name);
      case Binary, LargeBinary -> Types.primitive(PrimitiveTypeName.BINARY, rep).named(name);
      case Timestamp ->
          Types.primitive(PrimitiveTypeName.INT64, rep)
              .as(
                  LogicalTypeAnnotation.timestampType(
                      ((ArrowType.Timestamp) t).getTimezone() != null,
                      LogicalTypeAnnotation.TimeUnit.MICROS))
              .named(name);
      case Date -> {
        if (((ArrowType.Date) t).getUnit() != DateUnit.DAY) {
          throw unsupported(f);
        }
        yield Types.primitive(PrimitiveTypeName.INT32, rep)
            .as(LogicalTypeAnnotation.dateType())
            .named(name);
      }
      case Decimal -> {
        ArrowType.Decimal d = (ArrowType.Decimal) t;
        if (d.getBitWidth() != 128) {
          throw unsupported(f);
        }
        yield new RowType.Leaf(ColumnKind.DECIMAL, d.getPrecision(), d.getScale())
            .parquet(name, rep);
      }
      case List -> {
        Field element = f.getChildren().get(0);
        yield Types.buildGroup(rep)
            .as(LogicalTypeAnnotation.listType())
            .addField(Types.repeatedGroup().addField(parquet(element, "element")).named("list"))
            .named(name);
      }
      case Struct -> {
        if (f.getChildren().isEmpty()) {
          throw unsupported(f);
        }
        var g = Types.buildGroup(rep);
        for (Field c : f.getChildren()) {
          g.addField(parquet(c, c.getName()));
        }
        yield g.named(name);
      }
      default -> throw unsupported(f);
    };
  }

  /** Returns the Arrow schema of Parquet columns (timestamps as microseconds). */
  public static Schema toArrow(MessageType parquet) {
    List<Field> fields = new ArrayList<>();
    for (Type t : parquet.getFields()) {
      fields.add(arrow(t, t.getName(), !t.isRepetition(Repetition.REQUIRED)));
    }
    return new Schema(fields);
  }

  private static Field arrow(Type t, String name, boolean nullable) {
    if (t.isRepetition(Repetition.REPEATED)) {
      throw new UnsupportedOperationException(
          "column '" + t.getName() + "' is a repeated field outside a LIST group: not supported");
    }
    if (!t.isPrimitive()) {
      GroupType g = t.asGroupType();
      if (g.getLogicalTypeAnnotation() == null) {
        List<Field> children = new ArrayList<>();
        for (Type c : g.getFields()) {
          children.add(arrow(c, c.getName(), !c.isRepetition(Repetition.REQUIRED)));
        }
        return new Field(name, new FieldType(nullable, ArrowType.Struct.INSTANCE, null), children);
      }
      RowMaterializer.ListLayout layout = RowMaterializer.ListLayout.of(g);
      if (layout == null) {
        throw new UnsupportedOperationException(
            "column '" + g.toString().trim() + "' has no arrow mapping in Ferry yet");
      }
      Type e = layout.element();
      Field element =
          arrow(
              e.isRepetition(Repetition.REPEATED) ? asRequired(e) : e,
              "element",
              e.isRepetition(Repetition.OPTIONAL));
      return new Field(
          name, new FieldType(nullable, ArrowType.List.INSTANCE, null), List.of(element));
    }
    PrimitiveType p = t.asPrimitiveType();
    LogicalTypeAnnotation l = p.getLogicalTypeAnnotation();
    if (l instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
      return new Field(
          name,
          new FieldType(nullable, new ArrowType.Decimal(d.getPrecision(), d.getScale(), 128), null),
          null);
    }
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
    return new Field(name, new FieldType(nullable, a, null), null);
  }

  private static Type asRequired(Type t) {
    return t.isPrimitive()
        ? Types.primitive(t.asPrimitiveType().getPrimitiveTypeName(), Repetition.REQUIRED)
            .length(t.asPrimitiveType().getTypeLength())
            .as(t.getLogicalTypeAnnotation())
            .named(t.getName())
        : new GroupType(Repetition.REQUIRED, t.getName(), t.asGroupType().getFields());
  }

  /**
   * Returns the Flyte columns of an Arrow schema, as flytekit declares them: a struct column is
   * flattened into a column per field named {@code struct.field}; a list column is a {@code
   * collection_type} of its element's type; see {@link #literalType(Field)} for the rest.
   */
  public static Map<String, LiteralType> columns(Schema schema) {
    Map<String, LiteralType> columns = new LinkedHashMap<>();
    for (Field f : schema.getFields()) {
      flatten(f, f.getName(), columns);
    }
    return columns;
  }

  private static void flatten(Field f, String name, Map<String, LiteralType> columns) {
    if (f.getType().getTypeID() == ArrowType.ArrowTypeID.Struct) {
      for (Field c : f.getChildren()) {
        flatten(c, name + "." + c.getName(), columns);
      }
    } else {
      columns.put(name, literalType(f));
    }
  }

  /**
   * Returns the Flyte type of an Arrow column: INTEGER, FLOAT, BOOLEAN, STRING, BINARY, DATETIME
   * (timestamps and dates); a list is a {@code collection_type} of its element's type; a decimal is
   * FLOAT (flytekit has no decimal type) with {@code metadata {"decimal": {"precision": p, "scale":
   * s}}}, which the backend's type check ignores; a struct (inside a list) is STRUCT.
   */
  public static LiteralType literalType(Field f) {
    ArrowType t = f.getType();
    if (t instanceof ArrowType.List) {
      return LiteralType.newBuilder()
          .setCollectionType(literalType(f.getChildren().get(0)))
          .build();
    }
    if (t instanceof ArrowType.Decimal d) {
      Struct decimal =
          Struct.newBuilder()
              .putFields("precision", Value.newBuilder().setNumberValue(d.getPrecision()).build())
              .putFields("scale", Value.newBuilder().setNumberValue(d.getScale()).build())
              .build();
      return LiteralType.newBuilder()
          .setSimple(SimpleType.FLOAT)
          .setMetadata(
              Struct.newBuilder()
                  .putFields("decimal", Value.newBuilder().setStructValue(decimal).build()))
          .build();
    }
    SimpleType s =
        switch (t.getTypeID()) {
          case Int -> SimpleType.INTEGER;
          case FloatingPoint -> SimpleType.FLOAT;
          case Bool -> SimpleType.BOOLEAN;
          case Utf8, LargeUtf8 -> SimpleType.STRING;
          case Binary, LargeBinary -> SimpleType.BINARY;
          case Timestamp, Date -> SimpleType.DATETIME;
          case Struct -> SimpleType.STRUCT;
          default -> throw unsupported(f);
        };
    return LiteralType.newBuilder().setSimple(s).build();
  }

  /**
   * Returns {@code schema} as an Arrow IPC schema message (continuation marker, length,
   * flatbuffer), as pyarrow's {@code Schema.serialize()} writes it and {@code
   * pyarrow.ipc.read_schema} reads it: what Ferry puts in {@code external_schema_bytes}.
   */
  public static byte[] toIpcMessage(Schema schema) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return out.toByteArray();
  }

  /**
   * Returns the schema of an Arrow IPC schema message, or empty if {@code bytes} is not one
   * (flytekit writes the schema's text form, {@code pa.Schema.to_string()}, instead).
   */
  public static Optional<Schema> fromIpcMessage(byte[] bytes) {
    if (bytes.length < 8 || (bytes[0] & 0xff) != 0xff || (bytes[3] & 0xff) != 0xff) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          MessageSerializer.deserializeSchema(
              new ReadChannel(Channels.newChannel(new ByteArrayInputStream(bytes)))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static UnsupportedOperationException unsupported(Field f) {
    return new UnsupportedOperationException(
        "arrow column '"
            + f.getName()
            + "' of type "
            + f.getType()
            + " is not supported: use signed ints, floats, doubles, booleans, utf8, binary,"
            + " timestamps, dates, 128-bit decimals, lists or structs");
  }

  private static UnsupportedOperationException unsupported(PrimitiveType p) {
    return new UnsupportedOperationException(
        "parquet column '" + p.toString().trim() + "' has no arrow mapping in Ferry yet");
  }
}
