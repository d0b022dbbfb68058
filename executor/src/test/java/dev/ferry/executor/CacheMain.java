package dev.ferry.executor;

import dev.ferry.sdk.Cache;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import java.nio.file.Path;

/** Runs a cached task in a JVM of its own (started by {@link CacheTest}) and prints the result. */
public final class CacheMain {
  /** The input. */
  public record In(long n) {}

  static long square(In in) {
    return in.n() * in.n();
  }

  static final Task<In, Long> TASK =
      TaskEnvironment.of("jvm").task("square", CacheMain::square, o -> o.cache(Cache.auto()));

  private CacheMain() {}

  /** Runs the task under the root given as the first argument. */
  public static void main(String[] args) {
    try (LocalExecutor ferry = LocalExecutor.builder().root(Path.of(args[0])).build()) {
      Run<Long> run = ferry.run(TASK, new In(7));
      System.out.println("output=" + run.output());
      System.out.println("cache-hit=" + run.action("a0").cacheHit());
    }
  }
}
