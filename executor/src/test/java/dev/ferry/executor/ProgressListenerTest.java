package dev.ferry.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import dev.ferry.transformers.blob.FlyteFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor tells a {@link ProgressListener} of every action it starts and finishes. */
class ProgressListenerTest {
  static long twice(long x) {
    return 2 * x;
  }

  static long both(long x) {
    return TWICE.call(x) + TWICE.call(x + 1);
  }

  static FlyteFile write(long bytes) throws java.io.IOException {
    Path f = java.nio.file.Files.createTempFile("ferry-progress-", ".bin");
    java.nio.file.Files.write(f, new byte[(int) bytes]);
    return FlyteFile.of(f);
  }

  static final TaskEnvironment ENV = TaskEnvironment.of("prog");
  static final Task<Long, Long> TWICE = ENV.task("twice", ProgressListenerTest::twice);
  static final Task<Long, FlyteFile> WRITE = ENV.task("write", ProgressListenerTest::write);
  static final Task<Long, Long> BOTH = ENV.task("both", ProgressListenerTest::both);

  static String mapFour(long x) {
    dev.ferry.sdk.MapResult<Long> r =
        TWICE.map(
            List.of(x, x + 1, x + 2, x + 3),
            dev.ferry.sdk.MapOptions.DEFAULT.withConcurrency(2).withMinSuccessRatio(0));
    StringBuilder sb = new StringBuilder();
    for (dev.ferry.sdk.MapResult.Element<Long> e : r.elements()) {
      sb.append(e.succeeded() ? String.valueOf(e.value()) : "failed").append(' ');
    }
    return sb.toString().trim();
  }

  static final Task<Long, String> MAP_FOUR = ENV.task("map_four", ProgressListenerTest::mapFour);

  @TempDir Path tmp;

  @Test
  void listener_hearsEachActionStartAndFinish() {
    List<String> started = Collections.synchronizedList(new ArrayList<>());
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void started(Run<?> run, Action action) {
            started.add(action.taskName());
          }

          @Override
          public void finished(Run<?> run, Action action, String line) {
            assertThat(action.phase().isTerminal()).isTrue();
            lines.add(line);
          }
        };
    try (LocalExecutor ferry =
        LocalExecutor.builder().root(tmp).cache(false).progress(false).listener(listener).build()) {
      Run<Long> run = ferry.run(BOTH, 5L);

      assertThat(run.output()).isEqualTo(22L);
    }
    assertThat(started).containsExactly("prog.both", "prog.twice", "prog.twice");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(2)).contains("prog.both").contains("SUCCEEDED");
    assertThat(lines.subList(0, 2)).allSatisfy(l -> assertThat(l).contains("prog.twice"));
  }

  @Test
  @org.junit.jupiter.api.Timeout(60) // before the fix the lane died and the map waited forever
  void listenerFailingToStartAMapElement_failsThatElementOnly() {
    java.util.concurrent.atomic.AtomicInteger starts =
        new java.util.concurrent.atomic.AtomicInteger();
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void started(Run<?> run, Action action) {
            if (action.taskName().equals("prog.twice") && starts.incrementAndGet() == 2) {
              throw new IllegalStateException("listener broke");
            }
          }

          @Override
          public void finished(Run<?> run, Action action, String line) {}
        };
    try (LocalExecutor ferry =
        LocalExecutor.builder().root(tmp).cache(false).progress(false).listener(listener).build()) {
      Run<String> run = ferry.run(MAP_FOUR, 1L);

      assertThat(run.output()).isEqualTo("2 failed 6 8");
    }
  }

  @Test
  void listener_hearsTheBytesOfAnUploadedOutputFile() {
    List<String> actions = Collections.synchronizedList(new ArrayList<>());
    List<Transfer> transfers = Collections.synchronizedList(new ArrayList<>());
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void finished(Run<?> run, Action action, String line) {}

          @Override
          public void transferred(Run<?> run, Action action, Transfer transfer) {
            actions.add(action.name() + " " + action.taskName());
            transfers.add(transfer);
          }
        };
    long size = 3L << 20;
    FlyteFile out;
    try (LocalExecutor ferry =
        LocalExecutor.builder().root(tmp).cache(false).progress(false).listener(listener).build()) {
      out = ferry.run(WRITE, size).output();
    }
    List<Transfer> ofOutput = transfers.stream().filter(t -> t.uri().equals(out.uri())).toList();
    assertThat(ofOutput).isNotEmpty();
    assertThat(ofOutput)
        .allSatisfy(t -> assertThat(t.direction()).isEqualTo(Transfer.Direction.UPLOAD));
    assertThat(ofOutput.get(0).bytesDone()).isZero();
    assertThat(ofOutput.get(0).totalBytes()).isEqualTo(size);
    Transfer last = ofOutput.get(ofOutput.size() - 1);
    assertThat(last.done()).isTrue();
    assertThat(last.bytesDone()).isEqualTo(size);
    assertThat(ofOutput.stream().mapToLong(Transfer::bytesDone)).isSorted();
    assertThat(actions).allSatisfy(a -> assertThat(a).isEqualTo("a0 prog.write"));
  }
}
