package dev.ferry.cli.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.cli.CliException;
import dev.ferry.cli.image.TaskImageBuilder;
import dev.ferry.cli.packaging.tasks.PackagedTasks;
import dev.ferry.engine.TypeEngine;
import dev.ferry.idl.admin.FixedRateUnit;
import dev.ferry.idl.admin.Schedule;
import dev.ferry.idl.core.WorkflowTemplate;
import dev.ferry.sdk.LaunchPlan;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LaunchPlansTest {
  private static final TypeEngine ENGINE = TypeEngine.createDefault();

  private static WorkflowTemplate trainWorkflow() {
    TaskTemplates templates =
        new TaskTemplates(
            ENGINE,
            EntityIds.placeholders().withVersion("v1"),
            "ghcr.io/acme/tasks:1",
            TaskImageBuilder.LAUNCHER,
            "dev");
    return WrapperWorkflows.workflow(templates.template(PackagedTasks.TRAIN, "x.Y#TRAIN"))
        .getTemplate();
  }

  @Test
  void launchPlan_scheduleWithoutValues_namesTheInputs() {
    LaunchPlan<PackagedTasks.Params, PackagedTasks.Scores> plan =
        LaunchPlan.builder("bad", PackagedTasks.TRAIN)
            .schedule(dev.ferry.sdk.Schedule.cron("@daily"))
            .build();

    assertThatThrownBy(() -> new LaunchPlans(ENGINE).launchPlan(plan, trainWorkflow()))
        .isInstanceOf(CliException.class)
        .hasMessage(
            "launch plan bad has a schedule but inputs [epochs, rate] have no value: give them a"
                + " fixed or default input");
  }

  @Test
  void launchPlan_valueOfTheWrongType_namesPlanInputAndType() {
    LaunchPlan<PackagedTasks.Params, PackagedTasks.Scores> plan =
        LaunchPlan.builder("bad", PackagedTasks.TRAIN).fixedInput("epochs", "ten").build();

    assertThatThrownBy(() -> new LaunchPlans(ENGINE).launchPlan(plan, trainWorkflow()))
        .isInstanceOf(CliException.class)
        .hasMessage(
            "launch plan bad: fixed input 'epochs' expects long but was java.lang.String 'ten'");
  }

  @Test
  void schedule_fixedRatesInTheLargestWholeUnit() {
    assertThat(rate(Duration.ofDays(3))).isEqualTo("3 DAY");
    assertThat(rate(Duration.ofHours(36))).isEqualTo("36 HOUR");
    assertThat(rate(Duration.ofMinutes(30))).isEqualTo("30 MINUTE");
    assertThatThrownBy(() -> rate(Duration.ofSeconds(90)))
        .isInstanceOf(CliException.class)
        .hasMessage(
            "launch plan p: a fixed-rate schedule must be whole minutes, hours or days but was"
                + " 'PT1M30S'");
    assertThat(
            LaunchPlans.schedule("p", dev.ferry.sdk.Schedule.cron(" 0 3 * * * "))
                .getCronSchedule()
                .getSchedule())
        .isEqualTo("0 3 * * *");
  }

  private static String rate(Duration every) {
    Schedule s = LaunchPlans.schedule("p", dev.ferry.sdk.Schedule.fixedRate(every));
    FixedRateUnit unit = s.getRate().getUnit();
    return s.getRate().getValue() + " " + unit;
  }
}
