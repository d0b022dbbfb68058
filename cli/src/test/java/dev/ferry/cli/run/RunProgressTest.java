package dev.ferry.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.executor.Transfer;
import dev.ferry.executor.Transfer.Direction;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RunProgressTest {
  private static final long MIB = 1L << 20;
  private static final URI BIG = URI.create("s3://bucket/raw/0123456789abcdef/model.bin");
  private static final URI SMALL = URI.create("s3://bucket/raw/fedcba9876543210/small.txt");

  private final StringWriter text = new StringWriter();
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);

  private RunProgress progress(RunProgress.Mode mode, int columns) {
    return new RunProgress(new PrintWriter(text), mode, 16 * MIB, () -> columns, clock::get);
  }

  /** What the bar drew, one entry per redraw, without the escape that erases the line's rest. */
  private List<String> draws() {
    return Arrays.stream(text.toString().split("\r"))
        .filter(s -> !s.isEmpty())
        .map(s -> s.replace("\u001b[K", ""))
        .toList();
  }

  @Test
  void bar_showsTheBytesOfALargeTransfer_cutToTheTerminalWidth() {
    RunProgress bar = progress(RunProgress.Mode.BAR, 200);
    bar.started("a0 prog.train started");
    bar.started("a1 prog.save started");
    bar.transferred("a1", new Transfer(Direction.UPLOAD, BIG, 0, 312 * MIB));
    clock.addAndGet(200_000_000L);
    bar.transferred("a1", new Transfer(Direction.UPLOAD, BIG, 12 * MIB, 312 * MIB));

    List<String> draws = draws();
    assertThat(draws.get(draws.size() - 1))
        .isEqualTo(
            "[------------------------------]   0/2 actions  a1 upload 12.0 MiB of 312.0 MiB "
                + BIG);

    StringWriter narrowText = new StringWriter();
    RunProgress narrow =
        new RunProgress(
            new PrintWriter(narrowText), RunProgress.Mode.BAR, 16 * MIB, () -> 60, clock::get);
    narrow.started("a1 prog.save started");
    clock.addAndGet(200_000_000L);
    narrow.transferred("a1", new Transfer(Direction.DOWNLOAD, BIG, 100 * MIB, 312 * MIB));
    String drawn = narrowText.toString();
    String line = drawn.substring(drawn.lastIndexOf('\r') + 1).replace("\u001b[K", "");
    assertThat(line)
        .hasSize(59)
        .startsWith("[------------------------------]   0/1 actions  a1 down")
        .endsWith("...");
  }

  @Test
  void bar_staysQuietForSmallTransfers_andCountsSeveralLargeOnes() {
    RunProgress bar = progress(RunProgress.Mode.BAR, 200);
    bar.started("a0 prog.train started");
    int before = draws().size();
    bar.transferred("a0", new Transfer(Direction.UPLOAD, SMALL, 0, MIB));
    bar.transferred("a0", new Transfer(Direction.UPLOAD, SMALL, MIB, MIB));
    assertThat(draws()).hasSize(before);

    bar.transferred("a0", new Transfer(Direction.UPLOAD, BIG, 0, 20 * MIB));
    clock.addAndGet(200_000_000L);
    bar.transferred(
        "a0", new Transfer(Direction.DOWNLOAD, URI.create("s3://b/other"), 17 * MIB, -1));
    assertThat(draws().get(draws().size() - 1)).endsWith("actions  2 transfers 17.0 MiB");

    // one done: the bar shows the other; both done: the last action again
    bar.transferred("a0", new Transfer(Direction.UPLOAD, BIG, 20 * MIB, 20 * MIB));
    assertThat(draws().get(draws().size() - 1))
        .endsWith("actions  a0 download 17.0 MiB s3://b/other");
    bar.transferred(
        "a0", new Transfer(Direction.DOWNLOAD, URI.create("s3://b/other"), 18 * MIB, 18 * MIB));
    assertThat(draws().get(draws().size() - 1)).endsWith("actions  a0 prog.train started");
  }

  @Test
  void bar_redrawsTransferBytesAtMostEveryTenthOfASecond() {
    RunProgress bar = progress(RunProgress.Mode.BAR, 200);
    bar.started("a0 prog.train started");
    bar.transferred("a0", new Transfer(Direction.UPLOAD, BIG, 0, 100 * MIB));
    int drawn = draws().size();
    bar.transferred("a0", new Transfer(Direction.UPLOAD, BIG, 40 * MIB, 100 * MIB));
    assertThat(draws()).hasSize(drawn);
    clock.addAndGet(100_000_000L);
    bar.transferred("a0", new Transfer(Direction.UPLOAD, BIG, 50 * MIB, 100 * MIB));
    assertThat(draws()).hasSize(drawn + 1);
    assertThat(draws().get(drawn)).contains("50.0 MiB of 100.0 MiB");
  }

  @Test
  void lines_oneLinePerLargeTransferWhenItEnds_withSizeAndSeconds() {
    RunProgress lines = progress(RunProgress.Mode.LINES, 80);
    lines.transferred("a3", new Transfer(Direction.UPLOAD, BIG, 0, 312 * MIB));
    lines.transferred("a3", new Transfer(Direction.UPLOAD, BIG, 100 * MIB, 312 * MIB));
    clock.addAndGet(4_100_000_000L);
    lines.transferred("a3", new Transfer(Direction.UPLOAD, BIG, 312 * MIB, 312 * MIB));
    lines.transferred("a3", new Transfer(Direction.DOWNLOAD, SMALL, 0, MIB));
    lines.transferred("a3", new Transfer(Direction.DOWNLOAD, SMALL, MIB, MIB));
    // a streaming write learns its size at the end
    URI stream = URI.create("file:///tmp/raw/x/out.bin");
    lines.transferred("a4", new Transfer(Direction.UPLOAD, stream, 8 * MIB, -1));
    clock.addAndGet(500_000_000L);
    lines.transferred("a4", new Transfer(Direction.UPLOAD, stream, 17 * MIB, 17 * MIB));
    lines.finished("a3", "ferry a3   prog.save SUCCEEDED", "a3 prog.save SUCCEEDED");

    assertThat(text.toString().lines().toList())
        .containsExactly(
            "ferry a3   upload 312.0 MiB " + BIG + " 4.1 s",
            "ferry a4   upload 17.0 MiB " + stream + " 0.5 s",
            "ferry a3   prog.save SUCCEEDED");
  }

  @Test
  void byteSizes_formatAndParse() {
    assertThat(ByteSizes.format(0)).isEqualTo("0 B");
    assertThat(ByteSizes.format(1536)).isEqualTo("1.5 KiB");
    assertThat(ByteSizes.format(312 * MIB)).isEqualTo("312.0 MiB");
    assertThat(ByteSizes.parse("16MiB", "--x")).isEqualTo(16 * MIB);
    assertThat(ByteSizes.parse("2 GB", "--x")).isEqualTo(2L << 30);
    assertThat(ByteSizes.parse("512k", "--x")).isEqualTo(512L << 10);
    assertThat(ByteSizes.parse("1048576", "--x")).isEqualTo(MIB);
  }

  @Test
  void bar_forgetsTheTransfersOfAFinishedAction_thatNeverEnded() {
    RunProgress bar = progress(RunProgress.Mode.BAR, 200);
    bar.started("a0 prog.train started");
    clock.addAndGet(200_000_000L);
    bar.transferred("a0", new Transfer(Direction.UPLOAD, BIG, 20 * MIB, 100 * MIB));
    assertThat(draws().get(draws().size() - 1)).contains("a0 upload 20.0 MiB of 100.0 MiB");

    bar.finished("a0", "ferry a0   prog.train FAILED", "a0 prog.train FAILED");
    assertThat(draws().get(draws().size() - 1))
        .isEqualTo("[" + "#".repeat(RunProgress.WIDTH) + "]   1/1 actions  a0 prog.train FAILED");
  }
}
