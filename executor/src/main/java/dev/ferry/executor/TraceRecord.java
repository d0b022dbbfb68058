package dev.ferry.executor;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A traced function call inside a task: its name, timing, input and output (as text), or its error.
 *
 * @param name the trace's name
 * @param start when it started
 * @param end when it ended
 * @param input the input as text
 * @param output the output as text, or null when it threw
 * @param error the error as text, or null when it returned
 */
public record TraceRecord(
    String name,
    Instant start,
    Instant end,
    String input,
    @Nullable String output,
    @Nullable String error) {
  /** Returns how long it took. */
  public Duration duration() {
    return Duration.between(start, end);
  }
}
