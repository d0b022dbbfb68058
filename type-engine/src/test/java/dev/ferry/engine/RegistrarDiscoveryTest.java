package dev.ferry.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken plugins on a child class loader: each is a definition error naming it and its jar. */
class RegistrarDiscoveryTest {
  @TempDir Path tmp;

  /** A registrar whose constructor throws, as a plugin missing its configuration might. */
  public static final class ThrowingRegistrar implements TypeTransformerRegistrar {
    public ThrowingRegistrar() {
      throw new IllegalStateException("acme.license is not set");
    }

    @Override
    public List<TypeTransformer.Factory> factories() {
      return List.of();
    }
  }

  /** A registrar whose factories() throws. */
  public static final class FailingFactoriesRegistrar implements TypeTransformerRegistrar {
    @Override
    public List<TypeTransformer.Factory> factories() {
      throw new UnsupportedOperationException("no factories today");
    }
  }

  private Path pluginJar(String name, String servicesFile) throws IOException {
    Path jar = tmp.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("META-INF/services/dev.ferry.engine.TypeTransformerRegistrar"));
      OutputStream o = out;
      o.write(servicesFile.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  private TypeEngine.Builder withPlugin(Path jar) throws IOException {
    URLClassLoader child =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
    return TypeEngine.builder().classLoader(child);
  }

  @Test
  void build_registrarWhoseConstructorThrowsIsNamedWithItsJar() throws Exception {
    Path jar = pluginJar("acme-plugin.jar", ThrowingRegistrar.class.getName() + "\n");

    assertThatThrownBy(() -> withPlugin(jar).build())
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessage(
            "registrar dev.ferry.engine.RegistrarDiscoveryTest$ThrowingRegistrar listed in "
                + jar
                + " could not be created: java.lang.IllegalStateException: acme.license is not"
                + " set; fix the plugin or remove it from the class path")
        .hasCauseInstanceOf(java.util.ServiceConfigurationError.class);
  }

  @Test
  void build_servicesFileNamingAMissingClassIsNamedWithItsJar() throws Exception {
    Path jar = pluginJar("stale-plugin.jar", "# acme\ncom.acme.GoneRegistrar\n");

    assertThatThrownBy(() -> withPlugin(jar).build())
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessage(
            "registrar com.acme.GoneRegistrar listed in "
                + jar
                + " could not be loaded: dev.ferry.engine.TypeTransformerRegistrar: Provider"
                + " com.acme.GoneRegistrar not found; fix the plugin or remove it from the class"
                + " path");
  }

  @Test
  void build_registrarWhoseFactoriesThrowIsNamedWithItsJar() throws Exception {
    Path jar = pluginJar("odd-plugin.jar", FailingFactoriesRegistrar.class.getName() + "\n");

    assertThatThrownBy(() -> withPlugin(jar).build())
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessage(
            "registrar dev.ferry.engine.RegistrarDiscoveryTest$FailingFactoriesRegistrar listed"
                + " in "
                + jar
                + " failed in factories(): no factories today; fix the plugin or remove it from"
                + " the class path");
  }
}
