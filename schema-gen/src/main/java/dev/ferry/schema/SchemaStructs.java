package dev.ferry.schema;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads the parts of a JSON Schema held as a protobuf {@link Struct}; absent parts read empty. */
final class SchemaStructs {
  private SchemaStructs() {}

  /** Returns the options of the schema's {@code anyOf} other than {@code {"type": "null"}}. */
  static List<Struct> nonNullOptions(@Nullable Struct schema) {
    List<Struct> options = new ArrayList<>();
    if (schema != null && schema.containsFields("anyOf")) {
      for (Value v : schema.getFieldsOrThrow("anyOf").getListValue().getValuesList()) {
        if (!"null".equals(string(v.getStructValue(), "type"))) {
          options.add(v.getStructValue());
        }
      }
    }
    return options;
  }

  /** Returns the schema's {@code properties}. */
  static Map<String, Value> properties(Struct schema) {
    return sub(schema, "properties").getFieldsMap();
  }

  /** Returns the property names: the {@code required} ones in their order, then the others. */
  static List<String> fieldOrder(Struct schema) {
    Set<String> names = new LinkedHashSet<>();
    schema
        .getFieldsOrDefault("required", Value.getDefaultInstance())
        .getListValue()
        .getValuesList()
        .forEach(v -> names.add(v.getStringValue()));
    names.addAll(properties(schema).keySet());
    names.retainAll(properties(schema).keySet());
    return new ArrayList<>(names);
  }

  /** Returns the object under {@code key}. */
  static Struct sub(@Nullable Struct schema, String key) {
    if (schema == null) {
      return Struct.getDefaultInstance();
    }
    return schema.getFieldsOrDefault(key, Value.getDefaultInstance()).getStructValue();
  }

  /** Returns the string under {@code key}. */
  static String string(Struct schema, String key) {
    return schema.getFieldsOrDefault(key, Value.getDefaultInstance()).getStringValue();
  }

  /** Returns the schema's {@code title}, else {@code fallback}. */
  static String title(Struct schema, String fallback) {
    String t = string(schema, "title");
    return t.isEmpty() ? fallback : t;
  }
}
