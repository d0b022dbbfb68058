package dev.ferry.examples.snippets.readme;

import dev.ferry.executor.LocalExecutor;
import dev.ferry.executor.Run;
import dev.ferry.sdk.Cache;
import dev.ferry.sdk.MapOptions;
import dev.ferry.sdk.MapResult;
import dev.ferry.sdk.Resources;
import dev.ferry.sdk.RetryStrategy;
import dev.ferry.sdk.Secret;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import dev.ferry.sdk.Timeout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** The README's tasks example ("Tasks and local runs"), compiled and run by ReadmeTasksTest. */
final class Pipeline {
  private Pipeline() {}

  // snippet:begin readme-tasks
  record Params(long epochs, double rate) {}

  record Score(String model, double value) {} // one output o0, a STRUCT

  static final TaskEnvironment ENV =
      TaskEnvironment.builder("ml")
          .resources(Resources.builder().cpu("1", "2").memory("4Gi").build())
          .secrets(Secret.of("wandb", "api-key"))
          .cache(Cache.auto()) // version = hash of the bytecode
          .build();

  static Score train(Params p) {
    return new Score("rate " + p.rate(), p.epochs() * p.rate());
  }

  static final Task<Params, Score> TRAIN =
      ENV.task(
          "train",
          Pipeline::train,
          o ->
              o.retries(RetryStrategy.of(3).withBackoff(Duration.ofSeconds(1), 2.0))
                  .timeout(Timeout.of(Duration.ofMinutes(10))));

  static Score best(List<Params> grid) { // tasks call tasks
    MapResult<Score> r =
        TRAIN.map(grid, MapOptions.DEFAULT.withConcurrency(4).withMinSuccessRatio(0.5));
    return r.values().stream().max(Comparator.comparingDouble(Score::value)).orElseThrow();
  }

  static final Task<List<Params>, Score> BEST = ENV.task("best", Pipeline::best);

  static Score runLocally(Path root, Path secrets, List<Params> grid) {
    try (LocalExecutor ferry = LocalExecutor.builder().root(root).secretsDir(secrets).build()) {
      Run<Score> run = ferry.run(BEST, grid); // waits; ferry.start(...) does not
      run.actions(); // phases, attempts, cache hits, URIs
      return run.output(); // or ActionFailedException
    }
  }
  // snippet:end readme-tasks
}
