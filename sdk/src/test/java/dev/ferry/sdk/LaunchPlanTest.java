package dev.ferry.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchPlanTest {
  record Params(long epochs, double rate) {}

  static double train(Params p) {
    return p.epochs() * p.rate();
  }

  private final Task<Params, Double> train =
      TaskEnvironment.of("ml").task("train", LaunchPlanTest::train);

  @Test
  void fixedInput_unknown_namesItAndTheInputs() {
    assertThatThrownBy(() -> LaunchPlan.builder("nightly", train).fixedInput("epoch", 3L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "launch plan nightly: fixed input 'epoch' is not an input of ml.train, whose inputs"
                + " are [epochs, rate]");
  }

  @Test
  void input_fixedAndDefaultsAndGiven() {
    LaunchPlan<Params, Double> lp =
        LaunchPlan.builder("nightly", train)
            .fixedInput("epochs", 10L)
            .defaultInput("rate", 0.5)
            .schedule(Schedule.cron("0 3 * * *"))
            .label("team", "ml")
            .annotation("owner", "ana")
            .maxParallelism(4)
            .build();

    assertThat(lp.input(Map.of())).isEqualTo(new Params(10, 0.5));
    assertThat(lp.input(Map.of("rate", 0.1))).isEqualTo(new Params(10, 0.1));
    assertThat(lp.schedule()).contains(new Schedule.Cron("0 3 * * *"));
    assertThat(lp.labels()).containsEntry("team", "ml");
    assertThat(lp.maxParallelism()).isEqualTo(4);
    assertThatThrownBy(() -> lp.input(Map.of("epochs", 1L)))
        .hasMessage("launch plan nightly: input 'epochs' is fixed and cannot be given");
  }

  @Test
  void input_missing_namesIt() {
    LaunchPlan<Params, Double> lp = LaunchPlan.builder("p", train).fixedInput("epochs", 1L).build();
    assertThatThrownBy(() -> lp.input(Map.of()))
        .hasMessage("launch plan p: input 'rate' has no value (give it or a default)");
  }

  @Test
  void schedule_validated() {
    assertThatThrownBy(() -> Schedule.cron("every day"))
        .hasMessage(
            "cron schedule must have five fields such as \"0 3 * * *\" (or be an alias such as"
                + " \"@daily\") but was 'every day'");
    assertThat(Schedule.cron("@daily")).isInstanceOf(Schedule.Cron.class);
    assertThatThrownBy(() -> Schedule.fixedRate(Duration.ofSeconds(5)))
        .hasMessage("fixed-rate schedule must be at least one minute but was 'PT5S'");
  }
}
