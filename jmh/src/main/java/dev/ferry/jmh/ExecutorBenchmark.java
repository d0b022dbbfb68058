package dev.ferry.jmh;

import dev.ferry.executor.LocalExecutor;
import dev.ferry.executor.Run;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Executor overhead per action on the embedded default, cache off, every action writing its
 * documents: a chain of 1,000 tiny tasks (a parent calls a child 1,000 times, each passing the
 * record the previous one returned) and a {@code map} of 10,000 tiny tasks. Scores are per action
 * ({@code @OperationsPerInvocation}). {@code store=file} is the default local root (documents
 * published atomically, not forced to disk); {@code store=file-durable} the same with {@code
 * durableDocuments(true)} (two fsyncs per document); {@code store=memory} the memory store, which
 * takes the file system out: the differences are the costs of the files and of the fsyncs. {@code
 * fsFloor10000} is not Ferry: plain NIO doing only the file system work of a map of 10,000 on the
 * file store (the map's one inputs document, then per element a directory for the action and one
 * for its attempt and {@code outputs.pb}, each document written to a temp file and renamed, fsyncs
 * as the store param says) on one thread per core; the ratio map10000 / fsFloor10000 in one run is
 * what the executor adds to the file system's own cost. (Before map elements read their inputs from
 * the map's document, each wrote an {@code inputs.pb} of its own, and the floor had it too.)
 *
 * <pre>
 * bash jmh/executor-bench.sh
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class ExecutorBenchmark {
  /** What one tiny task passes to the next. */
  public record Step(long index, String label, double value) {}

  static final TaskEnvironment ENV = TaskEnvironment.of("bench");

  static Step step(Step s) {
    return new Step(s.index() + 1, s.label(), s.value() * 1.0001);
  }

  static final Task<Step, Step> STEP = ENV.task("step", ExecutorBenchmark::step);

  static Step chain(Long n) {
    Step s = new Step(0, "chain", 1.0);
    for (long i = 0; i < n; i++) {
      s = STEP.call(s);
    }
    return s;
  }

  static final Task<Long, Step> CHAIN = ENV.task("chain", ExecutorBenchmark::chain);

  static long tiny(Long n) {
    return n + 1;
  }

  static final Task<Long, Long> TINY = ENV.task("tiny", ExecutorBenchmark::tiny);

  static long fanOut(Long n) {
    List<Long> inputs = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      inputs.add(i);
    }
    long sum = 0;
    for (Long v : TINY.map(inputs)) {
      sum += v;
    }
    return sum;
  }

  static final Task<Long, Long> FAN_OUT = ENV.task("fan_out", ExecutorBenchmark::fanOut);

  @Param({"file", "file-durable", "memory"})
  public String store;

  private Path dir;
  private LocalExecutor ferry;
  private final ExecutorService floorPool =
      Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
  private final AtomicLong floorRuns = new AtomicLong();
  private static final byte[] DOCUMENT = new byte[64];

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    String base = System.getenv("FERRY_BENCH_DIR");
    dir =
        base != null
            ? Files.createTempDirectory(Path.of(base), "executor-bench")
            : Files.createTempDirectory("executor-bench");
    ferry = executor();
  }

  private LocalExecutor executor() {
    URI root =
        store.startsWith("file") ? dir.resolve("runs").toUri() : URI.create("memory://bench/runs");
    return LocalExecutor.builder()
        .root(root)
        .cacheDir(dir.resolve("cache"))
        .downloads(dir.resolve("downloads"))
        .cache(false)
        .durableDocuments(store.equals("file-durable"))
        .progress(false)
        .build();
  }

  /**
   * The memory store keeps every document of every run on the heap: a fresh executor (and store)
   * per iteration keeps a 1 GiB heap from filling with the runs of earlier iterations.
   */
  @TearDown(Level.Iteration)
  public void freshMemoryStore() {
    if (store.equals("memory")) {
      ferry.close();
      ferry = executor();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    ferry.close();
    floorPool.shutdownNow();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(1_000)
  public Step chain1000() {
    Run<Step> run = ferry.run(CHAIN, 1_000L);
    Step out = run.output();
    if (out == null || out.index() != 1_000) {
      throw new IllegalStateException("chain ended at " + out);
    }
    return out;
  }

  @Benchmark
  @OperationsPerInvocation(10_000)
  public long map10000() {
    Run<Long> run = ferry.run(FAN_OUT, 10_000L);
    Long sum = run.output();
    if (sum == null || sum != 50_005_000L) {
      throw new IllegalStateException("map summed to " + sum);
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(10_000)
  public long fsFloor10000() throws Exception {
    if (store.equals("memory")) {
      return 0;
    }
    boolean durable = store.equals("file-durable");
    Path map = dir.resolve("floor").resolve("r" + floorRuns.incrementAndGet()).resolve("map");
    Files.createDirectories(map);
    long bytes = document(map, "inputs.pb", new byte[10_000 * 8], durable);
    List<Future<Long>> elements = new ArrayList<>(10_000);
    for (int i = 0; i < 10_000; i++) {
      Path action = map.resolve("a" + i);
      elements.add(
          floorPool.submit(
              () -> {
                Path attempt = Files.createDirectory(Files.createDirectory(action).resolve("0"));
                return document(attempt, "outputs.pb", DOCUMENT, durable);
              }));
    }
    for (Future<Long> f : elements) {
      bytes += f.get();
    }
    return bytes;
  }

  private static long document(Path dir, String name, byte[] content, boolean durable)
      throws IOException {
    Path temp = dir.resolve("." + name + ".tmp");
    try (FileChannel ch =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(content));
      if (durable) {
        ch.force(true);
      }
    }
    Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    if (durable) {
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    }
    return content.length;
  }
}
