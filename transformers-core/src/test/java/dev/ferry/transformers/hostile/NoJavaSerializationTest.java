package dev.ferry.transformers.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.TypeEngine;
import dev.ferry.transformers.RecordTransformer;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No main class of {@code transformers-core} or {@code type-engine} takes part in Java
 * serialization: none is {@link Serializable} (apart from what {@code Throwable} and {@code Enum}
 * impose), and none refers to {@code ObjectInputStream}, {@code ObjectOutputStream} or a
 * serializable lambda. Scans the compiled classes, wherever the build put them (a directory or a
 * jar).
 */
class NoJavaSerializationTest {
  private static final List<String> FORBIDDEN_REFERENCES =
      List.of("java/io/ObjectInputStream", "java/io/ObjectOutputStream", "$deserializeLambda$");

  @Test
  void mainClasses_areNotSerializable() throws Exception {
    Map<String, byte[]> classes = mainClasses();
    List<String> serializable = new ArrayList<>();
    for (String name : classes.keySet()) {
      Class<?> c = Class.forName(name, false, getClass().getClassLoader());
      if (Serializable.class.isAssignableFrom(c)
          && !Throwable.class.isAssignableFrom(c)
          && !c.isEnum()
          && !(c.getSuperclass() != null && c.getSuperclass().isEnum())) {
        serializable.add(name);
      }
    }

    assertThat(classes.keySet())
        .contains("dev.ferry.engine.TypeEngine", "dev.ferry.transformers.RecordTransformer")
        .hasSizeGreaterThan(30);
    assertThat(serializable).isEmpty();
  }

  @Test
  void mainClasses_doNotUseObjectStreams() throws Exception {
    List<String> offenders = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : mainClasses().entrySet()) {
      // class references live in the constant pool as plain UTF-8
      String constants = new String(e.getValue(), StandardCharsets.ISO_8859_1);
      for (String forbidden : FORBIDDEN_REFERENCES) {
        if (constants.contains(forbidden)) {
          offenders.add(e.getKey() + " refers to " + forbidden);
        }
      }
    }

    assertThat(offenders).isEmpty();
  }

  @Test
  void scan_findsAReferenceWhereThereIsOne() throws IOException {
    // the scan itself works: this test class refers to Serializable, and ObjectInputStream would
    // be found the same way
    String self = new String(bytesOf(getClass()), StandardCharsets.ISO_8859_1);

    assertThat(self).contains("java/io/Serializable");
  }

  private static byte[] bytesOf(Class<?> c) throws IOException {
    try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
      return in.readAllBytes();
    }
  }

  /** Returns the class files of both modules' main code, by class name. */
  private static Map<String, byte[]> mainClasses() throws IOException, URISyntaxException {
    Map<String, byte[]> out = new TreeMap<>();
    for (Class<?> anchor : List.of(TypeEngine.class, RecordTransformer.class)) {
      Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(location)) {
        try (Stream<Path> files = Files.walk(location)) {
          for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
            String name = location.relativize(p).toString().replace('/', '.').replace('\\', '.');
            out.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(p));
          }
        }
      } else {
        try (JarFile jar = new JarFile(location.toFile())) {
          for (JarEntry entry : jar.stream().toList()) {
            String n = entry.getName();
            if (n.endsWith(".class") && !n.equals("module-info.class")) {
              try (InputStream in = jar.getInputStream(entry)) {
                out.put(
                    n.substring(0, n.length() - ".class".length()).replace('/', '.'),
                    in.readAllBytes());
              }
            }
          }
        }
      }
    }
    out.keySet().removeIf(n -> n.endsWith("package-info"));
    return out;
  }
}
