package dev.ferry.transformers;

import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeRef;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the permitted classes of a generic sealed interface against its use: with {@code sealed
 * interface Result<T> permits Ok, Err} and {@code record Ok<T>(T value) implements Result<T>}, the
 * variant of {@code Result<Long>} is {@code Ok<Long>}.
 */
final class GenericVariants {
  private GenericVariants() {}

  /**
   * Returns the type of {@code permitted} as a variant of {@code sealed} (a parameterized type, or
   * a class); throws a definition error saying what is unsupported when the permitted class's type
   * parameters cannot be read off the sealed type's arguments.
   */
  static TypeRef<?> resolve(TypeRef<?> root, TypeRef<?> sealed, Class<?> permitted) {
    TypeVariable<?>[] params = permitted.getTypeParameters();
    if (params.length == 0) {
      return TypeRef.of(permitted);
    }
    Type parent = parentType(permitted, sealed.rawType());
    Map<TypeVariable<?>, Type> bound = new HashMap<>();
    if (parent instanceof ParameterizedType p && sealed.isParameterized()) {
      Type[] declared = p.getActualTypeArguments();
      List<TypeRef<?>> actual = sealed.typeArguments();
      for (int i = 0; i < declared.length; i++) {
        if (declared[i] instanceof TypeVariable<?> v && Arrays.asList(params).contains(v)) {
          bound.putIfAbsent(v, actual.get(i).type());
        }
      }
    }
    List<String> unbound = new ArrayList<>();
    Type[] args = new Type[params.length];
    for (int i = 0; i < params.length; i++) {
      args[i] = bound.get(params[i]);
      if (args[i] == null) {
        unbound.add(params[i].getName());
      }
    }
    if (!unbound.isEmpty()) {
      throw new TypeDefinitionException(
          root,
          "variant "
              + permitted.getName()
              + " of sealed "
              + sealed
              + " has type parameter"
              + (unbound.size() == 1 ? " " : "s ")
              + String.join(", ", unbound)
              + " that "
              + sealed.rawType().getSimpleName()
              + "'s type arguments do not determine: a generic variant must pass its type"
              + " parameters straight to the sealed interface (record Ok<T>(T value) implements"
              + " Result<T>); declare the variant with concrete types or with exactly the"
              + " interface's parameters");
    }
    return TypeRef.parameterized(permitted, args);
  }

  /** Returns how {@code permitted} names {@code sealed} among its direct supertypes. */
  private static Type parentType(Class<?> permitted, Class<?> sealed) {
    for (Type t : permitted.getGenericInterfaces()) {
      if (t == sealed || (t instanceof ParameterizedType p && p.getRawType() == sealed)) {
        return t;
      }
    }
    return sealed;
  }
}
