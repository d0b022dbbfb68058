package dev.ferry.executor;

import dev.ferry.idl.core.ContainerError;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One attempt of an action: its phase, timing, documents and error. Thread-safe. */
public final class ActionAttempt {
  private final int number;
  private final ActionPaths paths;
  private volatile Phase phase = Phase.QUEUED;
  private volatile @Nullable Instant start;
  private volatile @Nullable Instant end;
  private volatile boolean cacheHit;
  private volatile @Nullable ContainerError error;

  ActionAttempt(int number, ActionPaths paths) {
    this.number = number;
    this.paths = paths;
  }

  /** Returns the attempt number, from 0. */
  public int number() {
    return number;
  }

  /** Returns the phase. */
  public Phase phase() {
    return phase;
  }

  /** Returns when it started running (or was served from the cache). */
  public Optional<Instant> start() {
    return Optional.ofNullable(start);
  }

  /** Returns when it ended. */
  public Optional<Instant> end() {
    return Optional.ofNullable(end);
  }

  /** Returns how long it ran, once ended. */
  public Optional<Duration> duration() {
    Instant s = start;
    Instant e = end;
    return s == null || e == null ? Optional.empty() : Optional.of(Duration.between(s, e));
  }

  /** Returns true if its outputs came from the cache. */
  public boolean cacheHit() {
    return cacheHit;
  }

  /** Returns the URI of its {@code inputs.pb}. */
  public URI inputsUri() {
    return paths.inputs();
  }

  /** Returns the URI of its {@code outputs.pb} (present when it succeeded). */
  public URI outputsUri() {
    return paths.outputs();
  }

  /** Returns the URI of its {@code error.pb} (present when it failed). */
  public URI errorUri() {
    return paths.error();
  }

  /** Returns all of its paths. */
  public ActionPaths paths() {
    return paths;
  }

  /** Returns the error it recorded. */
  public Optional<ContainerError> error() {
    return Optional.ofNullable(error);
  }

  void started(Instant at) {
    start = at;
    phase = Phase.RUNNING;
  }

  void finished(Phase p, @Nullable ContainerError e, boolean hit, Instant at) {
    if (start == null) {
      start = at;
    }
    error = e;
    cacheHit = hit;
    end = at;
    phase = p;
  }

  @Override
  public String toString() {
    return "attempt " + number + " " + phase + (cacheHit ? " (cache hit)" : "");
  }
}
