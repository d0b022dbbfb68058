package dev.ferry.cli.inspect;

import dev.ferry.cli.CliException;
import dev.ferry.cli.UserClasspath;
import dev.ferry.cli.inspect.DocumentDetector.Detected;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralMap;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** {@code ferry inspect --type CLASS}: a literal decoded into a Java type by the type engine. */
final class TypedValue {
  private TypedValue() {}

  /** Returns the {@code toString()} of the document's literal decoded as {@code className}. */
  static String decode(
      String source,
      Detected doc,
      String className,
      @Nullable String classpath,
      @Nullable String var) {
    String path;
    Literal literal;
    if (doc.kind() == DocumentKind.LITERAL) {
      literal = (Literal) doc.message();
      path = "literal";
    } else if (doc.kind() == DocumentKind.LITERAL_MAP) {
      LiteralMap map = (LiteralMap) doc.message();
      String name = var;
      if (name == null) {
        if (map.getLiteralsCount() != 1) {
          throw new CliException(
              source
                  + " holds "
                  + map.getLiteralsCount()
                  + " literals "
                  + new TreeSet<>(map.getLiteralsMap().keySet())
                  + ": name the one to decode with --var");
        }
        name = map.getLiteralsMap().keySet().iterator().next();
      }
      if (!map.containsLiterals(name)) {
        throw new CliException(
            source
                + " has no literal '"
                + name
                + "': it holds "
                + new TreeSet<>(map.getLiteralsMap().keySet()));
      }
      literal = map.getLiteralsOrThrow(name);
      path = name;
    } else {
      throw new CliException(
          "--type decodes a literal or a literal map, but " + source + " is a " + doc.kind());
    }
    ClassLoader parent = TypedValue.class.getClassLoader();
    try (URLClassLoader loader = new URLClassLoader(urls(classpath), parent)) {
      Class<?> type;
      try {
        type = Class.forName(className, false, loader);
      } catch (ClassNotFoundException e) {
        throw new CliException(
            "class "
                + className
                + " is not on the class path"
                + (classpath == null
                    ? " (give its jar or classes with --classpath)"
                    : " " + classpath),
            e);
      }
      TypeEngine engine = TypeEngine.builder().classLoader(loader).build();
      return String.valueOf(toJava(engine, literal, type, path));
    } catch (IOException e) {
      throw new CliException("cannot close the class loader of " + classpath + ": " + e, e);
    }
  }

  private static <T> T toJava(TypeEngine engine, Literal literal, Class<T> type, String path) {
    return engine.toJava(literal, TypeRef.of(type), TransformContext.at(path));
  }

  private static URL[] urls(@Nullable String classpath) {
    return classpath == null
        ? new URL[0]
        : UserClasspath.urls(UserClasspath.parse(classpath, "--classpath"));
  }
}
