package dev.ferry.testing;

import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Primitive;
import dev.ferry.idl.core.Scalar;
import dev.ferry.idl.core.Union;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks that a literal has the shape its literal type promises, all the way down, as Flyte's type
 * checker and the Python SDK read it: an INTEGER type holds an integer primitive, a collection type
 * a collection of conforming elements, a union type a {@code Scalar.union} whose stored type is one
 * of the variants and whose value conforms to it, and so on.
 *
 * <pre>{@code
 * assertThat(LiteralConformance.problems(literal, engine.literalType(type))).isEmpty();
 * }</pre>
 */
public final class LiteralConformance {
  private LiteralConformance() {}

  /** Returns what does not conform, one line each ({@code $[2]: ...}); empty if it conforms. */
  public static List<String> problems(Literal literal, LiteralType type) {
    List<String> problems = new ArrayList<>();
    check(literal, type, "$", problems);
    return problems;
  }

  private static void check(Literal literal, LiteralType type, String at, List<String> out) {
    if (literal.hasOffloadedMetadata()) {
      return; // its value lives elsewhere; the reader checks it when it loads it
    }
    Scalar s = literal.hasScalar() ? literal.getScalar() : null;
    switch (type.getTypeCase()) {
      case SIMPLE -> checkSimple(literal, type, at, out);
      case ENUM_TYPE -> {
        Primitive p = primitive(literal);
        if (p == null || !p.hasStringValue()) {
          out.add(at + ": enum type but not a string primitive");
        } else if (!type.getEnumType().getValuesList().contains(p.getStringValue())) {
          out.add(at + ": '" + p.getStringValue() + "' is not one of the enum's values");
        }
      }
      case COLLECTION_TYPE -> {
        if (!literal.hasCollection()) {
          out.add(at + ": collection type but not a collection");
          return;
        }
        List<Literal> items = literal.getCollection().getLiteralsList();
        for (int i = 0; i < items.size(); i++) {
          check(items.get(i), type.getCollectionType(), at + "[" + i + "]", out);
        }
      }
      case MAP_VALUE_TYPE -> {
        if (!literal.hasMap()) {
          out.add(at + ": map type but not a map");
          return;
        }
        for (Map.Entry<String, Literal> e : literal.getMap().getLiteralsMap().entrySet()) {
          check(e.getValue(), type.getMapValueType(), at + "[" + e.getKey() + "]", out);
        }
      }
      case UNION_TYPE -> {
        if (s == null || !s.hasUnion()) {
          out.add(at + ": union type but not a Scalar.union");
          return;
        }
        Union union = s.getUnion();
        if (!type.getUnionType().getVariantsList().contains(union.getType())) {
          out.add(at + ": the union's stored type is not one of the union type's variants");
          return;
        }
        check(union.getValue(), union.getType(), at + ".value", out);
      }
      case BLOB -> {
        if (s == null || !s.hasBlob()) {
          out.add(at + ": blob type but not a blob");
        } else if (s.getBlob().getMetadata().getType().getDimensionality()
            != type.getBlob().getDimensionality()) {
          out.add(at + ": blob of another dimensionality than its type");
        } else if (!type.getBlob().getFormat().isEmpty()
            && !type.getBlob()
                .getFormat()
                .equals(s.getBlob().getMetadata().getType().getFormat())) {
          out.add(at + ": blob of another format than its type");
        }
      }
      case STRUCTURED_DATASET_TYPE -> {
        if (s == null || !s.hasStructuredDataset()) {
          out.add(at + ": structured dataset type but not a structured dataset");
        }
      }
      case SCHEMA -> {
        if (s == null || !s.hasSchema()) {
          out.add(at + ": schema type but not a schema");
        }
      }
      default -> out.add(at + ": unexpected literal type " + type.getTypeCase());
    }
  }

  private static void checkSimple(Literal literal, LiteralType type, String at, List<String> out) {
    Scalar s = literal.hasScalar() ? literal.getScalar() : null;
    Primitive p = primitive(literal);
    boolean ok =
        switch (type.getSimple()) {
          case INTEGER -> p != null && p.hasInteger();
          case FLOAT -> p != null && p.hasFloatValue();
          case STRING -> p != null && p.hasStringValue();
          case BOOLEAN -> p != null && p.hasBoolean();
          case DATETIME -> p != null && p.hasDatetime();
          case DURATION -> p != null && p.hasDuration();
          case NONE -> s != null && s.hasNoneType();
          case BINARY -> s != null && s.hasBinary() && s.getBinary().getTag().isEmpty();
          case STRUCT ->
              s != null
                  && (s.hasGeneric()
                      || (s.hasBinary() && s.getBinary().getTag().equals("msgpack")));
          default -> false;
        };
    if (!ok) {
      out.add(at + ": does not hold a " + type.getSimple() + " value");
    }
  }

  private static @Nullable Primitive primitive(Literal literal) {
    return literal.hasScalar() && literal.getScalar().hasPrimitive()
        ? literal.getScalar().getPrimitive()
        : null;
  }
}
