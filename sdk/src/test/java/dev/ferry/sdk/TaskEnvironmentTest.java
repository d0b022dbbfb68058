package dev.ferry.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TaskEnvironmentTest {
  @Test
  void resources_badMemory_namesFieldAndValue() {
    assertThatThrownBy(() -> Resources.builder().memory("4 gigs"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("memory must be a quantity such as \"4Gi\" but was '4 gigs'");
  }

  @Test
  void resources_badCpuLimit_namesFieldAndValue() {
    assertThatThrownBy(() -> Resources.builder().cpu("500m", "two"))
        .hasMessage("cpu limit must be a quantity such as \"2\" but was 'two'");
  }

  @Test
  void resources_requestLimitGpuDiskAndAutoSharedMemory() {
    Resources r =
        Resources.builder()
            .cpu("500m", "2")
            .memory("4Gi")
            .gpu(Device.of("A100", 1).withPartition("1g.5gb"))
            .disk("10Gi")
            .sharedMemory("auto")
            .build();

    assertThat(r.cpu()).contains(new Resources.Range("500m", "2"));
    assertThat(r.memory()).contains(new Resources.Range("4Gi", "4Gi"));
    assertThat(r.gpu().orElseThrow().partition()).contains("1g.5gb");
    assertThat(r.gpu().orElseThrow().type()).isEqualTo("A100");
    assertThat(r.disk()).contains("10Gi");
    assertThat(r.sharedMemory()).contains("auto");
  }

  @Test
  void device_zeroQuantity_rejected() {
    assertThatThrownBy(() -> Device.of("T4", 0))
        .hasMessage("device quantity must be at least 1 but was '0'");
  }

  @Test
  void sharedMemory_badValue_rejected() {
    assertThatThrownBy(() -> Resources.builder().sharedMemory("lots"))
        .hasMessage("shared memory must be a quantity such as \"2Gi\" but was 'lots'");
  }

  @Test
  void image_withSpaces_rejected() {
    assertThatThrownBy(() -> TaskEnvironment.builder("e").image("my image"))
        .hasMessage(
            "image must be a reference such as \"ghcr.io/acme/train:1.4\" but was 'my image'");
  }

  @Test
  void name_invalid_rejected() {
    assertThatThrownBy(() -> TaskEnvironment.of("9lives"))
        .hasMessageContaining("environment name must start with a letter or '_'")
        .hasMessageEndingWith("but was '9lives'");
  }

  @Test
  void cloneWith_changesOnlyWhatIsSet() {
    TaskEnvironment base =
        TaskEnvironment.builder("train")
            .image("ghcr.io/acme/train:1")
            .env("MODE", "fast")
            .secrets(Secret.of("db", "password"))
            .cache(Cache.auto())
            .reuse(new ReusePolicy(2, Duration.ofMinutes(5)))
            .pluginConfig("spark.executors", "4")
            .build();
    TaskEnvironment gpu =
        base.cloneWith(
            "train_gpu", b -> b.resources(Resources.builder().gpu(Device.of("T4", 1)).build()));

    assertThat(gpu.name()).isEqualTo("train_gpu");
    assertThat(gpu.image()).isEqualTo("ghcr.io/acme/train:1");
    assertThat(gpu.env()).containsEntry("MODE", "fast");
    assertThat(gpu.secrets()).containsExactly(Secret.of("db", "password"));
    assertThat(gpu.cache()).isEqualTo(Cache.auto());
    assertThat(gpu.reuse()).contains(new ReusePolicy(2, Duration.ofMinutes(5)));
    assertThat(gpu.pluginConfig()).containsEntry("spark.executors", "4");
    assertThat(gpu.resources().gpu()).contains(Device.of("T4", 1));
    assertThat(base.resources().gpu()).isEmpty();
  }

  @Test
  void dependsOn_self_rejected() {
    TaskEnvironment other = TaskEnvironment.of("a");
    assertThatThrownBy(() -> TaskEnvironment.builder("a").dependsOn(other))
        .hasMessage("environment a cannot depend on itself");
    assertThat(TaskEnvironment.builder("b").dependsOn(other).build().dependencies())
        .containsExactly(other);
  }

  @Test
  void secret_defaultEnvVarAndName() {
    Secret s = Secret.of("github", "api-token");
    assertThat(s.envVar()).isEqualTo("_FSEC_GITHUB_API_TOKEN");
    assertThat(s.name()).isEqualTo("github/api-token");
    assertThat(s.asEnvVar("TOKEN").envVar()).isEqualTo("TOKEN");
    assertThat(s.asFile().mount()).isEqualTo(Secret.Mount.FILE);
    assertThatThrownBy(() -> Secret.of("a b"))
        .hasMessage("secret key must be letters, digits, '_', '.' or '-' but was 'a b'");
  }

  @Test
  void retryStrategy_backoffGrowsAndIsCapped() {
    RetryStrategy r =
        RetryStrategy.of(5)
            .withBackoff(Duration.ofMillis(100), 2.0)
            .withMaxBackoff(Duration.ofMillis(300));
    assertThat(r.delay(0)).isEqualTo(Duration.ofMillis(100));
    assertThat(r.delay(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(r.delay(2)).isEqualTo(Duration.ofMillis(300));
    assertThatThrownBy(() -> RetryStrategy.of(-1))
        .hasMessage("retries must be at least 0 but was '-1'");
    assertThatThrownBy(() -> RetryStrategy.of(1).withBackoff(Duration.ZERO, 0.5))
        .hasMessage("backoff factor must be at least 1.0 but was '0.5'");
  }

  @Test
  void timeout_nonPositive_rejected() {
    assertThatThrownBy(() -> Timeout.of(Duration.ZERO))
        .hasMessage("max runtime must be positive but was 'PT0S'");
  }

  @Test
  void cache_settings() {
    Cache c = Cache.version("v2").ignoring("verbose", "debug").salted("s").serialized();
    assertThat(c.behavior()).isEqualTo(Cache.Behavior.OVERRIDE);
    assertThat(c.version()).contains("v2");
    assertThat(c.ignoredInputs()).containsExactlyInAnyOrder("debug", "verbose");
    assertThat(c.salt()).isEqualTo("s");
    assertThat(c.serialize()).isTrue();
    assertThat(Cache.disabled().enabled()).isFalse();
    assertThatThrownBy(() -> Cache.version(" "))
        .hasMessage("cache version must not be blank but was ' '");
  }
}
