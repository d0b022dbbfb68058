package dev.ferry.cli.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.OffloadPolicy;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecutePodEnvironmentTest {
  private static final long MIB = 1024L * 1024L;

  @Test
  void isTemplate_acceptsThePropellerSpellings() {
    assertThat(PodEnvironment.isTemplate("{{.rawOutputDataPrefix}}")).isTrue();
    assertThat(PodEnvironment.isTemplate("{{ .RawOutputDataPrefix }}")).isTrue();
    assertThat(PodEnvironment.isTemplate("{{$prevCheckpointPrefix}}")).isTrue();
    assertThat(PodEnvironment.isTemplate("{{.Inputs.x}}")).isTrue();
    assertThat(PodEnvironment.isTemplate("s3://bucket/raw")).isFalse();
    assertThat(PodEnvironment.isTemplate("s3://b/{{.input}}/x")).isFalse();
  }

  @Test
  void previousCheckpoint_noneForQuotesEmptyAndTemplate() {
    assertThat(PodEnvironment.previousCheckpoint("\"\"")).isEmpty();
    assertThat(PodEnvironment.previousCheckpoint("")).isEmpty();
    assertThat(PodEnvironment.previousCheckpoint(null)).isEmpty();
    assertThat(PodEnvironment.previousCheckpoint("{{ .prevCheckpointPrefix }}")).isEmpty();
    assertThat(PodEnvironment.previousCheckpoint("s3://b/c/_flytecheckpoints"))
        .isEqualTo(Optional.of("s3://b/c/_flytecheckpoints"));
  }

  @Test
  void identifiers_fallBackToTheShortAliases() {
    PodEnvironment pod =
        new PodEnvironment(
            Map.of(
                "_F_NM", "exec1",
                "_F_PRJ", "p",
                "_F_DM", "d",
                "_F_WF", "wf",
                "FLYTE_INTERNAL_TASK_NAME", "long.name",
                "_F_TK_NM", "short.name",
                "_F_TK_PRJ", "tp",
                "_F_TK_DM", "td",
                "_F_TK_V", "v1"));

    assertThat(pod.executionId()).contains("exec1");
    assertThat(pod.executionProject()).contains("p");
    assertThat(pod.executionDomain()).contains("d");
    assertThat(pod.executionWorkflow()).contains("wf");
    assertThat(pod.taskName()).contains("long.name");
    assertThat(pod.taskProject()).contains("tp");
    assertThat(pod.taskDomain()).contains("td");
    assertThat(pod.taskVersion()).contains("v1");
  }

  @Test
  void attemptNumber_zeroWhenUnset_errorNamesTheVariable() {
    assertThat(new PodEnvironment(Map.of()).attemptNumber()).isZero();
    assertThat(new PodEnvironment(Map.of("FLYTE_ATTEMPT_NUMBER", "3")).attemptNumber())
        .isEqualTo(3);
    assertThatThrownBy(
            () -> new PodEnvironment(Map.of("FLYTE_ATTEMPT_NUMBER", "x")).attemptNumber())
        .hasMessageContaining("FLYTE_ATTEMPT_NUMBER")
        .hasMessageContaining("'x'");
  }

  @Test
  void offloadPolicy_offOnlyWithoutMin_atLeastSemantics() {
    OffloadPolicy off = new PodEnvironment(Map.of()).offloadPolicy();
    assertThat(off.offloads(Long.MAX_VALUE - 1)).isFalse();

    PodEnvironment pod =
        new PodEnvironment(Map.of("_F_L_MIN_SIZE_MB", "2", "_F_L_MAX_SIZE_MB", "4"));
    OffloadPolicy p = pod.offloadPolicy();
    assertThat(pod.offloading()).isTrue();
    assertThat(p.offloads(2 * MIB - 1)).isFalse();
    assertThat(p.offloads(2 * MIB)).isTrue();
    assertThat(4 * MIB - 1 > p.maxBytes()).isFalse();
    assertThat(4 * MIB > p.maxBytes()).isTrue();
  }

  @Test
  void failOnError_onlyForTrue() {
    assertThat(new PodEnvironment(Map.of("FLYTE_FAIL_ON_ERROR", "true")).failOnError()).isTrue();
    assertThat(new PodEnvironment(Map.of("FLYTE_FAIL_ON_ERROR", "TRUE")).failOnError()).isTrue();
    assertThat(new PodEnvironment(Map.of("FLYTE_FAIL_ON_ERROR", "1")).failOnError()).isFalse();
    assertThat(new PodEnvironment(Map.of()).failOnError()).isFalse();
  }
}
