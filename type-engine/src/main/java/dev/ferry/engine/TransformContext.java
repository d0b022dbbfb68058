package dev.ferry.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a conversion needs besides the value: the path of the value (for error messages), and typed
 * attributes that later modules add (the blob store, the raw-output prefix, the offload policy).
 *
 * <p>Immutable; {@code with...} methods return a new context.
 *
 * <pre>{@code
 * TransformContext ctx = TransformContext.at("inputs").with(BlobStore.class, store);
 * }</pre>
 */
public final class TransformContext {
  private static final TransformContext DEFAULT = new TransformContext("", Map.of());

  private final String path;
  private final Map<Class<?>, Object> attributes;

  private TransformContext(String path, Map<Class<?>, Object> attributes) {
    this.path = path;
    this.attributes = attributes;
  }

  /** Returns a context with no attributes whose values are reported at the root. */
  public static TransformContext defaults() {
    return DEFAULT;
  }

  /** Returns a context with no attributes whose values are reported under {@code path}. */
  public static TransformContext at(String path) {
    return DEFAULT.withPath(path);
  }

  /** Returns the path of the value being converted: {@code inputs.order}. */
  public String path() {
    return path;
  }

  /** Returns this context with another path. */
  public TransformContext withPath(String path) {
    return new TransformContext(Objects.requireNonNull(path, "path"), attributes);
  }

  /**
   * Returns this context with {@code name} appended to the path: {@code inputs} → {@code inputs.x}.
   */
  public TransformContext child(String name) {
    return withPath(path.isEmpty() ? name : path + "." + name);
  }

  /** Returns the attribute of the given type, or null. */
  public <A> @Nullable A get(Class<A> type) {
    return type.cast(attributes.get(type));
  }

  /** Returns the attribute of the given type, or throws if the context has none. */
  public <A> A require(Class<A> type) {
    A value = get(type);
    if (value == null) {
      throw new IllegalStateException(
          "the transform context has no " + type.getSimpleName() + ": add it with ctx.with(...)");
    }
    return value;
  }

  /** Returns this context with an attribute set (or replaced). */
  public <A> TransformContext with(Class<A> type, A value) {
    Map<Class<?>, Object> copy = new HashMap<>(attributes);
    copy.put(type, type.cast(Objects.requireNonNull(value, "value")));
    return new TransformContext(path, Map.copyOf(copy));
  }

  @Override
  public String toString() {
    return "TransformContext{path=" + path + ", attributes=" + attributes.keySet() + "}";
  }
}
