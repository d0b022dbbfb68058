package dev.ferry.executor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * One action of a run: a task called with one input, with its attempts, its parent action, its
 * group and its traces. Thread-safe; the lists are snapshots.
 */
public final class Action {
  private final String name;
  private final String taskName;
  private final @Nullable String parent;
  private final @Nullable String group;
  private final List<ActionAttempt> attempts = new CopyOnWriteArrayList<>();
  private final List<TraceRecord> traces = new CopyOnWriteArrayList<>();
  private volatile Phase phase = Phase.QUEUED;
  private volatile String report = "";

  Action(String name, String taskName, @Nullable String parent, @Nullable String group) {
    this.name = name;
    this.taskName = taskName;
    this.parent = parent;
    this.group = group;
  }

  /** Returns the action's name in its run ({@code a0} for the root). */
  public String name() {
    return name;
  }

  /** Returns the task's fully qualified name. */
  public String taskName() {
    return taskName;
  }

  /** Returns the parent action's name; empty for the root. */
  public Optional<String> parent() {
    return Optional.ofNullable(parent);
  }

  /** Returns the group it was started in. */
  public Optional<String> group() {
    return Optional.ofNullable(group);
  }

  /** Returns the attempts, in order. */
  public List<ActionAttempt> attempts() {
    return new ArrayList<>(attempts);
  }

  /** Returns the last attempt. */
  public Optional<ActionAttempt> lastAttempt() {
    List<ActionAttempt> a = attempts();
    return a.isEmpty() ? Optional.empty() : Optional.of(a.get(a.size() - 1));
  }

  /** Returns the phase. */
  public Phase phase() {
    return phase;
  }

  /** Returns true if its outputs came from the cache. */
  public boolean cacheHit() {
    return lastAttempt().map(ActionAttempt::cacheHit).orElse(false);
  }

  /** Returns the traces recorded inside it. */
  public List<TraceRecord> traces() {
    return new ArrayList<>(traces);
  }

  /** Returns the HTML its task appended to its report (of its last attempt). */
  public String report() {
    return report;
  }

  void add(ActionAttempt attempt) {
    attempts.add(attempt);
  }

  void add(TraceRecord trace) {
    traces.add(trace);
  }

  void phase(Phase p) {
    phase = p;
  }

  void report(String html) {
    report = html;
  }

  @Override
  public String toString() {
    return "action "
        + name
        + " ("
        + taskName
        + ") "
        + phase
        + ", "
        + attempts.size()
        + " attempt(s)";
  }
}
