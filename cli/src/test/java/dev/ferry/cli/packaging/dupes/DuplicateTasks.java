package dev.ferry.cli.packaging.dupes;

import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;

/** Two different tasks under one name: {@code ferry package} refuses them. */
public final class DuplicateTasks {
  private DuplicateTasks() {}

  public static final Task<String, String> FIRST =
      TaskEnvironment.of("dupes").task("same", DuplicateTasks::twice);

  public static final Task<String, String> SECOND = FIRST.with(o -> o.retries(2));

  static String twice(String s) {
    return s + s;
  }
}
