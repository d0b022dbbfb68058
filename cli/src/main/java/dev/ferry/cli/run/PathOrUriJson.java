package dev.ferry.cli.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Reads Ferry's data references (FlyteFile, FlyteDirectory, StructuredDataset: any {@code
 * dev.ferry} class with a public static {@code of(URI)} returning itself) from a JSON string: a URI
 * with a scheme ({@code s3://bucket/key}, {@code file:/tmp/x}) as it is, anything else as a local
 * path, which must exist. The classes are found on the user's classpath, so the command needs no
 * dependency on the modules that hold them.
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().registerModule(PathOrUriJson.module());
 * // {"data": "data/train.csv", "model": "s3://bucket/model.bin"}
 * }</pre>
 */
final class PathOrUriJson {
  private PathOrUriJson() {}

  /** Returns the Jackson module. */
  static SimpleModule module() {
    SimpleModule m = new SimpleModule("ferry-path-or-uri");
    m.setDeserializers(new Finder());
    return m;
  }

  /** Returns the static {@code of(URI)} factory of {@code c}, or null if it is not a reference. */
  static @Nullable Method factory(Class<?> c) {
    if (!c.getName().startsWith("dev.ferry.")) {
      return null;
    }
    try {
      Method of = c.getMethod("of", URI.class);
      return Modifier.isStatic(of.getModifiers()) && of.getReturnType() == c ? of : null;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /** Returns the URI a JSON string names: itself when it has a scheme, else a local path's. */
  static URI uriOf(String text) throws IOException {
    String s = text.strip();
    if (s.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !s.matches("^[A-Za-z]:\\\\.*")) {
      URI u = URI.create(s);
      if ("file".equals(u.getScheme()) && !Files.exists(Path.of(u))) {
        throw new IOException("no file or directory " + Path.of(u));
      }
      return u;
    }
    Path p = Path.of(s).toAbsolutePath().normalize();
    if (!Files.exists(p)) {
      throw new IOException("no file or directory " + p);
    }
    return p.toUri();
  }

  private static final class Finder extends SimpleDeserializers {
    private static final long serialVersionUID = 1L;

    @Override
    public @Nullable JsonDeserializer<?> findBeanDeserializer(
        JavaType type, DeserializationConfig config, BeanDescription beanDesc) {
      Method of = factory(type.getRawClass());
      return of == null ? null : new FromString(type.getRawClass(), of);
    }
  }

  private static final class FromString extends StdDeserializer<Object> {
    private static final long serialVersionUID = 1L;
    private final transient Method of;

    FromString(Class<?> type, Method of) {
      super(type);
      this.of = of;
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return ctxt.handleUnexpectedToken(
            handledType(),
            p.currentToken(),
            p,
            "expected a path or URI string for %s",
            handledType().getSimpleName());
      }
      String text = p.getText();
      URI uri;
      try {
        uri = uriOf(text);
      } catch (IOException | IllegalArgumentException e) {
        return ctxt.handleWeirdStringValue(
            handledType(), text, "%s", String.valueOf(e.getMessage()));
      }
      try {
        return of.invoke(null, uri);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot call " + of, e);
      } catch (InvocationTargetException e) {
        return ctxt.handleWeirdStringValue(handledType(), text, "%s", String.valueOf(e.getCause()));
      }
    }
  }
}
