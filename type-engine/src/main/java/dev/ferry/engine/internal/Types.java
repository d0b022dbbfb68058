package dev.ferry.engine.internal;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Canonical forms of reflective types: comparable, hashable, printable and resolvable. */
public final class Types {
  private Types() {}

  /**
   * Returns an equal type whose implementation has value semantics. Wildcards are replaced by their
   * bound ({@code ? extends T} and {@code ? super T} both become {@code T}; {@code ?} becomes
   * {@code Object}), so {@code List<? extends Order>} and {@code List<Order>} look up the same
   * transformer.
   */
  public static Type canonicalize(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    } else if (type instanceof ParameterizedType p) {
      Type owner = p.getOwnerType() == null ? null : canonicalize(p.getOwnerType());
      Type[] args = p.getActualTypeArguments().clone();
      for (int i = 0; i < args.length; i++) {
        args[i] = canonicalize(args[i]);
      }
      return new ParameterizedImpl(owner, (Class<?>) p.getRawType(), args);
    } else if (type instanceof GenericArrayType g) {
      return arrayOf(canonicalize(g.getGenericComponentType()));
    } else if (type instanceof WildcardType w) {
      if (w.getLowerBounds().length > 0) {
        return canonicalize(w.getLowerBounds()[0]);
      }
      return canonicalize(w.getUpperBounds()[0]);
    }
    return type; // type variables stay as they are and are rejected by the caller
  }

  /** Returns the class behind a canonical type. */
  public static Class<?> rawType(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    } else if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    } else if (type instanceof GenericArrayType g) {
      return Array.newInstance(rawType(g.getGenericComponentType()), 0).getClass();
    } else if (type instanceof TypeVariable<?>) {
      return Object.class;
    }
    throw new IllegalArgumentException("unsupported type: " + type);
  }

  /** Returns the first type variable inside the type, or null if it has none. */
  public static @Nullable TypeVariable<?> firstTypeVariable(Type type) {
    if (type instanceof TypeVariable<?> v) {
      return v;
    } else if (type instanceof ParameterizedType p) {
      for (Type arg : p.getActualTypeArguments()) {
        TypeVariable<?> v = firstTypeVariable(arg);
        if (v != null) {
          return v;
        }
      }
    } else if (type instanceof GenericArrayType g) {
      return firstTypeVariable(g.getGenericComponentType());
    } else if (type instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) {
        TypeVariable<?> v = firstTypeVariable(b);
        if (v != null) {
          return v;
        }
      }
      for (Type b : w.getLowerBounds()) {
        TypeVariable<?> v = firstTypeVariable(b);
        if (v != null) {
          return v;
        }
      }
    }
    return null;
  }

  /**
   * Returns {@code toResolve} with the type variables of {@code context}'s raw class replaced by
   * context's type arguments: the component {@code List<T> items} of {@code Page<Order>} resolves
   * to {@code List<Order>}.
   */
  public static Type resolve(Type context, Type toResolve) {
    Map<TypeVariable<?>, Type> bindings = new HashMap<>();
    if (context instanceof ParameterizedType p) {
      TypeVariable<?>[] vars = ((Class<?>) p.getRawType()).getTypeParameters();
      Type[] args = p.getActualTypeArguments();
      for (int i = 0; i < vars.length; i++) {
        bindings.put(vars[i], args[i]);
      }
    }
    return canonicalize(substitute(toResolve, bindings));
  }

  private static Type substitute(Type type, Map<TypeVariable<?>, Type> bindings) {
    if (type instanceof TypeVariable<?> v) {
      return bindings.getOrDefault(v, v);
    } else if (type instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments().clone();
      for (int i = 0; i < args.length; i++) {
        args[i] = substitute(args[i], bindings);
      }
      Type owner = p.getOwnerType() == null ? null : substitute(p.getOwnerType(), bindings);
      return new ParameterizedImpl(owner, (Class<?>) p.getRawType(), args);
    } else if (type instanceof GenericArrayType g) {
      return arrayOf(substitute(g.getGenericComponentType(), bindings));
    } else if (type instanceof WildcardType w) {
      Type bound = w.getLowerBounds().length > 0 ? w.getLowerBounds()[0] : w.getUpperBounds()[0];
      return substitute(bound, bindings);
    }
    return type;
  }

  private static Type arrayOf(Type component) {
    return component instanceof Class<?> c
        ? Array.newInstance(c, 0).getClass()
        : new GenericArrayImpl(component);
  }

  /** Returns a readable name: {@code java.util.List<com.acme.Order>}. */
  public static String toString(Type type) {
    return type instanceof Class<?> c ? c.getTypeName() : type.toString();
  }

  /** Returns a parameterized type; for tests and factories that build types. */
  public static ParameterizedType parameterized(Class<?> raw, Type... args) {
    if (raw.getTypeParameters().length != args.length) {
      throw new IllegalArgumentException(
          raw.getName() + " takes " + raw.getTypeParameters().length + " type arguments");
    }
    Type owner = raw.getEnclosingClass();
    Type[] canonical = Arrays.stream(args).map(Types::canonicalize).toArray(Type[]::new);
    return new ParameterizedImpl(owner, raw, canonical);
  }

  private static final class ParameterizedImpl implements ParameterizedType {
    private final @Nullable Type owner;
    private final Class<?> raw;
    private final Type[] args;

    ParameterizedImpl(@Nullable Type owner, Class<?> raw, Type[] args) {
      this.owner = owner;
      this.raw = raw;
      this.args = args;
    }

    @Override
    public Type[] getActualTypeArguments() {
      return args.clone();
    }

    @Override
    public Type getRawType() {
      return raw;
    }

    @Override
    public @Nullable Type getOwnerType() {
      return owner;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ParameterizedType p
          && raw.equals(p.getRawType())
          && Objects.equals(owner, p.getOwnerType())
          && Arrays.equals(args, p.getActualTypeArguments());
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(args) ^ raw.hashCode() ^ Objects.hashCode(owner);
    }

    @Override
    public String toString() {
      return raw.getTypeName()
          + Arrays.stream(args).map(Types::toString).collect(Collectors.joining(", ", "<", ">"));
    }
  }

  private static final class GenericArrayImpl implements GenericArrayType {
    private final Type component;

    GenericArrayImpl(Type component) {
      this.component = component;
    }

    @Override
    public Type getGenericComponentType() {
      return component;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof GenericArrayType g && component.equals(g.getGenericComponentType());
    }

    @Override
    public int hashCode() {
      return component.hashCode();
    }

    @Override
    public String toString() {
      return Types.toString(component) + "[]";
    }
  }
}
