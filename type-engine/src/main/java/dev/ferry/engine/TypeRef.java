package dev.ferry.engine;

import dev.ferry.engine.internal.Types;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Java type with its generic arguments, captured by a super-type token: {@code new
 * TypeRef<List<Order>>() {}}.
 *
 * <p>Instances are canonical and immutable: two refs for the same type are equal whichever way they
 * were made, so a {@code TypeRef} is a cache key. Wildcards are replaced by their bounds. A type
 * that still contains a type variable (a token created inside a generic method, {@code new
 * TypeRef<List<T>>() {}}) is rejected, because nothing could convert a value of it.
 *
 * @param <T> the type
 */
public class TypeRef<T> {
  private final Type type;
  private final Class<? super T> rawType;
  private final int hash;

  /** Captures the type argument of the anonymous subclass. */
  protected TypeRef() {
    Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType p) || p.getRawType() != TypeRef.class) {
      throw new IllegalStateException(
          "TypeRef must be created as an anonymous subclass with a type argument: "
              + "new TypeRef<List<String>>() {}");
    }
    this.type = checked(Types.canonicalize(p.getActualTypeArguments()[0]));
    this.rawType = raw(type);
    this.hash = type.hashCode();
  }

  private TypeRef(Type type) {
    this.type = checked(Types.canonicalize(notWildcard(Objects.requireNonNull(type, "type"))));
    this.rawType = raw(type);
    this.hash = this.type.hashCode();
  }

  /** Returns the ref of a class; for a generic class its type arguments must be given instead. */
  public static <T> TypeRef<T> of(Class<T> type) {
    if (type.getTypeParameters().length > 0) {
      throw new IllegalArgumentException(
          "raw type "
              + type.getName()
              + " needs its type arguments: use new TypeRef<"
              + type.getSimpleName()
              + "<...>>() {}");
    }
    return new TypeRef<>(type);
  }

  /**
   * Returns the ref of a reflective type (as found on a record component or method).
   *
   * @throws TypeDefinitionException if {@code type} is a wildcard ({@code ? extends Long}), which
   *     no value has: the message names its bound to use instead
   * @throws IllegalArgumentException if the type contains an unresolved type variable
   */
  public static TypeRef<?> of(Type type) {
    return new TypeRef<>(type);
  }

  /** Returns the ref of {@code raw<args...>}, for example {@code List<Order>}. */
  public static TypeRef<?> parameterized(Class<?> raw, Type... args) {
    return new TypeRef<>(Types.parameterized(raw, args));
  }

  @SuppressWarnings("unchecked")
  private static <T> Class<? super T> raw(Type type) {
    return (Class<? super T>) Types.rawType(type);
  }

  private static Type notWildcard(Type type) {
    if (type instanceof WildcardType w) {
      Type bound = w.getLowerBounds().length > 0 ? w.getLowerBounds()[0] : w.getUpperBounds()[0];
      TypeRef<?> boundRef = new TypeRef<>(bound);
      String simple = boundRef.rawType().getSimpleName();
      throw new TypeDefinitionException(
          boundRef,
          "the wildcard "
              + w.getTypeName()
              + " is not a type a value has: use its bound "
              + boundRef
              + " (declare List<"
              + simple
              + "> rather than List<"
              + w.getTypeName().replace(boundRef.toString(), simple)
              + ">)");
    }
    return type;
  }

  private static Type checked(Type type) {
    TypeVariable<?> variable = Types.firstTypeVariable(type);
    if (variable != null) {
      throw new IllegalArgumentException(
          "type variable "
              + variable.getName()
              + " of "
              + variable.getGenericDeclaration()
              + " is unresolved in "
              + Types.toString(type)
              + ": create the TypeRef where the type argument is known");
    }
    return type;
  }

  /** Returns the canonical reflective type. */
  public Type type() {
    return type;
  }

  /** Returns the class behind the type: {@code List.class} for {@code List<Order>}. */
  public Class<? super T> rawType() {
    return rawType;
  }

  /** Returns the type arguments: {@code [Order]} for {@code List<Order>}; empty for a class. */
  public List<TypeRef<?>> typeArguments() {
    List<TypeRef<?>> refs = new ArrayList<>();
    if (type instanceof ParameterizedType p) {
      for (Type arg : p.getActualTypeArguments()) {
        refs.add(new TypeRef<>(arg));
      }
    }
    return List.copyOf(refs);
  }

  /** Returns the type argument at {@code index}; the type must be parameterized. */
  public TypeRef<?> typeArgument(int index) {
    if (!(type instanceof ParameterizedType p)) {
      throw new IllegalStateException(this + " has no type arguments");
    }
    return new TypeRef<>(p.getActualTypeArguments()[index]);
  }

  /** Returns {@code member} resolved against this type: {@code List<T>} in {@code Page<Order>}. */
  public TypeRef<?> resolve(Type member) {
    return new TypeRef<>(Types.resolve(type, member));
  }

  /** Returns true if this is a parameterized type. */
  public boolean isParameterized() {
    return type instanceof ParameterizedType;
  }

  @Override
  public final boolean equals(Object o) {
    return o instanceof TypeRef<?> other && type.equals(other.type);
  }

  @Override
  public final int hashCode() {
    return hash;
  }

  @Override
  public final String toString() {
    return Types.toString(type);
  }
}
