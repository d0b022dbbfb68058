package dev.ferry.transformers.msgpack;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * States the JSON Schema that {@link MsgpackCodec#jsonSchema()} returns, without building protobuf
 * {@code Struct}s by hand: the common shapes as methods, anything else as JSON text.
 *
 * <pre>{@code
 * Value amount = JsonSchema.string("decimal");
 * Value money =
 *     JsonSchema.parse(
 *         """
 *         {"type": "string", "pattern": "^-?[0-9]+([.][0-9]+)? [A-Z]{3}$"}
 *         """);
 * }</pre>
 *
 * The schema goes into the record's schema as the Python SDK writes a dataclass's (draft 2020-12):
 * state what the Python side's type would produce, since a backend type check compares them.
 */
public final class JsonSchema {
  private JsonSchema() {}

  /** Returns {@code {"type": type}}: {@code "string"}, {@code "integer"}, {@code "number"}, ... */
  public static Value type(String type) {
    return object(List.of("type", type));
  }

  /** Returns {@code {"type": "string"}}. */
  public static Value string() {
    return type("string");
  }

  /** Returns {@code {"type": "string", "format": format}}, such as {@code "decimal"}. */
  public static Value string(String format) {
    return object(List.of("type", "string", "format", format));
  }

  /** Returns {@code {"type": "integer"}}. */
  public static Value integer() {
    return type("integer");
  }

  /** Returns {@code {"type": "number"}}. */
  public static Value number() {
    return type("number");
  }

  /** Returns {@code {"type": "boolean"}}. */
  public static Value bool() {
    return type("boolean");
  }

  /** Returns {@code {"enum": [values...]}}, the schema the Python SDK writes for an Enum. */
  public static Value enumOf(List<String> values) {
    ListValue.Builder b = ListValue.newBuilder();
    values.forEach(v -> b.addValues(Value.newBuilder().setStringValue(v)));
    Struct s =
        Struct.newBuilder().putFields("enum", Value.newBuilder().setListValue(b).build()).build();
    return Value.newBuilder().setStructValue(s).build();
  }

  private static Value object(List<String> keysAndValues) {
    Struct.Builder b = Struct.newBuilder();
    for (int i = 0; i < keysAndValues.size(); i += 2) {
      b.putFields(
          keysAndValues.get(i),
          Value.newBuilder().setStringValue(keysAndValues.get(i + 1)).build());
    }
    return Value.newBuilder().setStructValue(b).build();
  }

  /**
   * Returns the JSON value of {@code json} (an object, usually): the full JSON syntax, numbers as
   * doubles as protobuf's {@code Value} holds them.
   *
   * @throws IllegalArgumentException naming the offset and what was expected, if it is not JSON
   */
  public static Value parse(String json) {
    Parser p = new Parser(Objects.requireNonNull(json, "json"));
    p.space();
    Value v = p.value();
    p.space();
    if (p.pos < json.length()) {
      throw p.error("the end of the JSON text");
    }
    return v;
  }

  private static final class Parser {
    final String s;
    int pos;

    Parser(String s) {
      this.s = s;
    }

    IllegalArgumentException error(String expected) {
      String found =
          pos >= s.length()
              ? "the end"
              : "'" + s.substring(pos, Math.min(s.length(), pos + 10)) + "'";
      return new IllegalArgumentException(
          "JSON schema text: expected " + expected + " at offset " + pos + " but was " + found);
    }

    void space() {
      while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
    }

    boolean eat(String token) {
      if (s.startsWith(token, pos)) {
        pos += token.length();
        return true;
      }
      return false;
    }

    Value value() {
      if (pos >= s.length()) {
        throw error("a value");
      }
      char c = s.charAt(pos);
      if (c == '{') {
        return Value.newBuilder().setStructValue(object()).build();
      }
      if (c == '[') {
        return Value.newBuilder().setListValue(array()).build();
      }
      if (c == '"') {
        return Value.newBuilder().setStringValue(string()).build();
      }
      if (eat("true")) {
        return Value.newBuilder().setBoolValue(true).build();
      }
      if (eat("false")) {
        return Value.newBuilder().setBoolValue(false).build();
      }
      if (eat("null")) {
        return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
      }
      return Value.newBuilder().setNumberValue(number()).build();
    }

    Struct object() {
      pos++;
      Struct.Builder b = Struct.newBuilder();
      space();
      if (eat("}")) {
        return b.build();
      }
      while (true) {
        space();
        if (pos >= s.length() || s.charAt(pos) != '"') {
          throw error("a key in quotes");
        }
        String key = string();
        space();
        if (!eat(":")) {
          throw error("':'");
        }
        space();
        b.putFields(key, value());
        space();
        if (eat("}")) {
          return b.build();
        }
        if (!eat(",")) {
          throw error("',' or '}'");
        }
      }
    }

    ListValue array() {
      pos++;
      ListValue.Builder b = ListValue.newBuilder();
      space();
      if (eat("]")) {
        return b.build();
      }
      while (true) {
        space();
        b.addValues(value());
        space();
        if (eat("]")) {
          return b.build();
        }
        if (!eat(",")) {
          throw error("',' or ']'");
        }
      }
    }

    String string() {
      pos++;
      StringBuilder b = new StringBuilder();
      while (pos < s.length()) {
        char c = s.charAt(pos++);
        if (c == '"') {
          return b.toString();
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        if (pos >= s.length()) {
          break;
        }
        char e = s.charAt(pos++);
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'u' -> {
            if (pos + 4 > s.length()) {
              throw error("four hex digits");
            }
            try {
              b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            } catch (NumberFormatException x) {
              throw error("four hex digits");
            }
            pos += 4;
          }
          default -> {
            pos--;
            throw error("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)");
          }
        }
      }
      throw error("a closing '\"'");
    }

    double number() {
      int start = pos;
      while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
      if (start == pos) {
        pos = start;
        throw error("a value");
      }
      try {
        return new BigDecimal(s.substring(start, pos)).doubleValue();
      } catch (NumberFormatException e) {
        pos = start;
        throw error("a number");
      }
    }
  }
}
