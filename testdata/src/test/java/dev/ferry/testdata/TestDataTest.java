package dev.ferry.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestDataTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"go-propeller-inputs.pb", "go-propeller-inputs.json", "python-flytekit-inputs.pb"})
  void interopCopiesAreByteIdenticalToSharedVectors(String name) throws IOException {
    Path shared = TestData.sharedInteropDir();
    assertThat(shared)
        .as(
            "the shared interop folder (../shared/interop next to the repository root found from %s)"
                + " must exist: the golden copies are checked against it",
            Path.of("").toAbsolutePath())
        .isNotNull();
    Path original = shared.resolve(name);
    assertThat(original).as("shared interop vector %s", original).isRegularFile();

    byte[] copy = TestData.bytes("interop/" + name);
    assertThat(copy)
        .as("classpath copy of %s must equal %s byte for byte", name, original)
        .isEqualTo(Files.readAllBytes(original));
  }

  @Test
  void leadingSlashIsAccepted() {
    assertThat(TestData.bytes("/interop/python-flytekit-inputs.pb"))
        .isEqualTo(TestData.bytes("interop/python-flytekit-inputs.pb"));
  }

  @Test
  void missingResourceNamesThePath() {
    assertThatThrownBy(() -> TestData.bytes("interop/no-such-file.pb"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/dev/ferry/testdata/interop/no-such-file.pb");
  }

  @Test
  void repositoryRootContainsMavenWrapper() {
    Path root = TestData.repositoryRoot();
    assertThat(root).isNotNull();
    assertThat(root.resolve("mvnw")).isRegularFile();
  }
}
