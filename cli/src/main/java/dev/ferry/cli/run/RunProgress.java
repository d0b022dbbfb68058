package dev.ferry.cli.run;

import dev.ferry.executor.Action;
import dev.ferry.executor.ProgressListener;
import dev.ferry.executor.Run;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * What {@code ferry run} shows while a run goes: on a terminal one bar of finished over started
 * actions, redrawn in place; otherwise one plain line per finished action.
 *
 * <pre>
 * [##############----------------]   7/15 actions  a6 prog.score SUCCEEDED
 * </pre>
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

  private final PrintWriter out;
  private final Mode mode;
  private int started;
  private int finished;
  private boolean drawn;

  RunProgress(PrintWriter out, Mode mode) {
    this.out = out;
    this.mode = mode == Mode.AUTO ? (onTerminal() ? Mode.BAR : Mode.LINES) : mode;
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

  Mode mode() {
    return mode;
  }

  @Override
  public synchronized void started(Run<?> run, Action action) {
    started++;
    if (mode == Mode.BAR) {
      draw(action.name() + " " + action.taskName() + " started");
    }
  }

  @Override
  public synchronized void finished(Run<?> run, Action action, String line) {
    finished++;
    switch (mode) {
      case LINES -> {
        out.println(line);
        out.flush();
      }
      case BAR -> draw(action.name() + " " + action.taskName() + " " + action.phase());
      default -> {}
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

  private void draw(String last) {
    int total = Math.max(started, 1);
    int filled = (int) ((long) WIDTH * finished / total);
    String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
    String text =
        String.format(Locale.ROOT, "[%s] %3d/%d actions  %s", bar, finished, started, last);
    // \r back to the line's start, the text, then erase whatever a longer line left
    out.print("\r" + text + "\u001b[K");
    out.flush();
    drawn = true;
  }
}
