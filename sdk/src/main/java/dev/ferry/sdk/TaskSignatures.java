package dev.ferry.sdk;

import dev.ferry.engine.TypeRef;
import java.io.Serializable;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import org.jspecify.annotations.Nullable;

/**
 * Finds the method behind a task's lambda or method reference through its {@link SerializedLambda}
 * and reads the generic input and output types from it.
 *
 * <p>Inference works for method references to static methods, to instance methods of an object
 * ({@code model::train}), to instance methods of the input ({@code Order::total}) and to
 * constructors, and for lambdas whose types are not generic. It cannot work where the compiled
 * method has lost or never had the types: a lambda over a generic type ({@code (List<Row> rows) ->
 * ...} compiles to a method taking a raw {@code List}), a generic method ({@code <T> T id(T)}), or
 * a function that is not a lambda or method reference (an instance of a class implementing {@link
 * TaskFunction}). Those need the overload taking {@link TypeRef}s.
 */
final class TaskSignatures {
  /** What was found: the implementing class and method, and the types. */
  record Signature(
      Class<?> implClass,
      String implMethod,
      @Nullable Type input,
      Type output,
      @Nullable String inputParameterName,
      @Nullable Parameter inputParameter) {}

  private TaskSignatures() {}

  static Signature of(String task, Serializable fn, boolean hasInput) {
    SerializedLambda lambda = serializedLambda(task, fn);
    ClassLoader loader = fn.getClass().getClassLoader();
    Class<?> implClass;
    try {
      implClass = Class.forName(lambda.getImplClass().replace('/', '.'), false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "task " + task + ": cannot load " + lambda.getImplClass() + " that implements it", e);
    }
    Executable method = find(task, implClass, lambda);
    int kind = lambda.getImplMethodKind();
    boolean receiverIsInput =
        hasInput
            && lambda.getCapturedArgCount() == 0
            && (kind == MethodHandleInfo.REF_invokeVirtual
                || kind == MethodHandleInfo.REF_invokeInterface);
    Type input = null;
    String parameterName = null;
    Parameter parameter = null;
    if (receiverIsInput) {
      input = implClass;
    } else if (hasInput) {
      Type[] params = method.getGenericParameterTypes();
      if (params.length == 0) {
        throw new IllegalArgumentException(
            "task " + task + ": " + describe(lambda) + " takes no parameter for the input");
      }
      input = params[params.length - 1];
      parameter = method.getParameters()[params.length - 1];
      parameterName = parameter.isNamePresent() ? parameter.getName() : null;
    }
    Type output =
        method instanceof Method m ? m.getGenericReturnType() : method.getDeclaringClass();
    if (input != null) {
      checkResolved(task, "input", input, lambda);
    }
    checkResolved(task, "output", output, lambda);
    return new Signature(
        implClass, lambda.getImplMethodName(), input, output, parameterName, parameter);
  }

  private static SerializedLambda serializedLambda(String task, Serializable fn) {
    try {
      Method writeReplace = fn.getClass().getDeclaredMethod("writeReplace");
      writeReplace.setAccessible(true);
      Object replaced = writeReplace.invoke(fn);
      if (replaced instanceof SerializedLambda l) {
        return l;
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // not a lambda: reported below
    }
    throw new IllegalArgumentException(
        "task "
            + task
            + ": cannot infer the input and output types of "
            + fn.getClass().getName()
            + " (only lambdas and method references can be inspected): pass them as"
            + " env.task(name, inputType, outputType, fn)");
  }

  private static Executable find(String task, Class<?> owner, SerializedLambda lambda) {
    String name = lambda.getImplMethodName();
    String descriptor = lambda.getImplMethodSignature();
    if (name.equals("<init>")) {
      for (Constructor<?> c : owner.getDeclaredConstructors()) {
        if (descriptor(c.getParameterTypes(), void.class).equals(descriptor)) {
          return c;
        }
      }
    } else {
      for (Method m : owner.getDeclaredMethods()) {
        if (m.getName().equals(name)
            && descriptor(m.getParameterTypes(), m.getReturnType()).equals(descriptor)) {
          return m;
        }
      }
    }
    throw new IllegalArgumentException(
        "task " + task + ": cannot find " + describe(lambda) + " that implements it");
  }

  private static String describe(SerializedLambda l) {
    return l.getImplClass().replace('/', '.') + "." + l.getImplMethodName();
  }

  private static void checkResolved(String task, String what, Type type, SerializedLambda l) {
    String problem = unresolved(type);
    if (problem != null) {
      throw new IllegalArgumentException(
          "task "
              + task
              + ": cannot infer the "
              + what
              + " type from "
              + describe(l)
              + ", whose compiled signature has "
              + problem
              + " (lambdas lose generic types; generic methods have type variables): pass the"
              + " types as env.task(name, new TypeRef<In>() {}, new TypeRef<Out>() {}, fn)");
    }
  }

  private static @Nullable String unresolved(Type type) {
    if (type instanceof TypeVariable<?> v) {
      return "the type variable " + v.getName();
    }
    if (type instanceof WildcardType) {
      return "a wildcard";
    }
    if (type instanceof GenericArrayType g) {
      return unresolved(g.getGenericComponentType());
    }
    if (type instanceof ParameterizedType p) {
      for (Type a : p.getActualTypeArguments()) {
        String inner = unresolved(a);
        if (inner != null) {
          return inner;
        }
      }
      return null;
    }
    if (type instanceof Class<?> c && c.getTypeParameters().length > 0) {
      return "the raw type " + c.getName();
    }
    return null;
  }

  private static String descriptor(Class<?>[] params, Class<?> ret) {
    StringBuilder sb = new StringBuilder("(");
    for (Class<?> p : params) {
      sb.append(descriptor(p));
    }
    return sb.append(')').append(descriptor(ret)).toString();
  }

  private static String descriptor(Class<?> c) {
    if (c.isArray()) {
      return c.getName().replace('.', '/');
    }
    if (c.isPrimitive()) {
      return switch (c.getName()) {
        case "void" -> "V";
        case "boolean" -> "Z";
        case "byte" -> "B";
        case "char" -> "C";
        case "short" -> "S";
        case "int" -> "I";
        case "long" -> "J";
        case "float" -> "F";
        default -> "D";
      };
    }
    return "L" + c.getName().replace('.', '/') + ";";
  }

  /** Returns the boxed form of a primitive type, so the engine sees one type for both. */
  static TypeRef<?> boxed(Type type) {
    if (type instanceof Class<?> c && c.isPrimitive()) {
      return TypeRef.of(
          switch (c.getName()) {
            case "boolean" -> Boolean.class;
            case "byte" -> Byte.class;
            case "char" -> Character.class;
            case "short" -> Short.class;
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "float" -> Float.class;
            case "double" -> Double.class;
            default -> Void.class;
          });
    }
    return TypeRef.of(type);
  }
}
