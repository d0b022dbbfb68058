package dev.ferry.blob.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SafePathsTest {
  private static final Path ROOT = Path.of("/data/root");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "a/b/c.txt",
        "..a",
        "a..",
        "a/..b/c",
        "...",
        ".hidden",
        "a/.hidden/b",
        "ab:c",
        "a/b:c",
        "2024-01-01T00:00:00Z/part-0",
        "sp ace/ü/日本",
        "~",
        "a/~/b",
        "%2e%2e/x",
        "a b/c?d#e"
      })
  void resolve_safeKeys_landBelowTheRoot(String key) {
    Path resolved = SafePaths.resolve(ROOT, key);

    assertThat(resolved.normalize()).startsWithRaw(ROOT).isNotEqualTo(ROOT);
    assertThat(resolved).isEqualTo(resolved.normalize());
    assertThat(SafePaths.toKey(ROOT, resolved)).isEqualTo(key);
  }

  @ParameterizedTest(name = "[{index}] key {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|it is empty",
        "..|it has a '..' segment",
        "../etc/passwd|it has a '..' segment",
        "a/../../b|it has a '..' segment",
        "a/..|it has a '..' segment",
        ".|it has a '.' segment",
        "./a|it has a '.' segment",
        "a/./b|it has a '.' segment",
        "/etc/passwd|it is absolute",
        "/|it is absolute",
        "//server/share|it is absolute",
        "a//b|it has an empty segment",
        "a/|it has an empty segment",
        "a\\b|it has a backslash",
        "..\\..\\windows|it has a backslash",
        "\\\\server\\share|it has a backslash",
        "C:|it starts with a drive letter",
        "C:/Windows|it starts with a drive letter",
        "c:evil|it starts with a drive letter",
        "z:\\x|it has a backslash",
      })
  void resolve_unsafeKeys_rejectedNamingTheKey(String key, String problem) {
    assertThatThrownBy(() -> SafePaths.resolve(ROOT, key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsafe key '" + key + "': " + problem);
    assertThat(SafePaths.problem(key)).isEqualTo(problem);
  }

  @Test
  void resolve_nulByte_rejectedAndEscapedInTheMessage() {
    assertThatThrownBy(() -> SafePaths.resolve(ROOT, "a\0/../../b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsafe key 'a\\u0000/../../b': it has a NUL byte");
  }

  @Test
  void resolve_relativeRoot_staysBelowIt() {
    Path root = Path.of("some/dir");

    assertThat(SafePaths.resolve(root, "x/y")).isEqualTo(Path.of("some/dir/x/y"));
    assertThatThrownBy(() -> SafePaths.resolve(root, "../x"))
        .hasMessage("unsafe key '../x': it has a '..' segment");
  }

  @Test
  void resolve_unnormalizedRoot_comparesNormalized() {
    Path root = Path.of("/data/./root/../root");

    assertThat(SafePaths.resolve(root, "x").normalize()).isEqualTo(Path.of("/data/root/x"));
  }

  @Test
  void toKey_joinsNamesWithSlash() {
    assertThat(SafePaths.toKey(ROOT, ROOT.resolve("a").resolve("b.txt"))).isEqualTo("a/b.txt");
  }

  @Test
  void toKey_notBelow_rejected() {
    assertThatThrownBy(() -> SafePaths.toKey(ROOT, Path.of("/data/other/x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("/data/other/x is not below /data/root");
    assertThatThrownBy(() -> SafePaths.toKey(ROOT, ROOT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void quote_escapesControlCharacters() {
    assertThat(SafePaths.quote("a\nb\u007f\u0001ü")).isEqualTo("'a\\u000ab\\u007f\\u0001ü'");
  }

  @Test
  void abbreviate_longText_keepsStartAndEndAndCountsTheRest() {
    String key = "a".repeat(70) + "b".repeat(100) + "c".repeat(40);

    assertThat(SafePaths.abbreviate(key))
        .isEqualTo("a".repeat(60) + "...[110 chars]..." + "c".repeat(40));
    assertThat(SafePaths.abbreviate("short/key")).isEqualTo("short/key");
  }

  @Test
  void lengthProblem_nameAndPathLimits() {
    assertThat(SafePaths.lengthProblem(ROOT.resolve("ok"), "ok")).isNull();
    assertThat(SafePaths.lengthProblem(ROOT.resolve("é".repeat(128)), "é".repeat(128)))
        .isEqualTo(
            "the name '"
                + "é".repeat(60)
                + "...[28 chars]..."
                + "é".repeat(40)
                + "' is 256 bytes, over the file system's limit of 255");
    String deep = ("d".repeat(250) + "/").repeat(17) + "f";
    assertThat(SafePaths.lengthProblem(ROOT.resolve(deep), deep))
        .isEqualTo("the local path would be 4279 bytes, over the file system's limit of 4095");
  }
}
