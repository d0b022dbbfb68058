package dev.ferry.cli.inspect;

import dev.ferry.idl.core.BlobType;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SchemaType;
import dev.ferry.idl.core.StructuredDatasetType;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Returns a {@code LiteralType} as one short line in the Python SDK's vocabulary: {@code int},
 * {@code List[Record{a: int}]}, {@code Dict[str, float]}, {@code Union[int, none]}, {@code
 * Enum[red, green]}, {@code File[csv]}, {@code Directory}, {@code DataFrame[parquet]{a: int}}.
 * Record fields are listed by name (the wire keeps no order).
 */
public final class TypeSummary {
  private TypeSummary() {}

  /** Returns the summary of {@code type}. */
  public static String of(LiteralType type) {
    return switch (type.getTypeCase()) {
      case SIMPLE -> simple(type);
      case COLLECTION_TYPE -> "List[" + of(type.getCollectionType()) + "]";
      case MAP_VALUE_TYPE -> "Dict[str, " + of(type.getMapValueType()) + "]";
      case BLOB -> blob(type.getBlob());
      case ENUM_TYPE -> "Enum" + type.getEnumType().getValuesList();
      case UNION_TYPE ->
          type.getUnionType().getVariantsList().stream()
              .map(TypeSummary::of)
              .collect(Collectors.joining(", ", "Union[", "]"));
      case STRUCTURED_DATASET_TYPE -> dataset(type.getStructuredDatasetType());
      case SCHEMA -> schema(type.getSchema());
      case TYPE_NOT_SET -> "unset";
    };
  }

  private static String simple(LiteralType type) {
    return switch (type.getSimple()) {
      case NONE -> "none";
      case INTEGER -> "int";
      case FLOAT -> "float";
      case STRING -> "str";
      case BOOLEAN -> "bool";
      case DATETIME -> "datetime";
      case DURATION -> "duration";
      case BINARY -> "bytes";
      case ERROR -> "error";
      case STRUCT -> struct(type);
      case UNRECOGNIZED -> "simple(" + type.getSimpleValue() + ")";
    };
  }

  private static String struct(LiteralType type) {
    Map<String, LiteralType> fields = new TreeMap<>(type.getStructure().getDataclassTypeMap());
    if (fields.isEmpty()) {
      // A union variant keeps only its tag; the JSON schema's title still names the record.
      var title = type.getMetadata().getFieldsMap().get("title");
      return title != null && !title.getStringValue().isEmpty()
          ? "Record(" + title.getStringValue() + ")"
          : "Struct";
    }
    return fields.entrySet().stream()
        .map(e -> e.getKey() + ": " + of(e.getValue()))
        .collect(Collectors.joining(", ", "Record{", "}"));
  }

  private static String blob(BlobType blob) {
    String base =
        blob.getDimensionality() == BlobType.BlobDimensionality.MULTIPART ? "Directory" : "File";
    return blob.getFormat().isEmpty() ? base : base + "[" + blob.getFormat() + "]";
  }

  private static String dataset(StructuredDatasetType sd) {
    String base = sd.getFormat().isEmpty() ? "DataFrame" : "DataFrame[" + sd.getFormat() + "]";
    if (sd.getColumnsCount() == 0) {
      return base;
    }
    return sd.getColumnsList().stream()
        .map(c -> c.getName() + ": " + of(c.getLiteralType()))
        .collect(Collectors.joining(", ", base + "{", "}"));
  }

  private static String schema(SchemaType schema) {
    return schema.getColumnsList().stream()
        .map(c -> c.getName() + ": " + c.getType().name().toLowerCase(java.util.Locale.ROOT))
        .collect(Collectors.joining(", ", "Schema{", "}"));
  }
}
