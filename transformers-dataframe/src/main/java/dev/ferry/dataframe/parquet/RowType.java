package dev.ferry.dataframe.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * The type of a dataset column as a row record declares it: a primitive leaf, a list (a {@code
 * List} component) or a struct (a nested record component), nested to any depth. Each knows the
 * Parquet type it is written as; lists use the standard three-level layout ({@code optional group x
 * (LIST) { repeated group list { optional ... element; } }}) that pyarrow, Spark and DuckDB write.
 */
sealed interface RowType {
  /** Returns the Parquet type of a column of this type. */
  Type parquet(String name, Repetition repetition);

  /**
   * A primitive column; {@code precision} and {@code scale} are those of a decimal (0 otherwise).
   */
  record Leaf(ColumnKind kind, int precision, int scale) implements RowType {
    /** Returns a non-decimal leaf. */
    static Leaf of(ColumnKind kind) {
      return new Leaf(kind, 0, 0);
    }

    /** Returns the physical type of a decimal of this precision, as parquet-java and Spark do. */
    PrimitiveTypeName decimalPhysical() {
      return precision <= 9
          ? PrimitiveTypeName.INT32
          : precision <= 18 ? PrimitiveTypeName.INT64 : PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
    }

    /** Returns the bytes of a fixed-length decimal of this precision. */
    int decimalBytes() {
      return decimalBytes(precision);
    }

    /** Returns the fewest bytes whose two's complement holds every {@code precision} digits. */
    static int decimalBytes(int precision) {
      BigInteger max = BigInteger.TEN.pow(precision);
      return (max.bitLength() + 1 + 7) / 8; // + 1: the sign bit
    }

    @Override
    public Type parquet(String name, Repetition repetition) {
      if (kind == ColumnKind.DECIMAL) {
        var p =
            Types.primitive(decimalPhysical(), repetition)
                .as(LogicalTypeAnnotation.decimalType(scale, precision));
        if (decimalPhysical() == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
          p = p.length(decimalBytes());
        }
        return p.named(name);
      }
      var p = Types.primitive(kind.physical, repetition);
      if (kind.logical != null) {
        p = p.as(kind.logical);
      }
      return p.named(name);
    }

    /** Returns a decimal value at this leaf's scale, or null if it does not fit. */
    @org.jspecify.annotations.Nullable
    BigDecimal fit(BigDecimal value) {
      BigDecimal v = value.scale() > scale ? value.stripTrailingZeros() : value;
      if (v.scale() > scale) {
        return null;
      }
      BigDecimal scaled = v.setScale(scale);
      return scaled.precision() > precision ? null : scaled;
    }
  }

  /**
   * A list column of a {@code List} component; {@code nullableElements} when the elements are
   * {@code Optional} ({@code elementWrapper}) or {@code @Nullable}.
   */
  record ListOf(RowType element, boolean nullableElements, boolean elementWrapper)
      implements RowType {
    @Override
    public Type parquet(String name, Repetition repetition) {
      Type e =
          element.parquet("element", nullableElements ? Repetition.OPTIONAL : Repetition.REQUIRED);
      return Types.buildGroup(repetition)
          .as(LogicalTypeAnnotation.listType())
          .addField(Types.repeatedGroup().addField(e).named("list"))
          .named(name);
    }
  }

  /** A struct column of a nested record component. */
  record Struct(RowSchema<?> schema) implements RowType {
    @Override
    public Type parquet(String name, Repetition repetition) {
      return Types.buildGroup(repetition)
          .addFields(schema.fieldTypes().toArray(new Type[0]))
          .named(name);
    }
  }
}
