package dev.ferry.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.jspecify.annotations.Nullable;

/**
 * Access to the golden files under {@code /dev/ferry/testdata/} on the classpath.
 *
 * <p>The repository owns its copies: {@code interop/} holds the interop vectors written by the
 * reference Flyte implementations (with their SHA-256 sums in {@code interop/SHA256SUMS}), {@code
 * golden/} our own literal goldens. Tests read only these copies; {@code .ci/check-interop-copies}
 * compares them with the originals where those exist beside the checkout.
 */
public final class TestData {

  /** Classpath folder holding the golden files. */
  public static final String ROOT = "/dev/ferry/testdata/";

  private TestData() {}

  /**
   * Reads a golden file.
   *
   * @param relativePath path below {@code /dev/ferry/testdata/}, e.g. {@code
   *     "interop/go-propeller-inputs.pb"}
   * @return the file's bytes
   * @throws IllegalArgumentException if no such resource is on the classpath
   */
  public static byte[] bytes(String relativePath) {
    String resource = ROOT + stripLeadingSlashes(relativePath);
    try (InputStream in = TestData.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "test data resource not found on classpath: " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read test data resource " + resource, e);
    }
  }

  /**
   * The repository root: the nearest directory, starting at the working directory and walking up,
   * that contains {@code mvnw}.
   *
   * @return the root, or {@code null} if none is found
   */
  public static @Nullable Path repositoryRoot() {
    Path dir = Paths.get("").toAbsolutePath().normalize();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("mvnw"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    return null;
  }

  private static String stripLeadingSlashes(String path) {
    int i = 0;
    while (i < path.length() && path.charAt(i) == '/') {
      i++;
    }
    return path.substring(i);
  }
}
