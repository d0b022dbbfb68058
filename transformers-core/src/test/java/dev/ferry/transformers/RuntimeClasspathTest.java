package dev.ferry.transformers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The runtime class path a user of transformers-core gets (resolved by maven-dependency-plugin's
 * {@code build-classpath} into {@code target/runtime-classpath.txt}) carries no object-store SDK:
 * those come with blob-s3 and blob-gcs, only for users who add them.
 */
class RuntimeClasspathTest {
  /** Local-repository path segments of the artifacts that must stay out, by group. */
  private static final List<String> BANNED =
      List.of(
          "/software/amazon/awssdk/",
          "/io/netty/",
          "/com/google/cloud/",
          "/com/google/api/gax",
          "/io/grpc/",
          "/io/opentelemetry/");

  @Test
  void runtimeClasspath_noObjectStoreSdks() throws IOException {
    List<String> entries = entries();
    List<String> offenders = new ArrayList<>();
    long bytes = 0;
    int jars = 0;
    for (String entry : entries) {
      String path = entry.replace(File.separatorChar, '/');
      for (String banned : BANNED) {
        if (path.contains(banned)) {
          offenders.add(entry);
        }
      }
      if (path.endsWith(".jar")) {
        jars++;
        bytes += Files.size(Path.of(entry));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "transformers-core runtime class path: %d entries, %d jars, %.1f MB%n",
        entries.size(),
        jars,
        bytes / 1e6);
    assertThat(offenders).as("object-store SDK jars on the runtime class path").isEmpty();
  }

  private static List<String> entries() throws IOException {
    String file = System.getProperty("ferry.runtime-classpath");
    assertThat(file)
        .as("ferry.runtime-classpath (set by the module's surefire configuration)")
        .isNotNull();
    Path path = Path.of(file);
    assertThat(path).as("written by maven-dependency-plugin:build-classpath").isRegularFile();
    List<String> entries = new ArrayList<>();
    for (String entry :
        Files.readString(path, StandardCharsets.UTF_8).trim().split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(entry.trim());
      }
    }
    assertThat(entries).as("runtime class path of transformers-core").isNotEmpty();
    return entries;
  }
}
