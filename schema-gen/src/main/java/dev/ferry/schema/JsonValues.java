package dev.ferry.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SimpleType;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Shared pieces of the JSON conversions: describing values and types, parsing temporal values. */
final class JsonValues {
  private static final int MAX_QUOTED = 60;

  private JsonValues() {}

  /** Returns {@code node} as it appears in an error: JSON text, or its kind for containers. */
  static String describe(JsonNode node) {
    if (node.isMissingNode()) {
      return "missing";
    } else if (node.isObject()) {
      return "an object";
    } else if (node.isArray()) {
      return "an array";
    }
    String text = node.toString();
    return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...\"";
  }

  /** Returns a data error about {@code actual}; callers add the path as it propagates. */
  static LiteralConversionException mismatch(
      String expected, JsonNode actual, @Nullable LiteralType type) {
    return new LiteralConversionException(expected, describe(actual), null, type);
  }

  /** Returns what a value of {@code type} looks like in JSON, for error messages. */
  static String expected(LiteralType type) {
    switch (type.getTypeCase()) {
      case SIMPLE:
        return expected(type.getSimple());
      case COLLECTION_TYPE:
        return "an array";
      case MAP_VALUE_TYPE:
        return "an object";
      case ENUM_TYPE:
        return "one of " + type.getEnumType().getValuesList();
      case UNION_TYPE:
        return "one of the variants " + variantNames(type);
      case BLOB:
        return "a file URI";
      case STRUCTURED_DATASET_TYPE:
        return "a dataset URI";
      case SCHEMA:
        return "a schema URI";
      default:
        return "a value of type " + type.getTypeCase();
    }
  }

  private static String expected(SimpleType simple) {
    switch (simple) {
      case NONE:
        return "null";
      case INTEGER:
        return "an integer";
      case FLOAT:
        return "a number";
      case STRING:
        return "a string";
      case BOOLEAN:
        return "a boolean";
      case DATETIME:
        return "an ISO-8601 datetime such as \"2024-01-31T12:00:00Z\"";
      case DURATION:
        return "an ISO-8601 duration such as \"PT1.5S\"";
      case BINARY:
        return "a base64 string";
      case STRUCT:
        return "an object";
      default:
        return "a value of type " + simple;
    }
  }

  /** Returns the names of a union's variants: their tags, else their kinds. */
  static List<String> variantNames(LiteralType union) {
    List<String> names = new ArrayList<>();
    for (LiteralType v : union.getUnionType().getVariantsList()) {
      names.add(name(v));
    }
    return names;
  }

  /** Returns a short name of {@code type}: its union tag, its schema title or its kind. */
  static String name(LiteralType type) {
    if (!type.getStructure().getTag().isEmpty()) {
      return type.getStructure().getTag();
    }
    if (type.hasMetadata() && type.getMetadata().containsFields("title")) {
      return type.getMetadata().getFieldsOrThrow("title").getStringValue();
    }
    if (type.getTypeCase() == LiteralType.TypeCase.SIMPLE) {
      return type.getSimple().name().toLowerCase(java.util.Locale.ROOT);
    }
    return type.getTypeCase().name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Returns {@code true} if a JSON null fits {@code type}: none, or a union with a none variant.
   */
  static boolean acceptsNull(LiteralType type) {
    if (type.getTypeCase() == LiteralType.TypeCase.SIMPLE) {
      return type.getSimple() == SimpleType.NONE;
    }
    if (type.getTypeCase() == LiteralType.TypeCase.UNION_TYPE) {
      for (LiteralType v : type.getUnionType().getVariantsList()) {
        if (acceptsNull(v)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Returns the instant of an ISO-8601 datetime or date; a datetime without an offset is UTC, a
   * date is its start in UTC, as the Python SDK treats them.
   */
  static Instant instant(JsonNode node, LiteralType type) {
    if (!node.isTextual()) {
      throw mismatch(expected(type), node, type);
    }
    String s = node.textValue();
    try {
      if (s.length() == 10) {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(s);
      return parsed.isSupported(ChronoField.OFFSET_SECONDS)
          ? OffsetDateTime.from(parsed).toInstant()
          : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw mismatch(expected(type), node, type);
    } catch (DateTimeException e) {
      throw mismatch("a valid datetime", node, type);
    }
  }

  /** Returns the duration of an ISO-8601 duration string such as {@code PT1.5S}. */
  static Duration duration(JsonNode node, LiteralType type) {
    if (!node.isTextual()) {
      throw mismatch(expected(type), node, type);
    }
    try {
      return Duration.parse(node.textValue());
    } catch (DateTimeParseException e) {
      throw mismatch(expected(type), node, type);
    }
  }

  /** Returns the integer value of {@code node}, or fails with the integer grammar. */
  static long integer(JsonNode node, LiteralType type) {
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw mismatch(node.isIntegralNumber() ? "a 64-bit integer" : "an integer", node, type);
    }
    return node.longValue();
  }
}
