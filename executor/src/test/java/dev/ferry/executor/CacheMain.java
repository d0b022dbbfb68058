package dev.ferry.executor;

import dev.ferry.sdk.Cache;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Runs a cached task in a JVM of its own (started by {@link CacheTest}) and prints the result:
 * {@code CacheMain <root>} runs an auto-cached task; {@code CacheMain <root> serial <calls file>} a
 * serialized one whose body appends a line to the calls file and takes 3 s.
 */
public final class CacheMain {
  /** The input. */
  public record In(long n) {}

  static long square(In in) {
    return in.n() * in.n();
  }

  static final Task<In, Long> TASK =
      TaskEnvironment.of("jvm").task("square", CacheMain::square, o -> o.cache(Cache.auto()));

  static long slowSquare(In in) throws InterruptedException {
    String calls = System.getProperty("ferry.test.calls");
    try {
      Files.writeString(
          Path.of(calls),
          "body-start=" + System.currentTimeMillis() + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.sleep(3_000);
    return in.n() * in.n();
  }

  static final Task<In, Long> SERIAL =
      TaskEnvironment.of("jvm")
          .task(
              "slow_square", CacheMain::slowSquare, o -> o.cache(Cache.version("v1").serialized()));

  private CacheMain() {}

  /** Runs the task under the root given as the first argument. */
  public static void main(String[] args) {
    boolean serial = args.length > 1 && args[1].equals("serial");
    if (serial) {
      System.setProperty("ferry.test.calls", args[2]);
    }
    try (LocalExecutor ferry = LocalExecutor.builder().root(Path.of(args[0])).build()) {
      System.out.println("run-start=" + System.currentTimeMillis());
      Run<Long> run = serial ? ferry.run(SERIAL, new In(8)) : ferry.run(TASK, new In(7));
      System.out.println("run-end=" + System.currentTimeMillis());
      System.out.println("output=" + run.output());
      System.out.println("cache-hit=" + run.action("a0").cacheHit());
    }
  }
}
