package dev.ferry.transformers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testdata.RuntimeClasspath;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The runtime class path a user of transformers-core gets ({@link RuntimeClasspath}) carries no
 * object-store SDK: those come with blob-s3 and blob-gcs, only for users who add them.
 */
class RuntimeClasspathTest {
  @Test
  void runtimeClasspath_noObjectStoreSdks() throws IOException {
    RuntimeClasspath classpath = RuntimeClasspath.read("transformers-core");
    classpath.printSize();
    assertThat(classpath.entriesUnder(RuntimeClasspath.OBJECT_STORE_SDKS))
        .as("object-store SDK jars on the runtime class path")
        .isEmpty();
  }
}
