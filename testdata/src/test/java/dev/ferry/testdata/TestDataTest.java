package dev.ferry.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestDataTest {

  private static final String[] INTEROP = {
    "go-propeller-inputs.json", "go-propeller-inputs.pb", "python-flytekit-inputs.pb"
  };

  @Test
  void interopSums_listExactlyTheVectors() {
    assertThat(sums().keySet()).containsExactly(INTEROP);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"go-propeller-inputs.pb", "go-propeller-inputs.json", "python-flytekit-inputs.pb"})
  void interopCopy_matchesItsRecordedSha256(String name) throws NoSuchAlgorithmException {
    byte[] copy = TestData.bytes("interop/" + name);
    assertThat(copy).as("interop/%s", name).isNotEmpty();
    String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(copy));
    assertThat(actual).as("SHA-256 of interop/%s", name).isEqualTo(sums().get(name));
  }

  @Test
  void bytes_leadingSlashIsAccepted() {
    assertThat(TestData.bytes("/interop/python-flytekit-inputs.pb"))
        .isEqualTo(TestData.bytes("interop/python-flytekit-inputs.pb"));
  }

  @Test
  void bytes_missingResourceNamesThePath() {
    assertThatThrownBy(() -> TestData.bytes("interop/no-such-file.pb"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "test data resource not found on classpath: /dev/ferry/testdata/interop/no-such-file.pb");
  }

  @Test
  void repositoryRoot_containsMavenWrapper() {
    assertThat(TestData.repositoryRoot()).isNotNull();
    assertThat(TestData.repositoryRoot().resolve("mvnw")).isRegularFile();
  }

  /** Returns the entries of {@code interop/SHA256SUMS} (sha256sum's format), file name to sum. */
  private static Map<String, String> sums() {
    Map<String, String> sums = new LinkedHashMap<>();
    String text = new String(TestData.bytes("interop/SHA256SUMS"), StandardCharsets.US_ASCII);
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        String[] parts = line.split(" +", 2);
        sums.put(parts[1], parts[0]);
      }
    }
    return sums;
  }
}
