package dev.ferry.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sdk.RecoverableException;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskContext;
import dev.ferry.sdk.TaskEnvironment;
import dev.ferry.testdata.IntegrationTest;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a run's {@code report.html} in a real headless browser (Debian's {@code chromium}, or the
 * one {@code FERRY_CHROMIUM} names) and checks what it renders: the DOM after parsing has one
 * timeline row per action with its phase, and the screenshot shows, row by row, the phase colours
 * at the places the attempts' timings put them (the retried action: a red bar, then a green one to
 * its right). The screenshot is kept as a build artifact: {@code
 * executor/target/report-screenshot.png}.
 */
@IntegrationTest
class ReportBrowserTest {
  static final TaskEnvironment ENV = TaskEnvironment.of("report");
  static final AtomicInteger FLAKY_CALLS = new AtomicInteger();

  static long flaky(Long n) throws InterruptedException {
    Thread.sleep(250);
    if (FLAKY_CALLS.incrementAndGet() == 1) {
      throw new RecoverableException("the first attempt fails on purpose");
    }
    return n + 1;
  }

  static long steady(Long n) throws InterruptedException {
    Thread.sleep(250);
    return n * 2;
  }

  static final Task<Long, Long> FLAKY =
      ENV.task("flaky", ReportBrowserTest::flaky, o -> o.retries(1));
  static final Task<Long, Long> STEADY = ENV.task("steady", ReportBrowserTest::steady);

  static long pipeline(Long n) {
    TaskContext.current().appendReport("<p id=\"own-section\">pipeline's own section</p>");
    return STEADY.call(FLAKY.call(n));
  }

  static final Task<Long, Long> PIPELINE = ENV.task("pipeline", ReportBrowserTest::pipeline);

  // the report's phase colours (RunReport's style sheet)
  static final int GREEN = 0x2e9d4e;
  static final int RED = 0xd93a3a;

  @Test
  void theRenderedTimelineShowsEachActionsAttemptsInTheirPhaseColours(@TempDir Path dir)
      throws Exception {
    FLAKY_CALLS.set(0);
    Path report;
    try (LocalExecutor ferry =
        LocalExecutor.builder().root(dir.resolve("runs")).cache(false).progress(false).build()) {
      Run<Long> run = ferry.run(PIPELINE, 20L);
      assertThat(run.output()).isEqualTo(42L);
      report = Path.of(run.report().orElseThrow());
    }
    String chromium = chromium();

    // the DOM as the browser parsed it: one row per action, with its phase
    String dom = browser(chromium, dir, "--dump-dom", report.toUri().toString());
    Matcher row = Pattern.compile("data-action=\"(a\\d+)\" data-phase=\"(\\w+)\"").matcher(dom);
    List<String> rows = new ArrayList<>();
    while (row.find()) {
      rows.add(row.group(1) + " " + row.group(2));
    }
    assertThat(rows).containsExactly("a0 SUCCEEDED", "a1 SUCCEEDED", "a2 SUCCEEDED");
    assertThat(dom).contains("id=\"own-section\"").contains("the first attempt fails on purpose");

    // the pixels: rows of bars from top to bottom, colours and order within each row
    Path png = dir.resolve("report.png");
    browser(
        chromium,
        dir,
        "--screenshot=" + png,
        "--window-size=1200,700",
        "--hide-scrollbars",
        report.toUri().toString());
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("screenshot %s", png).isNotNull();
    Path kept = Path.of("target", "report-screenshot.png");
    Files.createDirectories(kept.getParent());
    Files.copy(png, kept, StandardCopyOption.REPLACE_EXISTING);

    List<Band> bands = bands(image);
    assertThat(bands).as("timeline rows with coloured bars in %s", kept).hasSize(3);
    Band parent = bands.get(0);
    Band retried = bands.get(1);
    Band child = bands.get(2);
    assertThat(parent.red()).isZero();
    assertThat(child.red()).isZero();
    assertThat(retried.red()).as("the failed first attempt").isPositive();
    assertThat(retried.green()).as("the successful retry").isPositive();
    assertThat(retried.lastRedX()).isLessThan(retried.firstGreenX());
    // the parent spans its children; the second child starts after the retried one ended
    assertThat(parent.firstGreenX()).isLessThanOrEqualTo(retried.firstRedX());
    assertThat(parent.lastGreenX()).isGreaterThanOrEqualTo(child.lastGreenX() - 2);
    assertThat(child.firstGreenX()).isGreaterThanOrEqualTo(retried.lastGreenX() - 2);
    // the bars are as long as the attempts took: each child ran 250 ms of a run of at least 750
    assertThat(child.lastGreenX() - child.firstGreenX())
        .isLessThan(parent.lastGreenX() - parent.firstGreenX());
  }

  /** A horizontal band of the screenshot holding bar pixels: a timeline row. */
  record Band(
      int top,
      int bottom,
      int red,
      int green,
      int firstRedX,
      int lastRedX,
      int firstGreenX,
      int lastGreenX) {}

  static List<Band> bands(BufferedImage image) {
    List<Band> bands = new ArrayList<>();
    int top = -1;
    for (int y = 0; y <= image.getHeight(); y++) {
      boolean coloured = y < image.getHeight() && rowHas(image, y);
      if (coloured && top < 0) {
        top = y;
      } else if (!coloured && top >= 0) {
        bands.add(band(image, top, y));
        top = -1;
      }
    }
    return bands;
  }

  private static boolean rowHas(BufferedImage image, int y) {
    for (int x = 0; x < image.getWidth(); x++) {
      int rgb = image.getRGB(x, y) & 0xffffff;
      if (rgb == GREEN || rgb == RED) {
        return true;
      }
    }
    return false;
  }

  private static Band band(BufferedImage image, int top, int bottom) {
    int y = (top + bottom) / 2;
    int red = 0;
    int green = 0;
    int firstRed = -1;
    int lastRed = -1;
    int firstGreen = -1;
    int lastGreen = -1;
    for (int x = 0; x < image.getWidth(); x++) {
      int rgb = image.getRGB(x, y) & 0xffffff;
      if (rgb == RED) {
        red++;
        firstRed = firstRed < 0 ? x : firstRed;
        lastRed = x;
      } else if (rgb == GREEN) {
        green++;
        firstGreen = firstGreen < 0 ? x : firstGreen;
        lastGreen = x;
      }
    }
    return new Band(top, bottom, red, green, firstRed, lastRed, firstGreen, lastGreen);
  }

  /**
   * Returns the browser to run: {@code FERRY_CHROMIUM}, else Debian's {@code chromium}; fails with
   * how to install it when there is none (never skips).
   */
  static String chromium() {
    String configured = System.getenv("FERRY_CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      assertThat(new File(configured)).as("FERRY_CHROMIUM").canRead();
      return configured;
    }
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (new File(candidate).canExecute()) {
        return candidate;
      }
    }
    throw new AssertionError(
        "the report test needs a headless Chromium: install Debian's package"
            + " (apt-get install -y chromium) or set FERRY_CHROMIUM to a Chromium binary;"
            + " none at /usr/bin/chromium or /usr/bin/chromium-browser");
  }

  /** Runs the browser headless on a fresh profile and returns what it printed to stdout. */
  static String browser(String chromium, Path dir, String... args)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(dir, "chromium-profile");
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--force-device-scale-factor=1",
                "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Path out = dir.resolve("chromium.out");
    Path err = dir.resolve("chromium.err");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly().waitFor();
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(done && p.exitValue() == 0)
        .as(
            "%s exited %s; stderr:%n%s",
            command,
            done ? p.exitValue() : "(killed after 120 s)",
            Files.readString(err, StandardCharsets.UTF_8))
        .isTrue();
    return stdout;
  }
}
