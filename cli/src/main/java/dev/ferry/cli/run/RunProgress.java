package dev.ferry.cli.run;

import dev.ferry.executor.Action;
import dev.ferry.executor.ProgressListener;
import dev.ferry.executor.Run;
import dev.ferry.executor.Transfer;
import java.io.Console;
import java.io.PrintWriter;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * What {@code ferry run} shows while a run goes: on a terminal one bar of finished over started
 * actions and the bytes of large transfers in flight, redrawn in place and cut to the terminal's
 * width; otherwise one plain line per finished action and per finished large transfer.
 *
 * <pre>
 * [##############----------------]   7/15 actions  a6 prog.score SUCCEEDED
 * [##############----------------]   7/15 actions  a7 upload 12.0 MiB of 312.0 MiB s3://bucket/...
 * ferry a7   upload 312.0 MiB s3://bucket/raw/8c1f.../model.bin 4.1 s
 * </pre>
 *
 * A transfer is large when its size reaches the threshold ({@code --progress-min-size}); smaller
 * ones stay quiet.
 */
final class RunProgress implements ProgressListener {
  /** How progress is shown. */
  enum Mode {
    /** A bar on a terminal, lines otherwise. */
    AUTO,
    /** A bar redrawn in place. */
    BAR,
    /** One line per finished action. */
    LINES,
    /** Nothing. */
    OFF
  }

  static final int WIDTH = 30;

  /** The shortest time between two redraws for transfer bytes alone. */
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter out;
  private final Mode mode;
  private final long minSize;
  private final IntSupplier columns;
  private final LongSupplier nanoTime;
  private final Map<URI, Moving> moving = new LinkedHashMap<>();
  private int started;
  private int finished;
  private String last = "";
  private boolean drawn;
  private long drawnAt;

  /** One transfer in flight. */
  private static final class Moving {
    final String action;
    final Transfer.Direction direction;
    final long startNanos;
    long done;
    long total = -1;

    Moving(String action, Transfer.Direction direction, long startNanos) {
      this.action = action;
      this.direction = direction;
      this.startNanos = startNanos;
    }

    long size() {
      return Math.max(done, total);
    }
  }

  /**
   * Returns a display writing to {@code out}; transfers of {@code minSize} bytes or more show, the
   * bar is cut to {@code columns} minus one characters, {@code nanoTime} times transfers.
   */
  RunProgress(
      PrintWriter out, Mode mode, long minSize, IntSupplier columns, LongSupplier nanoTime) {
    this.out = out;
    this.mode = mode == Mode.AUTO ? (onTerminal() ? Mode.BAR : Mode.LINES) : mode;
    this.minSize = minSize;
    this.columns = columns;
    this.nanoTime = nanoTime;
  }

  /**
   * Returns true when the JVM is attached to a terminal: {@code System.console()} exists and, from
   * JDK 22 on (where it exists even when output is redirected), {@code Console.isTerminal()}.
   */
  static boolean onTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // JDK 17 to 21: a console means a terminal
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** Returns the terminal's width from {@code COLUMNS}, else 80. */
  static int terminalColumns() {
    String c = System.getenv("COLUMNS");
    if (c != null) {
      try {
        int n = Integer.parseInt(c.strip());
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // not a number: the default
      }
    }
    return 80;
  }

  Mode mode() {
    return mode;
  }

  @Override
  public void started(Run<?> run, Action action) {
    started(action.name() + " " + action.taskName() + " started");
  }

  @Override
  public void finished(Run<?> run, Action action, String line) {
    finished(action.name(), line, action.name() + " " + action.taskName() + " " + action.phase());
  }

  @Override
  public void transferred(Run<?> run, Action action, Transfer transfer) {
    transferred(action.name(), transfer);
  }

  /** An action started; {@code label} is what the bar says of it. */
  synchronized void started(String label) {
    started++;
    if (mode == Mode.BAR) {
      last = label;
      draw();
    }
  }

  /**
   * Action {@code actionName} finished: {@code line} is its plain line, {@code label} what the bar
   * says. Transfers of it that never reported their end (a failed upload) are forgotten.
   */
  synchronized void finished(String actionName, String line, String label) {
    finished++;
    moving.values().removeIf(m -> m.action.equals(actionName));
    switch (mode) {
      case LINES -> {
        out.println(line);
        out.flush();
      }
      case BAR -> {
        last = label;
        draw();
      }
      default -> {}
    }
  }

  /** Bytes of a transfer of action {@code actionName} moved. */
  synchronized void transferred(String actionName, Transfer transfer) {
    if (mode == Mode.OFF) {
      return;
    }
    long now = nanoTime.getAsLong();
    Moving m =
        moving.computeIfAbsent(
            transfer.uri(), u -> new Moving(actionName, transfer.direction(), now));
    m.done = Math.max(m.done, transfer.bytesDone());
    if (transfer.totalBytes() >= 0) {
      m.total = transfer.totalBytes();
    }
    if (transfer.done()) {
      moving.remove(transfer.uri());
      if (m.size() < minSize) {
        return;
      }
      if (mode == Mode.LINES) {
        out.println(doneLine(m, transfer.uri(), now));
        out.flush();
      } else {
        draw();
      }
    } else if (mode == Mode.BAR
        && m.size() >= minSize
        && (!drawn || now - drawnAt >= REDRAW_NANOS)) {
      draw();
    }
  }

  /** Ends the bar's line, so that what follows starts on its own. */
  synchronized void close() {
    if (drawn) {
      out.println();
      out.flush();
      drawn = false;
    }
  }

  /** The line of a finished transfer: {@code ferry a7 upload 312.0 MiB s3://... 4.1 s}. */
  private static String doneLine(Moving m, URI uri, long now) {
    return String.format(
        Locale.ROOT,
        "ferry %-4s %s %s %s %.1f s",
        m.action,
        m.direction.name().toLowerCase(Locale.ROOT),
        ByteSizes.format(m.size()),
        uri,
        (now - m.startNanos) / 1e9);
  }

  /** What the bar says of the large transfers in flight, or "" when there are none. */
  private String transfers() {
    int count = 0;
    long done = 0;
    long total = 0;
    boolean totalKnown = true;
    Moving one = null;
    URI oneUri = null;
    for (Map.Entry<URI, Moving> e : moving.entrySet()) {
      Moving m = e.getValue();
      if (m.size() < minSize) {
        continue;
      }
      count++;
      done += m.done;
      total += Math.max(m.total, 0);
      totalKnown &= m.total >= 0;
      one = m;
      oneUri = e.getKey();
    }
    if (one == null || oneUri == null) {
      return "";
    }
    String bytes =
        totalKnown
            ? ByteSizes.format(done) + " of " + ByteSizes.format(total)
            : ByteSizes.format(done);
    if (count == 1) {
      return one.action
          + " "
          + one.direction.name().toLowerCase(Locale.ROOT)
          + " "
          + bytes
          + " "
          + oneUri;
    }
    return count + " transfers " + bytes;
  }

  private void draw() {
    int total = Math.max(started, 1);
    int filled = (int) ((long) WIDTH * finished / total);
    String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
    String moved = transfers();
    String text =
        String.format(
            Locale.ROOT,
            "[%s] %3d/%d actions  %s",
            bar,
            finished,
            started,
            moved.isEmpty() ? last : moved);
    int max = Math.max(columns.getAsInt() - 1, 10); // the last column would wrap on some terminals
    if (text.length() > max) {
      text = text.substring(0, max - 3) + "...";
    }
    // \r back to the line's start, the text, then erase whatever a longer line left
    out.print("\r" + text + "\u001b[K");
    out.flush();
    drawn = true;
    drawnAt = nanoTime.getAsLong();
  }
}
