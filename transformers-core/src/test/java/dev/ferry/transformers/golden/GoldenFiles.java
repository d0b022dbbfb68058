package dev.ferry.transformers.golden;

import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import dev.ferry.testdata.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The golden literal files of {@code transformers-core}: serialized messages ({@code name.pb}) and
 * their protobuf text form ({@code name.txt}), committed under {@code
 * testdata/src/main/resources/dev/ferry/testdata/golden/} and read from the classpath.
 *
 * <p>To regenerate them after an intended encoding change, run the golden test with {@code
 * -Dferry.golden.write=true}, then rebuild {@code testdata} so its jar carries the new files, and
 * review the diff of the {@code .txt} files before committing:
 *
 * <pre>
 * flock /tmp/ferry-mvn.lock ./mvnw -q -o -Dspotless.check.skip=true -pl transformers-core test \
 *     -Dtest=GoldenLiteralsTest -Dferry.golden.write=true
 * flock /tmp/ferry-mvn.lock ./mvnw -q -o -pl testdata install
 * git diff testdata/src/main/resources/dev/ferry/testdata/golden/
 * </pre>
 *
 * Without the property, nothing is written and the tests compare against the committed files.
 */
public final class GoldenFiles {
  /** The system property that makes the golden tests write the files instead of reading them. */
  public static final String WRITE_PROPERTY = "ferry.golden.write";

  /** The classpath folder (below {@link TestData#ROOT}) and source folder name of the files. */
  public static final String FOLDER = "golden";

  private GoldenFiles() {}

  /** Returns true when the files are to be (re)written. */
  public static boolean writing() {
    return Boolean.getBoolean(WRITE_PROPERTY);
  }

  /** Returns the source folder the files are written to. */
  public static Path sourceFolder() {
    Path root = TestData.repositoryRoot();
    if (root == null) {
      throw new IllegalStateException(
          "no repository root (a directory holding mvnw) above the working directory");
    }
    return root.resolve("testdata/src/main/resources/dev/ferry/testdata").resolve(FOLDER);
  }

  /**
   * In write mode, writes {@code serialized} to {@code name.pb} and the text form of {@code
   * message} to {@code name.txt}; otherwise does nothing.
   */
  public static void writeIfAsked(String name, Message message, byte[] serialized) {
    if (writing()) {
      write(name + ".pb", serialized);
      write(name + ".txt", text(message).getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Returns the bytes of {@code name.pb}: from the classpath, or the source folder when writing.
   */
  public static byte[] bytes(String name) {
    return read(name + ".pb");
  }

  /**
   * Returns the text of {@code name.txt}: from the classpath, or the source folder when writing.
   */
  public static String text(String name) {
    return new String(read(name + ".txt"), StandardCharsets.UTF_8);
  }

  private static byte[] read(String file) {
    if (!writing()) {
      return TestData.bytes(FOLDER + "/" + file);
    }
    try {
      return Files.readAllBytes(sourceFolder().resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the protobuf text form of a message as the golden {@code .txt} files hold it. */
  public static String text(Message message) {
    return TextFormat.printer().escapingNonAscii(true).printToString(message);
  }

  private static void write(String file, byte[] bytes) {
    try {
      Path folder = sourceFolder();
      Files.createDirectories(folder);
      Files.write(folder.resolve(file), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
