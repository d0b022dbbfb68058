package dev.ferry.dataframe.parquet;

import java.util.List;
import java.util.Map;

/**
 * The {@code "pandas"} key-value metadata of a Parquet file Ferry writes, in the form pyarrow's
 * {@code Table.from_pandas} writes it, so that {@code pd.read_parquet} gives each column the dtype
 * pandas itself would have written: above all a nullable integer or boolean column becomes {@code
 * Int64} (…{@code Int8}, {@code boolean}) instead of {@code float64} (or {@code object}), which
 * would lose integers above 2^53. Dates, decimals, timestamps (UTC), strings, bytes, lists and
 * structs get the {@code pandas_type} pandas gives them; their dtypes are those pyarrow gives
 * without metadata. No index is stored ({@code index_columns} is empty): pandas numbers the rows.
 */
public final class PandasMetadata {
  /** The key pyarrow and pandas read. */
  public static final String KEY = "pandas";

  private PandasMetadata() {}

  /** Returns the key-value metadata for a file of {@code schema}'s rows. */
  public static Map<String, String> of(RowSchema<?> schema) {
    return Map.of(KEY, json(schema.columns()));
  }

  static String json(List<RowSchema.Column> columns) {
    StringBuilder sb = new StringBuilder();
    sb.append("{\"index_columns\": [], \"column_indexes\": [{\"name\": null, \"field_name\": null,")
        .append(" \"pandas_type\": \"unicode\", \"numpy_type\": \"object\",")
        .append(" \"metadata\": {\"encoding\": \"UTF-8\"}}], \"columns\": [");
    for (int i = 0; i < columns.size(); i++) {
      RowSchema.Column c = columns.get(i);
      if (i > 0) {
        sb.append(", ");
      }
      String name = quote(c.name());
      sb.append("{\"name\": ")
          .append(name)
          .append(", \"field_name\": ")
          .append(name)
          .append(", \"pandas_type\": ")
          .append(quote(pandasType(c.type())))
          .append(", \"numpy_type\": ")
          .append(quote(numpyType(c.type(), c.nullable())))
          .append(", \"metadata\": ")
          .append(metadata(c.type()))
          .append('}');
    }
    return sb.append("], \"creator\": {\"library\": \"ferry\"}}").toString();
  }

  /** Returns pandas' logical type name of a column, as {@code pandas.api.types.infer_dtype}. */
  static String pandasType(RowType type) {
    if (type instanceof RowType.ListOf l) {
      return "list[" + pandasType(l.element()) + "]";
    }
    if (type instanceof RowType.Struct) {
      return "object";
    }
    return switch (((RowType.Leaf) type).kind()) {
      case INT8 -> "int8";
      case INT16 -> "int16";
      case INT32 -> "int32";
      case INT64 -> "int64";
      case FLOAT -> "float32";
      case DOUBLE -> "float64";
      case BOOLEAN -> "bool";
      case STRING -> "unicode";
      case BINARY -> "bytes";
      case TIMESTAMP -> "datetimetz";
      case DATE -> "date";
      case DECIMAL -> "decimal";
    };
  }

  /**
   * Returns the dtype pandas gives the column: the nullable extension dtype ({@code Int64}, {@code
   * boolean}) for a nullable integer or boolean column, which pyarrow then reads the column as.
   */
  static String numpyType(RowType type, boolean nullable) {
    if (!(type instanceof RowType.Leaf leaf)) {
      return "object";
    }
    return switch (leaf.kind()) {
      case INT8 -> nullable ? "Int8" : "int8";
      case INT16 -> nullable ? "Int16" : "int16";
      case INT32 -> nullable ? "Int32" : "int32";
      case INT64 -> nullable ? "Int64" : "int64";
      case BOOLEAN -> nullable ? "boolean" : "bool";
      case FLOAT -> "float32";
      case DOUBLE -> "float64";
      case TIMESTAMP -> "datetime64[us]";
      case STRING, BINARY, DATE, DECIMAL -> "object";
    };
  }

  private static String metadata(RowType type) {
    if (type instanceof RowType.Leaf leaf) {
      if (leaf.kind() == ColumnKind.DECIMAL) {
        return "{\"precision\": " + leaf.precision() + ", \"scale\": " + leaf.scale() + "}";
      }
      if (leaf.kind() == ColumnKind.TIMESTAMP) {
        return "{\"timezone\": \"UTC\"}";
      }
    }
    return "null";
  }

  /** Returns {@code s} as a JSON string. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch < 0x20) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
