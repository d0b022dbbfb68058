package dev.ferry.sdk.workflow;

import dev.ferry.idl.core.LiteralType;
import java.util.ArrayList;
import java.util.List;

/** Compares and names literal types for binding checks. */
final class LiteralTypes {
  private LiteralTypes() {}

  /** True if a value of {@code actual} can be bound to {@code expected}. */
  static boolean assignable(LiteralType expected, LiteralType actual) {
    LiteralType e = structural(expected);
    LiteralType a = structural(actual);
    if (e.equals(a)) {
      return true;
    }
    if (e.hasUnionType()) {
      for (LiteralType variant : e.getUnionType().getVariantsList()) {
        if (structural(variant).equals(a)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The type without metadata, annotations and structure, which do not decide assignability. */
  static LiteralType structural(LiteralType t) {
    LiteralType.Builder b = t.toBuilder().clearMetadata().clearAnnotation().clearStructure();
    if (t.hasCollectionType()) {
      b.setCollectionType(structural(t.getCollectionType()));
    } else if (t.hasMapValueType()) {
      b.setMapValueType(structural(t.getMapValueType()));
    } else if (t.hasUnionType()) {
      List<LiteralType> variants = new ArrayList<>();
      for (LiteralType v : t.getUnionType().getVariantsList()) {
        variants.add(structural(v));
      }
      b.setUnionType(t.getUnionType().toBuilder().clearVariants().addAllVariants(variants));
    }
    return b.build();
  }

  /** A short name: {@code int}, {@code List[float]}, {@code Map[str, int]}, {@code Blob}... */
  static String describe(LiteralType t) {
    return switch (t.getTypeCase()) {
      case SIMPLE ->
          switch (t.getSimple()) {
            case INTEGER -> "int";
            case FLOAT -> "float";
            case STRING -> "str";
            case BOOLEAN -> "bool";
            case DATETIME -> "datetime";
            case DURATION -> "timedelta";
            case BINARY -> "binary";
            case STRUCT -> "struct";
            case NONE -> "None";
            default -> t.getSimple().name().toLowerCase(java.util.Locale.ROOT);
          };
      case COLLECTION_TYPE -> "List[" + describe(t.getCollectionType()) + "]";
      case MAP_VALUE_TYPE -> "Map[str, " + describe(t.getMapValueType()) + "]";
      case BLOB -> "Blob";
      case ENUM_TYPE -> "Enum" + t.getEnumType().getValuesList();
      case STRUCTURED_DATASET_TYPE -> "StructuredDataset";
      case SCHEMA -> "Schema";
      case UNION_TYPE -> {
        List<String> vs = new ArrayList<>();
        for (LiteralType v : t.getUnionType().getVariantsList()) {
          vs.add(describe(v));
        }
        yield "Union[" + String.join(", ", vs) + "]";
      }
      default -> "unknown";
    };
  }
}
