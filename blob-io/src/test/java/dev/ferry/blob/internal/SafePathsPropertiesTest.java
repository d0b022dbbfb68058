package dev.ferry.blob.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Hostile keys, built from the pieces path traversal is made of, never resolve outside the root;
 * plain keys always resolve, to the path their segments name. Each property runs on thousands of
 * generated keys from a fixed seed; a failure names the seed and the key.
 */
class SafePathsPropertiesTest {
  private static final Path ROOT = Path.of("/srv/downloads/run-1");
  private static final long SEED = 0x5afe_9a75L;

  private static final List<String> HOSTILE_PIECES =
      List.of(
          "..",
          ".",
          "/",
          "//",
          "\\",
          "C:",
          "c:",
          ":",
          "\0",
          "a",
          "b",
          "~",
          " ",
          "%2e%2e",
          "..\\",
          "./",
          "../",
          "...",
          ".a",
          "a.",
          "\u202e",
          "\n",
          "ü",
          "Z:\\",
          "\\\\?\\",
          "/etc/passwd",
          "NUL",
          "con",
          "\uD83D\uDE00");
  private static final String PLAIN_CHARS = "abcxyz019-_.~ü ";

  @Test
  void hostileKeys_neverLeaveTheRoot() {
    forAll(
        5000,
        SafePathsPropertiesTest::hostileKey,
        key -> {
          Path resolved;
          try {
            resolved = SafePaths.resolve(ROOT, key);
          } catch (IllegalArgumentException e) {
            assertThat(e).hasMessageStartingWith("unsafe key '");
            return;
          }
          assertThat(SafePaths.problem(key)).isNull();
          assertThat(resolved.normalize()).startsWithRaw(ROOT).isNotEqualTo(ROOT);
          assertThat(resolved.normalize()).isEqualTo(resolved);
          assertThat(resolved.getNameCount() - ROOT.getNameCount())
              .isEqualTo(key.split("/", -1).length);
        });
  }

  @Test
  void hostileKeys_problemAndResolveAgree() {
    forAll(
        5000,
        SafePathsPropertiesTest::hostileKey,
        key -> {
          String problem = SafePaths.problem(key);
          if (problem != null) {
            assertThatThrownBy(() -> SafePaths.resolve(ROOT, key))
                .hasMessage("unsafe key " + SafePaths.quote(key) + ": " + problem);
          }
        });
  }

  @Test
  void plainKeys_resolveSegmentBySegment() {
    forAll(
        2000,
        SafePathsPropertiesTest::plainKey,
        key -> {
          Path resolved = SafePaths.resolve(ROOT, key);

          assertThat(SafePaths.toKey(ROOT, resolved)).isEqualTo(key);
          assertThat(resolved.normalize()).isEqualTo(resolved).startsWithRaw(ROOT);
        });
  }

  @Test
  void keysWithADotDotSegment_alwaysRejected() {
    forAll(
        2000,
        random -> plainKey(random) + "/../" + plainKey(random),
        key ->
            assertThatThrownBy(() -> SafePaths.resolve(ROOT, key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("it has a '..' segment"));
  }

  private static String hostileKey(Random random) {
    StringBuilder key = new StringBuilder();
    int pieces = 1 + random.nextInt(8);
    for (int i = 0; i < pieces; i++) {
      key.append(HOSTILE_PIECES.get(random.nextInt(HOSTILE_PIECES.size())));
    }
    return key.toString();
  }

  private static String plainKey(Random random) {
    StringBuilder key = new StringBuilder();
    int segments = 1 + random.nextInt(5);
    for (int s = 0; s < segments; s++) {
      String segment;
      do {
        StringBuilder b = new StringBuilder();
        int length = 1 + random.nextInt(6);
        for (int i = 0; i < length; i++) {
          b.append(PLAIN_CHARS.charAt(random.nextInt(PLAIN_CHARS.length())));
        }
        segment = b.toString();
      } while (segment.equals(".") || segment.equals(".."));
      if (s > 0) {
        key.append('/');
      }
      key.append(segment);
    }
    return key.toString();
  }

  private static void forAll(int tries, Function<Random, String> gen, Consumer<String> property) {
    Random random = new Random(SEED);
    for (int i = 0; i < tries; i++) {
      String key = gen.apply(random);
      try {
        property.accept(key);
      } catch (AssertionError e) {
        throw new AssertionError(
            "property failed on try " + i + " (seed " + SEED + ") for key " + SafePaths.quote(key),
            e);
      }
    }
  }
}
