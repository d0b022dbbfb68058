package dev.ferry.examples;

import dev.ferry.dataframe.StructuredDataset;
import dev.ferry.engine.TypeRef;
import dev.ferry.executor.Action;
import dev.ferry.executor.LocalExecutor;
import dev.ferry.executor.Run;
import dev.ferry.sdk.Cache;
import dev.ferry.sdk.RecoverableException;
import dev.ferry.sdk.RetryStrategy;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskContext;
import dev.ferry.sdk.TaskEnvironment;
import dev.ferry.transformers.blob.FlyteFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The README's main job: a small training pipeline run on the embedded executor.
 *
 * <ol>
 *   <li>{@code generate} writes a seeded {@link StructuredDataset} of samples {@code y = 3x + 1 +
 *       noise} (Parquet under the action's raw prefix);
 *   <li>{@code train} is mapped over four learning rates; each fits a line by gradient descent on
 *       the dataset and returns its {@link Score} (a record: one output {@code o0}, a STRUCT). The
 *       {@code flaky} configuration fails its first attempt with a recoverable error and succeeds
 *       on the retry (keyed on the attempt number, so it is deterministic);
 *   <li>{@code best} picks the lowest loss; {@code report} writes a Markdown table as a {@link
 *       FlyteFile}.
 * </ol>
 *
 * Every task is cached ({@link Cache#auto()}: the version is a hash of this class's bytecode), so
 * running the same command again serves every action from the cache. Runs go under {@code
 * ~/.ferry/runs} (the cache beside them) unless a root directory is given as the first argument.
 */
public final class Pipeline {
  /** What to generate: number of rows and the noise seed. */
  public record Spec(long rows, long seed) {}

  /** One row of the dataset. */
  public record Sample(double x, double y) {}

  /** One training configuration. */
  public record Config(String model, double rate, long epochs, StructuredDataset data) {}

  /** A trained model: its parameters and mean squared error. */
  public record Score(String model, double rate, double slope, double intercept, double loss) {}

  /** What {@code report} gets. */
  public record Scores(List<Score> all, Score best) {}

  /** The pipeline's result: the best model, the report and how many rows it trained on. */
  public record Result(Score best, FlyteFile report, long rows) {}

  static final TaskEnvironment ENV =
      TaskEnvironment.builder("examples").cache(Cache.auto()).build();

  /** Writes {@code spec.rows()} samples of {@code y = 3x + 1 + noise} as a dataset. */
  static StructuredDataset generate(Spec spec) {
    Random random = new Random(spec.seed());
    List<Sample> rows = new ArrayList<>((int) spec.rows());
    for (long i = 0; i < spec.rows(); i++) {
      double x = random.nextDouble() * 2 - 1;
      rows.add(new Sample(x, 3 * x + 1 + random.nextGaussian() * 0.1));
    }
    return StructuredDataset.of(rows, Sample.class);
  }

  static final Task<Spec, StructuredDataset> GENERATE = ENV.task("generate", Pipeline::generate);

  /** Fits {@code y = slope x + intercept} by batch gradient descent. */
  static Score train(Config config) throws IOException {
    if (config.model().equals("flaky") && TaskContext.current().attempt() == 0) {
      throw new RecoverableException(
          "flaky: simulated preemption on attempt 0 (the retry succeeds)");
    }
    List<Sample> rows = config.data().open(Sample.class).all();
    double slope = 0;
    double intercept = 0;
    for (long epoch = 0; epoch < config.epochs(); epoch++) {
      double gs = 0;
      double gi = 0;
      for (Sample s : rows) {
        double err = slope * s.x() + intercept - s.y();
        gs += err * s.x();
        gi += err;
      }
      slope -= config.rate() * 2 * gs / rows.size();
      intercept -= config.rate() * 2 * gi / rows.size();
    }
    double loss = 0;
    for (Sample s : rows) {
      double err = slope * s.x() + intercept - s.y();
      loss += err * err;
    }
    TaskContext.current()
        .appendReport(
            String.format(Locale.ROOT, "<p>%s: loss %.5f</p>", config.model(), loss / rows.size()));
    return new Score(config.model(), config.rate(), slope, intercept, loss / rows.size());
  }

  static final Task<Config, Score> TRAIN =
      ENV.task(
          "train",
          Pipeline::train,
          o -> o.retries(RetryStrategy.of(2).withBackoff(Duration.ofMillis(100), 2.0)));

  /** Returns the score with the lowest loss. */
  static Score best(List<Score> scores) {
    return scores.stream().min(Comparator.comparingDouble(Score::loss)).orElseThrow();
  }

  static final Task<List<Score>, Score> BEST =
      ENV.task("best", new TypeRef<List<Score>>() {}, TypeRef.of(Score.class), Pipeline::best);

  /** Writes the scores as a Markdown table. */
  static FlyteFile report(Scores scores) throws IOException {
    StringBuilder md = new StringBuilder("| model | rate | slope | intercept | loss |\n");
    md.append("|---|---|---|---|---|\n");
    for (Score s : scores.all()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.4f | %.4f | %.6f |%n",
              s.model(),
              s.rate(),
              s.slope(),
              s.intercept(),
              s.loss()));
    }
    md.append("\nbest: ").append(scores.best().model()).append('\n');
    // the uploaded file keeps its name: {raw prefix}/{32 hex digits}/scores.md
    Path dir = Files.createTempDirectory("ferry-report");
    dir.toFile().deleteOnExit(); // deleted after the file, registered before it
    Path local = dir.resolve("scores.md");
    Files.writeString(local, md.toString());
    local.toFile().deleteOnExit();
    return FlyteFile.of(local).withFormat("md");
  }

  static final Task<Scores, FlyteFile> REPORT = ENV.task("report", Pipeline::report);

  /** The workflow: generate, train four models (one retried), pick the best, write the report. */
  static Result pipeline(Spec spec) {
    StructuredDataset data = GENERATE.call(spec);
    List<Config> grid =
        List.of(
            new Config("slow", 0.01, 200, data),
            new Config("flaky", 0.1, 200, data),
            new Config("fast", 0.5, 200, data),
            new Config("short", 0.1, 5, data));
    List<Score> scores = new ArrayList<>(TRAIN.map(grid));
    Score best = BEST.call(scores);
    FlyteFile report = REPORT.call(new Scores(scores, best));
    return new Result(best, report, spec.rows());
  }

  static final Task<Spec, Result> PIPELINE = ENV.task("pipeline", Pipeline::pipeline);

  /** The input of the main job. */
  static final Spec SPEC = new Spec(2_000, 42);

  private Pipeline() {}

  /** Runs the pipeline once on {@code ferry} and prints what it did to {@code out}. */
  public static Run<Result> runOnce(LocalExecutor ferry, PrintStream out) throws IOException {
    Run<Result> run = ferry.run(PIPELINE, SPEC);
    out.println("run " + run.name() + ": " + run.phase());
    int cached = 0;
    for (Action a : run.actions()) {
      cached += a.cacheHit() ? 1 : 0;
      out.printf(
          Locale.ROOT,
          "  %-4s %-20s %-9s %d attempt(s)%s%n",
          a.name(),
          a.taskName(),
          a.phase(),
          a.attempts().size(),
          a.cacheHit() ? ", from cache" : ", ran");
    }
    Result result = run.output();
    Score best = result.best();
    out.printf(
        Locale.ROOT,
        "best model %s (rate %s): y = %.4f x + %.4f, loss %.6f on %d rows%n",
        best.model(),
        best.rate(),
        best.slope(),
        best.intercept(),
        best.loss(),
        result.rows());
    out.println("report file " + result.report().uri());
    try (InputStream in = result.report().open()) {
      out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8).indent(2));
    }
    out.println("run directory " + run.directory());
    out.println("run report " + run.report().map(Object::toString).orElse("(not written)"));
    out.println(cached + " of " + run.actions().size() + " actions from cache");
    return run;
  }

  /** Runs the main job; the optional argument is the runs' root directory. */
  public static void main(String[] args) throws IOException {
    LocalExecutor.Builder builder = LocalExecutor.builder();
    if (args.length > 0) {
      builder.root(Path.of(args[0]).toAbsolutePath());
    }
    try (LocalExecutor ferry = builder.build()) {
      runOnce(ferry, System.out);
    }
  }
}
