package dev.ferry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.examples.Pipeline.Result;
import dev.ferry.executor.Action;
import dev.ferry.executor.LocalExecutor;
import dev.ferry.executor.Phase;
import dev.ferry.executor.Run;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
  @TempDir Path root;

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void mainJob_secondRunAllFromCache_sameOutputs() throws Exception {
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    Run<Result> run1;
    Run<Result> run2;
    try (LocalExecutor ferry = LocalExecutor.builder().root(root.resolve("runs")).build()) {
      run1 = Pipeline.runOnce(ferry, new PrintStream(first, true, StandardCharsets.UTF_8));
    }
    // a second executor, as a second `exec:java` would make: the cache is on disk beside the runs
    try (LocalExecutor ferry = LocalExecutor.builder().root(root.resolve("runs")).build()) {
      run2 = Pipeline.runOnce(ferry, new PrintStream(second, true, StandardCharsets.UTF_8));
    }

    // first run: root, generate, 4 x train, best, report; nothing from the cache; flaky retried
    assertThat(run1.phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(run1.actions()).hasSize(8).noneMatch(Action::cacheHit);
    assertThat(run1.actions()).allMatch(a -> a.phase() == Phase.SUCCEEDED);
    List<Action> trains = run1.actionsOf("examples.train");
    assertThat(trains).hasSize(4);
    assertThat(trains).filteredOn(a -> a.attempts().size() == 2).hasSize(1);
    Action flaky = trains.stream().filter(a -> a.attempts().size() == 2).findFirst().orElseThrow();
    assertThat(flaky.attempts().get(0).phase()).isEqualTo(Phase.FAILED);
    assertThat(flaky.attempts().get(0).error().orElseThrow().getMessage())
        .contains("flaky: simulated preemption on attempt 0 (the retry succeeds)");
    assertThat(flaky.attempts().get(1).phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(text(first)).contains("0 of 8 actions from cache");

    Result r1 = run1.output();
    assertThat(r1.best().model()).isEqualTo("fast");
    assertThat(r1.best().slope()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.05));
    assertThat(r1.best().intercept()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.05));
    assertThat(r1.rows()).isEqualTo(2_000);
    String report;
    try (InputStream in = r1.report().open()) {
      report = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(report)
        .startsWith("| model | rate | slope | intercept | loss |")
        .contains("| flaky | 0.1 |")
        .endsWith("best: fast\n");
    assertThat(r1.report().uri().toString())
        .startsWith(run1.directory().toString())
        .endsWith("/scores.md");
    assertThat(Path.of(run1.report().orElseThrow())).isRegularFile();

    // second run: every action from the cache, the same outputs (literals and values)
    assertThat(run2.name()).isNotEqualTo(run1.name());
    assertThat(run2.phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(run2.actions()).isNotEmpty().allMatch(Action::cacheHit);
    int n = run2.actions().size();
    assertThat(text(second))
        .contains(n + " of " + n + " actions from cache")
        .contains("from cache")
        .doesNotContain(", ran");
    assertThat(run2.outputs()).isEqualTo(run1.outputs());
    assertThat(run2.output()).isEqualTo(r1);
    assertThat(Files.isDirectory(Path.of(run2.directory()))).isTrue();
  }
}
