package dev.ferry.engine.internal;

import dev.ferry.engine.TypeRef;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fix a definition error suggests for a type no factory accepts. */
public final class Suggestions {
  private static final String REGISTER =
      "register a TypeTransformer.Factory with TypeEngine.builder().add(...), or ship a"
          + " TypeTransformerRegistrar through ServiceLoader";

  private Suggestions() {}

  /** Returns the reason and the suggested fix for a type without a transformer. */
  public static String noTransformer(TypeRef<?> type) {
    Class<?> raw = type.rawType();
    String prefix = "no transformer for " + type + ": ";
    if (raw == Object.class) {
      return prefix
          + "Object has no Flyte type; declare a concrete type, a record, or Map<String, Object>"
          + " for untyped data";
    }
    if (List.class.isAssignableFrom(raw) && raw != List.class) {
      return prefix + "declare it as java.util.List";
    }
    if (Set.class.isAssignableFrom(raw)
        || (Collection.class.isAssignableFrom(raw) && raw != List.class)) {
      return prefix + "Flyte collections are ordered lists; declare it as java.util.List";
    }
    if (Map.class.isAssignableFrom(raw) && raw != Map.class) {
      return prefix + "declare it as java.util.Map";
    }
    if (raw.isArray()) {
      return prefix + "declare it as java.util.List (only byte[] maps to a Flyte type as binary)";
    }
    if (raw == char.class || raw == Character.class) {
      return prefix + "declare it as String";
    }
    if (raw.isInterface() && !raw.isSealed()) {
      return prefix
          + "an interface has no Flyte type unless it is sealed and permits only records; "
          + REGISTER;
    }
    return prefix + REGISTER;
  }
}
