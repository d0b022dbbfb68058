package dev.ferry.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The runtime class path a user of a module gets, as maven-dependency-plugin's {@code
 * build-classpath} resolved it into {@code target/runtime-classpath.txt}: the file the system
 * property {@value #PROPERTY} names (set by the module's surefire configuration). It serves each
 * module's {@code RuntimeClasspathTest}, which states what must stay out:
 *
 * <pre>{@code
 * RuntimeClasspath classpath = RuntimeClasspath.read("type-engine");
 * classpath.printSize();
 * assertThat(classpath.entriesUnder(RuntimeClasspath.OBJECT_STORE_SDKS)).isEmpty();
 * }</pre>
 */
public final class RuntimeClasspath {
  /** The system property that names the class path file. */
  public static final String PROPERTY = "ferry.runtime-classpath";

  /**
   * Local-repository path segments of the object-store SDKs, by group: they come with blob-s3 and
   * blob-gcs, only for users who add them.
   */
  public static final List<String> OBJECT_STORE_SDKS =
      List.of(
          "/software/amazon/awssdk/",
          "/io/netty/",
          "/com/google/cloud/",
          "/com/google/api/gax",
          "/io/grpc/",
          "/io/opentelemetry/");

  private final String module;
  private final List<String> entries;

  private RuntimeClasspath(String module, List<String> entries) {
    this.module = module;
    this.entries = entries;
  }

  /**
   * Reads the class path file of {@code module}, asserting that the property is set, the file
   * exists and it names at least one entry.
   *
   * @param module the module's name, for the messages
   * @return its entries
   * @throws IOException if the file cannot be read
   */
  public static RuntimeClasspath read(String module) throws IOException {
    String file = System.getProperty(PROPERTY);
    assertThat(file).as(PROPERTY + " (set by the module's surefire configuration)").isNotNull();
    Path path = Path.of(file);
    assertThat(path).as("written by maven-dependency-plugin:build-classpath").isRegularFile();
    List<String> entries = new ArrayList<>();
    for (String entry :
        Files.readString(path, StandardCharsets.UTF_8).trim().split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(entry.trim());
      }
    }
    assertThat(entries).as("runtime class path of " + module).isNotEmpty();
    return new RuntimeClasspath(module, List.copyOf(entries));
  }

  /** Returns the entries, in class path order. */
  public List<String> entries() {
    return entries;
  }

  /**
   * Returns the entries whose path (with {@code /} as separator) contains one of {@code segments},
   * once per segment it contains.
   */
  public List<String> entriesUnder(List<String> segments) {
    List<String> found = new ArrayList<>();
    for (String entry : entries) {
      String path = slashed(entry);
      for (String segment : segments) {
        if (path.contains(segment)) {
          found.add(entry);
        }
      }
    }
    return found;
  }

  /**
   * Prints the size of the class path to standard output: entries, jars and their megabytes.
   *
   * @throws IOException if a jar's size cannot be read
   */
  public void printSize() throws IOException {
    long bytes = 0;
    int jars = 0;
    for (String entry : entries) {
      if (slashed(entry).endsWith(".jar")) {
        jars++;
        bytes += Files.size(Path.of(entry));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%s runtime class path: %d entries, %d jars, %.1f MB%n",
        module,
        entries.size(),
        jars,
        bytes / 1e6);
  }

  private static String slashed(String entry) {
    return entry.replace(File.separatorChar, '/');
  }
}
