package dev.ferry.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sdk.MapFailedException;
import dev.ferry.sdk.MapOptions;
import dev.ferry.sdk.MapResult;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskContext;
import dev.ferry.sdk.TaskEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FanOutTest {
  record Batch(List<Long> items, double minRatio) {}

  static final TaskEnvironment ENV = TaskEnvironment.of("fan");
  static final AtomicInteger INTERRUPTED = new AtomicInteger();
  static volatile CountDownLatch started = new CountDownLatch(2);

  static long check(Long n) {
    if (n % 3 == 0) {
      throw new IllegalArgumentException("multiple of three: " + n);
    }
    return n * 10;
  }

  static final Task<Long, Long> CHECK = ENV.task("check", FanOutTest::check);

  static String mapAll(Batch batch) {
    MapResult<Long> r =
        CHECK.map(
            batch.items(),
            MapOptions.DEFAULT.withConcurrency(2).withMinSuccessRatio(batch.minRatio()));
    StringBuilder sb = new StringBuilder();
    for (MapResult.Element<Long> e : r.elements()) {
      sb.append(e.index()).append('=');
      sb.append(
          e.succeeded()
              ? String.valueOf(e.value())
              : "failed(" + java.util.Objects.requireNonNull(e.failure()).code() + ")");
      sb.append(' ');
    }
    return sb.toString().trim();
  }

  static final Task<Batch, String> MAP_ALL = ENV.task("map_all", FanOutTest::mapAll);

  static long hang(Long n) {
    started.countDown();
    try {
      Thread.sleep(120_000);
    } catch (InterruptedException e) {
      INTERRUPTED.incrementAndGet();
      Thread.currentThread().interrupt();
    }
    return n;
  }

  static final Task<Long, Long> HANG = ENV.task("hang", FanOutTest::hang);

  static long parent(Long n) throws Exception {
    CompletableFuture<Long> a = HANG.submit(n);
    CompletableFuture<Long> b = HANG.submit(n + 1);
    return a.get() + b.get();
  }

  static final Task<Long, Long> PARENT = ENV.task("parent", FanOutTest::parent);

  static long grouped(Long n) throws Exception {
    long doubled = Ferry.group("stage-1", () -> CHECK.call(n));
    long traced = Ferry.trace("plus-one", doubled, () -> doubled + 1);
    TaskContext.current().appendReport("<p id=\"mine\">value " + traced + "</p>");
    return traced;
  }

  static final Task<Long, Long> GROUPED = ENV.task("grouped", FanOutTest::grouped);

  static final AtomicInteger IN_FLIGHT = new AtomicInteger();
  static final AtomicInteger MOST_IN_FLIGHT = new AtomicInteger();
  static final java.util.Map<Long, String> ACTION_OF =
      new java.util.concurrent.ConcurrentHashMap<>();
  static final java.util.Set<String> THREADS = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static long slow(Long n) throws InterruptedException {
    int now = IN_FLIGHT.incrementAndGet();
    MOST_IN_FLIGHT.accumulateAndGet(now, Math::max);
    ACTION_OF.put(n, TaskContext.current().actionName());
    THREADS.add(Thread.currentThread().getName());
    Thread.sleep(5);
    IN_FLIGHT.decrementAndGet();
    return n;
  }

  static final Task<Long, Long> SLOW = ENV.task("slow", FanOutTest::slow);

  static long mapThree(Long n) {
    List<Long> inputs = new java.util.ArrayList<>();
    for (long i = 0; i < n; i++) {
      inputs.add(i);
    }
    return SLOW.map(inputs, MapOptions.DEFAULT.withConcurrency(3)).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  static final Task<Long, Long> MAP_THREE = ENV.task("map_three", FanOutTest::mapThree);

  static long mapHang(Long n) {
    List<Long> inputs = new java.util.ArrayList<>();
    for (long i = 0; i < n; i++) {
      inputs.add(i);
    }
    return HANG.map(inputs, MapOptions.DEFAULT.withConcurrency(2)).values().size();
  }

  static final Task<Long, Long> MAP_HANG = ENV.task("map_hang", FanOutTest::mapHang);

  @TempDir Path tmp;
  LocalExecutor ferry;

  @BeforeEach
  void setUp() {
    INTERRUPTED.set(0);
    IN_FLIGHT.set(0);
    MOST_IN_FLIGHT.set(0);
    ACTION_OF.clear();
    THREADS.clear();
    started = new CountDownLatch(2);
    ferry = LocalExecutor.builder().root(tmp).cache(false).maxConcurrency(2).build();
  }

  @AfterEach
  void tearDown() {
    ferry.close();
  }

  @Test
  void map_partialFailuresAboveTheRatio_succeedsWithPerElementResults() {
    Run<String> run = ferry.run(MAP_ALL, new Batch(List.of(1L, 2L, 3L, 4L, 5L), 0.6));

    assertThat(run.phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(run.output()).isEqualTo("0=10 1=20 2=failed(USER:RuntimeError) 3=40 4=50");
    assertThat(run.actionsOf("fan.check")).hasSize(5);
  }

  @Test
  void map_failuresBelowTheRatio_failsTheParent() {
    Run<String> run = ferry.run(MAP_ALL, new Batch(List.of(1L, 3L, 6L, 4L), 0.6));

    assertThat(run.phase()).isEqualTo(Phase.FAILED);
    assertThat(run.error().orElseThrow().getMessage())
        .contains(
            MapFailedException.class.getSimpleName()
                + ": map of fan.check: 2 of 4 elements failed, success ratio 0.50 is below the"
                + " minimum 0.60; first failure: action ");
  }

  @Test
  void map_runsElementsOnAtMostItsConcurrencyOfThreads_namedInInputOrder() {
    ferry.close();
    ferry = LocalExecutor.builder().root(tmp).cache(false).maxConcurrency(8).build();

    Run<Long> run = ferry.run(MAP_THREE, 40L);

    assertThat(run.output()).isEqualTo(780L);
    assertThat(run.actionsOf("fan.slow")).hasSize(40);
    assertThat(MOST_IN_FLIGHT.get()).isBetween(1, 3);
    // a lane thread runs one element after another: three threads for forty elements
    assertThat(THREADS).hasSizeBetween(1, 3);
    List<Integer> names =
        java.util.stream.LongStream.range(0, 40)
            .mapToObj(
                i ->
                    Integer.parseInt(
                        java.util.Objects.requireNonNull(ACTION_OF.get(i)).substring(1)))
            .toList();
    assertThat(names).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void abort_ofAMap_stopsTheRunningElementsAndStartsNoOthers() throws Exception {
    Run<Long> run = ferry.start(MAP_HANG, 50L);
    assertThat(started.await(30, TimeUnit.SECONDS)).as("two elements started").isTrue();

    run.abort();

    assertThat(run.await(Duration.ofSeconds(30))).as("run ended").isTrue();
    assertThat(run.phase()).isEqualTo(Phase.ABORTED);
    assertThat(run.actionsOf("fan.hang"))
        .hasSize(2)
        .extracting(Action::phase)
        .containsOnly(Phase.ABORTED);
    assertThat(INTERRUPTED.get()).isEqualTo(2);
  }

  @Test
  void abort_cancelsRunningChildren() throws Exception {
    Run<Long> run = ferry.start(PARENT, 1L);
    assertThat(started.await(30, TimeUnit.SECONDS)).as("children started").isTrue();

    run.abort();

    assertThat(run.await(Duration.ofSeconds(30))).as("run ended").isTrue();
    assertThat(run.phase()).isEqualTo(Phase.ABORTED);
    assertThat(run.actionsOf("fan.hang")).extracting(Action::phase).containsOnly(Phase.ABORTED);
    assertThat(INTERRUPTED.get()).isEqualTo(2);
  }

  @Test
  void groupTraceAndReport_areRecorded() throws Exception {
    Run<Long> run = ferry.run(GROUPED, 4L);

    assertThat(run.output()).isEqualTo(41L);
    assertThat(run.action("a1").group()).contains("stage-1");
    TraceRecord trace = run.action("a0").traces().get(0);
    assertThat(trace.name()).isEqualTo("plus-one");
    assertThat(trace.input()).isEqualTo("40");
    assertThat(trace.output()).isEqualTo("41");
    assertThat(Files.readString(Path.of(run.action("a0").attempts().get(0).paths().report())))
        .contains("<p id=\"mine\">value 41</p>");
    String html = Files.readString(Path.of(run.report().orElseThrow()));
    assertThat(html).contains("<p id=\"mine\">value 41</p>").contains("trace plus-one");
  }
}
