package dev.ferry.sdk.workflow;

import dev.ferry.engine.TypeRef;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A value of type {@code T} that exists only inside a workflow's body: a workflow input, a node's
 * output, a component of one, a constant, or a record built from promises. Promises are passed to
 * {@link WorkflowBuilder#call} and {@link WorkflowBuilder#map}; they are never awaited.
 *
 * <pre>{@code
 * Promise<Model> m = b.call(TRAIN, in);
 * Promise<Double> loss = m.field("loss", Double.class);   // OutputReference attr_path ["loss"]
 * }</pre>
 *
 * @param <T> the type of the value
 */
public final class Promise<T> {
  /** Where the value comes from. */
  sealed interface Source permits Ref, Spread, Const {}

  /** An output variable of a node ({@code start-node} for the workflow's inputs), with a path. */
  record Ref(String nodeId, String var, List<Object> attrPath) implements Source {}

  /** A record whose components are separate promises. */
  record Spread(Map<String, Promise<?>> components) implements Source {}

  /** A constant. */
  record Const(@Nullable Object value) implements Source {}

  private final TypeRef<T> type;
  private final Source source;

  Promise(TypeRef<T> type, Source source) {
    this.type = type;
    this.source = source;
  }

  /** Returns the Java type of the value. */
  public TypeRef<T> type() {
    return type;
  }

  Source source() {
    return source;
  }

  /**
   * Returns a promise of component {@code name} of this record value; {@code componentType} must be
   * the component's type.
   */
  public <F> Promise<F> field(String name, Class<F> componentType) {
    return field(name, TypeRef.of(componentType));
  }

  /** As {@link #field(String, Class)}, for generic component types. */
  @SuppressWarnings("unchecked")
  public <F> Promise<F> field(String name, TypeRef<F> componentType) {
    Promise<?> f = field(name);
    if (!boxed(f.type()).equals(boxed(componentType))) {
      throw new IllegalArgumentException(
          "component '"
              + name
              + "' of "
              + type
              + " is a "
              + f.type()
              + " but was read as a "
              + componentType);
    }
    return (Promise<F>) f;
  }

  /** Returns a promise of component {@code name}, typed as the component is declared. */
  Promise<?> field(String name) {
    RecordComponent rc = component(type, name);
    TypeRef<?> ft = boxed(type.resolve(rc.getGenericType()));
    if (source instanceof Spread s) {
      return Objects.requireNonNull(s.components().get(name));
    }
    if (source instanceof Ref r) {
      List<Object> path = new ArrayList<>(r.attrPath());
      path.add(name);
      return ofAny(ft, new Ref(r.nodeId(), r.var(), List.copyOf(path)));
    }
    Object value = ((Const) source).value();
    return ofAny(ft, new Const(value == null ? null : Values.component(value, rc)));
  }

  /** Returns the node ids this value depends on, {@code start-node} excluded. */
  void upstream(java.util.Set<String> into) {
    if (source instanceof Ref r && !r.nodeId().equals(WorkflowBuilder.START)) {
      into.add(r.nodeId());
    } else if (source instanceof Spread s) {
      s.components().values().forEach(p -> p.upstream(into));
    }
  }

  static <T> Promise<T> of(TypeRef<T> type, Source source) {
    return new Promise<>(type, source);
  }

  @SuppressWarnings("unchecked")
  static <T> Promise<T> ofAny(TypeRef<?> type, Source source) {
    return new Promise<>((TypeRef<T>) type, source);
  }

  static RecordComponent component(TypeRef<?> record, String name) {
    Class<?> raw = record.rawType();
    if (!raw.isRecord()) {
      throw new IllegalArgumentException(
          "cannot read component '" + name + "' of " + record + ", which is not a record");
    }
    Map<String, RecordComponent> byName = new LinkedHashMap<>();
    for (RecordComponent rc : raw.getRecordComponents()) {
      byName.put(rc.getName(), rc);
    }
    RecordComponent rc = byName.get(name);
    if (rc == null) {
      throw new IllegalArgumentException(
          "record "
              + raw.getName()
              + " has no component '"
              + name
              + "': it has "
              + new TreeSet<>(byName.keySet()));
    }
    return rc;
  }

  static TypeRef<?> boxed(TypeRef<?> t) {
    if (t.type() instanceof Class<?> c && c.isPrimitive()) {
      return TypeRef.of(java.lang.invoke.MethodType.methodType(c).wrap().returnType());
    }
    return t;
  }

  @Override
  public String toString() {
    return "Promise{" + type + " from " + source + "}";
  }
}
