package dev.ferry.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeClasspathTest {
  @TempDir Path dir;

  @AfterEach
  void clearProperty() {
    System.clearProperty(RuntimeClasspath.PROPERTY);
  }

  @Test
  void read_splitsTheFileAndFindsTheBannedGroups() throws IOException {
    String aws = "/m2/software/amazon/awssdk/s3/2.0/s3-2.0.jar";
    String ours = "/m2/dev/ferry/idl/0.1/idl-0.1.jar";
    Path file = dir.resolve("runtime-classpath.txt");
    Files.writeString(file, " " + ours + File.pathSeparator + aws + File.pathSeparator + "\n");
    System.setProperty(RuntimeClasspath.PROPERTY, file.toString());

    RuntimeClasspath classpath = RuntimeClasspath.read("demo");

    assertThat(classpath.entries()).containsExactly(ours, aws);
    assertThat(classpath.entriesUnder(RuntimeClasspath.OBJECT_STORE_SDKS)).containsExactly(aws);
    assertThat(classpath.entriesUnder(List.of("/dev/ferry/"))).containsExactly(ours);
  }
}
