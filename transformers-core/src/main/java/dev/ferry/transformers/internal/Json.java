package dev.ferry.transformers.internal;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.List;

/** Builders of protobuf JSON values, for JSON Schemas and annotations. */
public final class Json {
  private Json() {}

  /** Returns a string value. */
  public static Value str(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }

  /** Returns a boolean value. */
  public static Value bool(boolean b) {
    return Value.newBuilder().setBoolValue(b).build();
  }

  /** Returns a null value. */
  public static Value nul() {
    return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
  }

  /** Returns a list value. */
  public static Value list(List<Value> values) {
    return Value.newBuilder().setListValue(ListValue.newBuilder().addAllValues(values)).build();
  }

  /** Returns a list of strings. */
  public static Value strings(List<String> values) {
    ListValue.Builder b = ListValue.newBuilder();
    values.forEach(v -> b.addValues(str(v)));
    return Value.newBuilder().setListValue(b).build();
  }

  /** Returns an object value from alternating keys and values. */
  public static Value obj(Object... keysAndValues) {
    return Value.newBuilder().setStructValue(struct(keysAndValues)).build();
  }

  /** Returns a struct from alternating keys and values (each a {@link Value} or String). */
  public static Struct struct(Object... keysAndValues) {
    Struct.Builder b = Struct.newBuilder();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      Object v = keysAndValues[i + 1];
      b.putFields((String) keysAndValues[i], v instanceof Value value ? value : str((String) v));
    }
    return b.build();
  }

  /**
   * Returns the schema of {@code inner} or null: {@code anyOf [inner, {"type": "null"}]}, with an
   * {@code anyOf} inner flattened into it ({@code anyOf [A, B, null]}), as Python's typing flattens
   * {@code Optional[Union[A, B]]} to {@code Union[A, B, None]} before its schema is written.
   */
  public static Value orNull(Value inner) {
    Struct s = inner.getStructValue();
    if (inner.hasStructValue()
        && s.getFieldsCount() == 1
        && s.containsFields("anyOf")
        && s.getFieldsOrThrow("anyOf").hasListValue()) {
      ListValue.Builder flat = s.getFieldsOrThrow("anyOf").getListValue().toBuilder();
      flat.addValues(type("null"));
      return obj("anyOf", Value.newBuilder().setListValue(flat).build());
    }
    return obj("anyOf", list(List.of(inner, type("null"))));
  }

  /** Returns a struct value. */
  public static Value of(Struct struct) {
    return Value.newBuilder().setStructValue(struct).build();
  }

  /** Returns the schema {@code {"type": name}}. */
  public static Value type(String name) {
    return obj("type", name);
  }
}
