package dev.ferry.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Discovers {@link TypeTransformerRegistrar}s through {@link ServiceLoader}, turning a broken
 * plugin (a services file naming a missing class, a registrar whose constructor or {@code
 * factories()} throws) into a {@link TypeDefinitionException} that names the registrar and the jar
 * that listed it.
 */
final class Registrars {
  private static final String SERVICES =
      "META-INF/services/" + TypeTransformerRegistrar.class.getName();
  private static final Pattern PROVIDER = Pattern.compile("Provider (\\S+)");
  private static final TypeRef<TypeTransformerRegistrar> TYPE =
      TypeRef.of(TypeTransformerRegistrar.class);

  private Registrars() {}

  /**
   * Returns the registrars the loaders find, each class once (the first loader's), sorted by class
   * name.
   */
  static List<TypeTransformerRegistrar> discover(List<ClassLoader> loaders) {
    Map<String, ServiceLoader.Provider<TypeTransformerRegistrar>> providers = new TreeMap<>();
    Map<String, ClassLoader> foundBy = new HashMap<>();
    for (ClassLoader loader : loaders) {
      Iterator<ServiceLoader.Provider<TypeTransformerRegistrar>> it =
          ServiceLoader.load(TypeTransformerRegistrar.class, loader).stream().iterator();
      while (true) {
        ServiceLoader.Provider<TypeTransformerRegistrar> p;
        try {
          if (!it.hasNext()) {
            break;
          }
          p = it.next();
        } catch (ServiceConfigurationError e) {
          throw broken(providerName(e), loader, "could not be loaded", e);
        }
        String name = p.type().getName();
        if (!providers.containsKey(name)) {
          providers.put(name, p);
          foundBy.put(name, loader);
        }
      }
    }
    List<TypeTransformerRegistrar> found = new ArrayList<>();
    for (Map.Entry<String, ServiceLoader.Provider<TypeTransformerRegistrar>> e :
        providers.entrySet()) {
      try {
        found.add(e.getValue().get());
      } catch (ServiceConfigurationError err) {
        throw broken(
            e.getKey(),
            Objects.requireNonNull(foundBy.get(e.getKey())),
            "could not be created",
            err);
      }
    }
    return found;
  }

  /**
   * Returns true if {@code loader} sees Ferry's own {@link TypeTransformerRegistrar} (not a copy of
   * its own), so that registrars it finds can be used.
   */
  static boolean sharesFerry(ClassLoader loader) {
    try {
      return Class.forName(TypeTransformerRegistrar.class.getName(), false, loader)
          == TypeTransformerRegistrar.class;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Returns the registrar's factories, or throws naming it and its jar. */
  static List<TypeTransformer.Factory> factories(
      TypeTransformerRegistrar registrar, ClassLoader loader) {
    try {
      List<TypeTransformer.Factory> factories = registrar.factories();
      for (TypeTransformer.Factory f : factories) {
        Objects.requireNonNull(f, "a factory of the list is null");
      }
      return factories;
    } catch (RuntimeException e) {
      throw broken(registrar.getClass().getName(), loader, "failed in factories()", e);
    }
  }

  /** Returns the registrar's precedence, or throws naming it and its jar. */
  static TypeTransformerRegistrar.Precedence precedence(
      TypeTransformerRegistrar registrar, ClassLoader loader) {
    try {
      return Objects.requireNonNull(registrar.precedence(), "precedence() returned null");
    } catch (RuntimeException e) {
      throw broken(registrar.getClass().getName(), loader, "failed in precedence()", e);
    }
  }

  private static TypeDefinitionException broken(
      @Nullable String registrar, ClassLoader loader, String what, Throwable e) {
    String name = registrar == null ? "a registrar" : "registrar " + registrar;
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String why = root == e ? String.valueOf(e.getMessage()) : root.toString();
    return new TypeDefinitionException(
        TYPE,
        name
            + " listed in "
            + listedIn(registrar, loader)
            + " "
            + what
            + ": "
            + why
            + "; fix the plugin or remove it from the class path",
        e);
  }

  private static @Nullable String providerName(ServiceConfigurationError e) {
    Matcher m = PROVIDER.matcher(String.valueOf(e.getMessage()));
    return m.find() ? m.group(1) : null;
  }

  /** Returns the jars (or directories) whose services file names {@code registrar}. */
  static String listedIn(@Nullable String registrar, ClassLoader loader) {
    List<String> places = new ArrayList<>();
    try {
      Enumeration<URL> files = loader.getResources(SERVICES);
      while (files.hasMoreElements()) {
        URL url = files.nextElement();
        if (registrar == null || lists(url, registrar)) {
          places.add(place(url));
        }
      }
    } catch (IOException e) {
      places.add("(services files unreadable: " + e.getMessage() + ")");
    }
    if (places.isEmpty() && registrar != null) {
      places.add(codeSource(registrar, loader));
    }
    return places.size() == 1 ? places.get(0) : places.toString();
  }

  private static boolean lists(URL url, String registrar) {
    try (InputStream in = url.openStream();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        int hash = line.indexOf('#');
        if ((hash >= 0 ? line.substring(0, hash) : line).trim().equals(registrar)) {
          return true;
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  /** Returns {@code /libs/acme.jar} for {@code jar:file:/libs/acme.jar!/META-INF/...}. */
  private static String place(URL url) {
    String s = url.toString();
    if (s.startsWith("jar:") && s.contains("!/")) {
      s = s.substring(4, s.indexOf("!/"));
    } else if (s.endsWith(SERVICES)) {
      s = s.substring(0, s.length() - SERVICES.length());
    }
    return s.startsWith("file:") ? s.substring(5) : s;
  }

  private static String codeSource(String registrar, ClassLoader loader) {
    try {
      CodeSource source =
          Class.forName(registrar, false, loader).getProtectionDomain().getCodeSource();
      return source == null ? "an unknown jar" : source.getLocation().toString();
    } catch (ClassNotFoundException | LinkageError | SecurityException e) {
      return "an unknown jar";
    }
  }
}
