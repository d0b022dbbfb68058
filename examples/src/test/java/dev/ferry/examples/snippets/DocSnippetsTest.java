package dev.ferry.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every code example of the README and of the plugin-facing javadoc (type-engine,
 * transformers-core, testing) is a region of this module's test sources, which compile and run: the
 * documentation shows the region's text unchanged. A region is the lines between {@code //
 * snippet:begin NAME} and {@code // snippet:end NAME}, less their common indentation.
 */
class DocSnippetsTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> JAVADOC_SOURCES =
      List.of(
          "type-engine/src/main/java", "transformers-core/src/main/java", "testing/src/main/java");
  private static final Pattern BEGIN = Pattern.compile("^\\s*// snippet:begin (\\S+)\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*// snippet:end (\\S+)\\s*$");

  /**
   * README blocks compiled and run in another module, by the start of their first line: the file
   * that holds them between {@code // README: begin} and {@code // README: end}. The Spark job
   * needs Spark on the class path, which only it-spark has ({@code ReadmeSparkJobTest} runs it).
   * Every other ```java block of the README is a region of this module.
   */
  private static final Map<String, String> README_ELSEWHERE =
      Map.of(
          "LiteralMap outputs = LiteralMap.parseFrom(",
          "it-spark/src/test/java/dev/ferry/itspark/ReadmeSparkJobTest.java");

  static Map<String, String> regions() throws IOException {
    Map<String, String> regions = new LinkedHashMap<>();
    Map<String, List<String>> open = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          Matcher b = BEGIN.matcher(line);
          Matcher e = END.matcher(line);
          if (b.matches()) {
            open.put(b.group(1), new ArrayList<>());
          } else if (e.matches()) {
            List<String> lines = open.remove(e.group(1));
            assertThat(lines).as("%s: end of a region never begun: %s", f, line).isNotNull();
            regions.put(e.group(1), dedent(lines));
          } else {
            open.values().forEach(l -> l.add(line));
          }
        }
        assertThat(open.keySet()).as("%s: regions never ended", f).isEmpty();
      }
    }
    return regions;
  }

  static String dedent(List<String> all) {
    int from = 0;
    int to = all.size();
    while (from < to && all.get(from).isBlank()) {
      from++;
    }
    while (to > from && all.get(to - 1).isBlank()) {
      to--;
    }
    List<String> lines = all.subList(from, to);
    int indent = Integer.MAX_VALUE;
    for (String l : lines) {
      if (!l.isBlank()) {
        indent = Math.min(indent, l.length() - l.stripLeading().length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      b.append(l.isBlank() ? "" : l.substring(indent).stripTrailing()).append('\n');
    }
    return b.toString();
  }

  /** Returns the {@code <pre>{@code ...}</pre>} blocks of a source file, comment stars removed. */
  static List<String> javadocBlocks(String source) {
    List<String> blocks = new ArrayList<>();
    List<String> current = null;
    for (String line : source.split("\n", -1)) {
      String text = line.strip();
      text = text.startsWith("*") ? text.substring(1) : text;
      text = text.startsWith(" ") ? text.substring(1) : text;
      if (current == null) {
        if (text.equals("<pre>{@code")) {
          current = new ArrayList<>();
        }
      } else if (text.equals("}</pre>")) {
        blocks.add(dedent(current));
        current = null;
      } else {
        current.add(line.contains("*") ? text : "");
      }
    }
    return blocks;
  }

  /** Returns the ```java blocks of a Markdown text. */
  static List<String> markdownBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    List<String> current = null;
    for (String line : markdown.split("\n", -1)) {
      if (current == null) {
        if (line.strip().equals("```java")) {
          current = new ArrayList<>();
        }
      } else if (line.strip().equals("```")) {
        blocks.add(dedent(current));
        current = null;
      } else {
        current.add(line);
      }
    }
    return blocks;
  }

  @Test
  void javadocExamples_areCompiledRegions() throws IOException {
    Map<String, String> regions = regions();
    int checked = 0;
    for (String root : JAVADOC_SOURCES) {
      try (Stream<Path> files = Files.walk(REPO.resolve(root))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          for (String block : javadocBlocks(Files.readString(f))) {
            assertThat(regions.values())
                .as("the example in %s is not a region of examples/src/test/java:%n%s", f, block)
                .contains(block);
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(17);
  }

  @Test
  void readmeJavaBlocks_areCompiledRegions() throws IOException {
    Map<String, String> regions = regions();
    List<String> elsewhere = new ArrayList<>();
    int checked = 0;
    for (String block : markdownBlocks(Files.readString(REPO.resolve("README.md")))) {
      String first = block.lines().findFirst().orElse("");
      String start =
          README_ELSEWHERE.keySet().stream().filter(first::startsWith).findFirst().orElse(null);
      if (start != null) {
        Path source = REPO.resolve(README_ELSEWHERE.get(start));
        assertThat(stripped(readmeRegion(Files.readString(source))))
            .as("the README block is not the README region of %s:%n%s", source, block)
            .isEqualTo(stripped(block));
        elsewhere.add(start);
        continue;
      }
      assertThat(regions.values())
          .as("the README example is not a region of examples/src/test/java:%n%s", block)
          .contains(block);
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(7);
    // each entry still names a README block
    assertThat(elsewhere).containsExactlyInAnyOrderElementsOf(README_ELSEWHERE.keySet());
  }

  /** Returns the lines between {@code // README: begin} and {@code // README: end}. */
  static String readmeRegion(String source) {
    int from = source.indexOf("// README: begin\n");
    int to = source.indexOf("// README: end", from);
    assertThat(from).as("no // README: begin").isNotNegative();
    assertThat(to).as("no // README: end").isPositive();
    return source.substring(from + "// README: begin\n".length(), to);
  }

  private static List<String> stripped(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  @Test
  void extraction_findsBlocksAsWritten() {
    String source =
        """
        /**
         * Text.
         *
         * <pre>{@code
         * if (x) {
         *   y();
         *
         * }
         * }</pre>
         */
        """;
    assertThat(javadocBlocks(source)).containsExactly("if (x) {\n  y();\n\n}\n");
    assertThat(markdownBlocks("a\n```java\n  int x;\n    y();\n```\n```\nnot java\n```\n"))
        .containsExactly("int x;\n  y();\n");
  }
}
