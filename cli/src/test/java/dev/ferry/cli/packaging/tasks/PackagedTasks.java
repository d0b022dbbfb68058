package dev.ferry.cli.packaging.tasks;

import dev.ferry.schema.NamedOutputs;
import dev.ferry.sdk.Cache;
import dev.ferry.sdk.Device;
import dev.ferry.sdk.LaunchPlan;
import dev.ferry.sdk.Resources;
import dev.ferry.sdk.Schedule;
import dev.ferry.sdk.Secret;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import dev.ferry.sdk.Timeout;
import java.time.Duration;

/**
 * The tasks and launch plans {@code PackageCommandTest} packages (its own package, scanned alone).
 */
public final class PackagedTasks {
  private PackagedTasks() {}

  /** Inputs of {@code train}. */
  public record Params(long epochs, double rate) {}

  /** Outputs of {@code train}. */
  public record Scores(double loss, long steps) implements NamedOutputs {}

  public static final TaskEnvironment ENV =
      TaskEnvironment.builder("pkg")
          .resources(Resources.builder().cpu("500m", "2").memory("1Gi").build())
          .env("MODE", "cluster")
          .build();

  /** Resources, GPU, secrets, cache, retries, timeout, interruptible, env. */
  public static final Task<Params, Scores> TRAIN =
      ENV.task(
          "train",
          p -> new Scores(p.rate() * p.epochs(), p.epochs()),
          o ->
              o.resources(
                      Resources.builder()
                          .cpu("4")
                          .memory("8Gi", "16Gi")
                          .gpu(Device.of("nvidia-tesla-a100", 2).withPartition("1g.5gb"))
                          .disk("20Gi")
                          .sharedMemory("auto")
                          .build())
                  .secrets(
                      Secret.of("wandb", "api-key"),
                      Secret.of("db", "password").asEnvVar("DB_PASSWORD"),
                      Secret.of("tls-cert").asFile())
                  .cache(Cache.version("v2").ignoring("rate").serialized())
                  .retries(3)
                  .timeout(Timeout.of(Duration.ofMinutes(90)))
                  .interruptible(true)
                  .env("EXTRA", "1"));

  /** The environment's defaults only; one non-record input; no cache. */
  public static final Task<String, String> ECHO = ENV.task("echo", PackagedTasks::echo);

  static String echo(String text) {
    return text;
  }

  /** A fixed input, a default, a cron schedule, labels, annotations, parallelism. */
  public static final LaunchPlan<Params, Scores> NIGHTLY =
      LaunchPlan.builder("nightly", TRAIN)
          .fixedInput("epochs", 10L)
          .defaultInput("rate", 0.5)
          .schedule(Schedule.cron("0 3 * * *"))
          .label("team", "ml")
          .annotation("owner", "ana")
          .maxParallelism(4)
          .build();

  /** A fixed-rate schedule over a task with one input. */
  public static final LaunchPlan<String, String> HOURLY_ECHO =
      LaunchPlan.builder("hourly_echo", ECHO)
          .fixedInput("text", "hi")
          .schedule(Schedule.fixedRate(Duration.ofHours(2)))
          .build();
}
