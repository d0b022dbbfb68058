package dev.ferry.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.idl.core.Primitive;
import dev.ferry.idl.core.Scalar;
import dev.ferry.idl.core.TypedInterface;
import dev.ferry.sdk.Cache;
import dev.ferry.sdk.MapOptions;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheTest {
  record Job(long n, boolean verbose) {}

  static final AtomicInteger CALLS = new AtomicInteger();
  static final TaskEnvironment ENV =
      TaskEnvironment.builder("cached").cache(Cache.version("v1")).build();

  static long square(Job job) throws Exception {
    CALLS.incrementAndGet();
    Thread.sleep(50);
    return job.n() * job.n();
  }

  static final Task<Job, Long> SQUARE =
      ENV.task("square", CacheTest::square, o -> o.cache(Cache.version("v1").ignoring("verbose")));

  static final Task<Job, Long> SERIAL =
      ENV.task("serial", CacheTest::square, o -> o.cache(Cache.version("v1").serialized()));

  static List<Long> fanOut(Long n) {
    List<Job> jobs = Collections.nCopies(n.intValue(), new Job(3, false));
    return SERIAL.map(jobs, MapOptions.DEFAULT).values();
  }

  static final Task<Long, List<Long>> FAN_OUT =
      ENV.task("fan_out", CacheTest::fanOut, o -> o.cache(Cache.disabled()));

  @TempDir Path tmp;

  @BeforeEach
  void reset() {
    CALLS.set(0);
  }

  private LocalExecutor executor() {
    return LocalExecutor.builder().root(tmp.resolve("runs")).build();
  }

  @Test
  void cache_hitAcrossTwoExecutorInstances() throws Exception {
    try (LocalExecutor first = executor()) {
      Run<Long> run = first.run(SQUARE, new Job(4, false));
      assertThat(run.output()).isEqualTo(16L);
      assertThat(run.action("a0").cacheHit()).isFalse();
    }
    try (LocalExecutor second = executor()) {
      Run<Long> run = second.run(SQUARE, new Job(4, false));
      assertThat(run.output()).isEqualTo(16L);
      assertThat(run.action("a0").cacheHit()).isTrue();
      assertThat(Path.of(run.action("a0").attempts().get(0).outputsUri())).isRegularFile();
    }
    assertThat(CALLS.get()).isEqualTo(1);
    assertThat(tmp.resolve("cache")).isDirectory();
  }

  @Test
  void cache_ignoredInputs_doNotChangeTheKey_otherInputsDo() {
    try (LocalExecutor ferry = executor()) {
      ferry.run(SQUARE, new Job(5, false));
      assertThat(ferry.run(SQUARE, new Job(5, true)).action("a0").cacheHit()).isTrue();
      assertThat(ferry.run(SQUARE, new Job(6, false)).action("a0").cacheHit()).isFalse();
    }
    assertThat(CALLS.get()).isEqualTo(2);
  }

  @Test
  void cache_versionChange_misses_andOverwriteAndClearWork() throws Exception {
    try (LocalExecutor ferry = executor()) {
      ferry.run(SQUARE, new Job(2, false));
      Task<Job, Long> v2 = SQUARE.with(o -> o.cache(Cache.version("v2")));
      assertThat(ferry.run(v2, new Job(2, false)).action("a0").cacheHit()).isFalse();
      ferry.clearCache();
      assertThat(ferry.run(SQUARE, new Job(2, false)).action("a0").cacheHit()).isFalse();
    }
    try (LocalExecutor overwrite =
        LocalExecutor.builder().root(tmp.resolve("runs")).cacheOverwrite(true).build()) {
      assertThat(overwrite.run(SQUARE, new Job(2, false)).action("a0").cacheHit()).isFalse();
    }
    try (LocalExecutor off =
        LocalExecutor.builder().root(tmp.resolve("runs")).cache(false).build()) {
      assertThat(off.run(SQUARE, new Job(2, false)).action("a0").cacheHit()).isFalse();
    }
    assertThat(CALLS.get()).isEqualTo(5);
  }

  @Test
  void cache_serialize_runsConcurrentIdenticalCallsOnce() {
    try (LocalExecutor ferry = executor()) {
      Run<List<Long>> run = ferry.run(FAN_OUT, 4L);
      assertThat(run.output()).containsExactly(9L, 9L, 9L, 9L);
      assertThat(run.actionsOf("cached.serial")).hasSize(4);
      assertThat(run.actionsOf("cached.serial").stream().filter(Action::cacheHit).count())
          .isEqualTo(3);
    }
    assertThat(CALLS.get()).isEqualTo(1);
  }

  @Test
  void cache_hitAcrossTwoJvms() throws Exception {
    Path root = tmp.resolve("jvm-runs");
    assertThat(runInOtherJvm(root)).contains("cache-hit=false").contains("output=49");
    assertThat(runInOtherJvm(root)).contains("cache-hit=true").contains("output=49");
    try (LocalExecutor here = LocalExecutor.builder().root(root).build()) {
      Run<Long> run = here.run(CacheMain.TASK, new CacheMain.In(7));
      assertThat(run.action("a0").cacheHit()).isTrue();
    }
  }

  @Test
  void cache_serialize_runsIdenticalCallsInTwoJvmsOnce() throws Exception {
    Path root = tmp.resolve("serial-runs");
    Path calls = tmp.resolve("calls.txt");
    Process first = startOtherJvm(root, "serial", calls.toString());
    Process second = startOtherJvm(root, "serial", calls.toString());
    String a = finish(first);
    String b = finish(second);
    List<String> bodies = Files.readAllLines(calls);
    assertThat(bodies).as("task bodies run (JVM outputs:%n%s%n%s)", a, b).hasSize(1);
    long bodyStart = Long.parseLong(bodies.get(0).substring("body-start=".length()));
    // both JVMs asked for the value while the only body ran (3 s): the second one waited
    assertThat(field(a, "run-start")).isLessThan(bodyStart + 3_000);
    assertThat(field(b, "run-start")).isLessThan(bodyStart + 3_000);
    assertThat(List.of(a, b)).allMatch(out -> out.contains("output=64"));
    assertThat(List.of(a, b)).filteredOn(out -> out.contains("cache-hit=true")).hasSize(1);
  }

  private static long field(String out, String name) {
    return out.lines()
        .filter(l -> l.startsWith(name + "="))
        .map(l -> Long.parseLong(l.substring(name.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in:\n" + out));
  }

  private static String runInOtherJvm(Path root) throws Exception {
    return finish(startOtherJvm(root));
  }

  private static Process startOtherJvm(Path root, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CacheMain.class.getName(),
                root.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String finish(Process p) throws Exception {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void cacheKey_literalHash_replacesTheValue() {
    TypedInterface ti = TypedInterface.getDefaultInstance();
    LiteralMap a = LiteralMap.newBuilder().putLiterals("df", intLiteral(1, "h1")).build();
    LiteralMap b = LiteralMap.newBuilder().putLiterals("df", intLiteral(2, "h1")).build();
    LiteralMap c = LiteralMap.newBuilder().putLiterals("df", intLiteral(1, "h2")).build();
    LiteralMap d = LiteralMap.newBuilder().putLiterals("df", intLiteral(1, "")).build();
    LiteralMap e = LiteralMap.newBuilder().putLiterals("df", intLiteral(2, "")).build();

    String ka = CacheKeys.key("t", "v", ti, "", a, Set.of());
    assertThat(CacheKeys.key("t", "v", ti, "", b, Set.of())).isEqualTo(ka);
    assertThat(CacheKeys.key("t", "v", ti, "", c, Set.of())).isNotEqualTo(ka);
    assertThat(CacheKeys.key("t", "v", ti, "", d, Set.of()))
        .isNotEqualTo(CacheKeys.key("t", "v", ti, "", e, Set.of()));
    assertThat(CacheKeys.key("t", "v", ti, "salt", a, Set.of())).isNotEqualTo(ka);
    assertThat(CacheKeys.key("t", "v2", ti, "", a, Set.of())).isNotEqualTo(ka);
    assertThat(CacheKeys.key("t2", "v", ti, "", a, Set.of())).isNotEqualTo(ka);
    assertThat(CacheKeys.hashified(a, Set.of()).getLiteralsOrThrow("df"))
        .isEqualTo(Literal.newBuilder().setHash("h1").build());
  }

  @Test
  void cacheKey_hashInsideACollection_isHonoured() {
    Literal inner1 =
        Literal.newBuilder()
            .setCollection(
                dev.ferry.idl.core.LiteralCollection.newBuilder().addLiterals(intLiteral(1, "h")))
            .build();
    Literal inner2 =
        Literal.newBuilder()
            .setCollection(
                dev.ferry.idl.core.LiteralCollection.newBuilder().addLiterals(intLiteral(9, "h")))
            .build();
    TypedInterface ti = TypedInterface.getDefaultInstance();
    assertThat(
            CacheKeys.key(
                "t",
                "v",
                ti,
                "",
                LiteralMap.newBuilder().putLiterals("x", inner1).build(),
                Set.of()))
        .isEqualTo(
            CacheKeys.key(
                "t",
                "v",
                ti,
                "",
                LiteralMap.newBuilder().putLiterals("x", inner2).build(),
                Set.of()));
  }

  private static Literal intLiteral(long v, String hash) {
    return Literal.newBuilder()
        .setScalar(Scalar.newBuilder().setPrimitive(Primitive.newBuilder().setInteger(v)))
        .setHash(hash)
        .build();
  }
}
