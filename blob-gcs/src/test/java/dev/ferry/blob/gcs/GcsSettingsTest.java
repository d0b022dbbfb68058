package dev.ferry.blob.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.StorageOptions;
import dev.ferry.blob.BlobStoreConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GcsSettingsTest {

  @Test
  public void from_nothing_isTheRealServiceWithDefaultCredentials() {
    GcsSettings s = GcsSettings.from(BlobStoreConfig.of(Map.of(), Map.of()));

    assertThat(s.host()).isNull();
    assertThat(s.project()).isNull();
    assertThat(s.anonymous()).isFalse();
    assertThat(s.maxAttempts()).isEqualTo(6);
    assertThat(s.retryDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.maxRetryDelay()).isEqualTo(Duration.ofSeconds(32));
    assertThat(s.retryTotal()).isEqualTo(Duration.ofSeconds(15));
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.generationPrecondition()).isFalse();
    assertThat(s.listPageSize()).isEqualTo(1000);
  }

  @Test
  public void from_emulatorHostInTheEnvironment_isAnonymousWithAProject() {
    GcsSettings s =
        GcsSettings.from(
            BlobStoreConfig.of(Map.of(), Map.of("STORAGE_EMULATOR_HOST", "localhost:4443")));

    assertThat(s.host()).isEqualTo("http://localhost:4443");
    assertThat(s.anonymous()).isTrue();
    assertThat(s.project()).isEqualTo("ferry-emulator");
  }

  @Test
  public void from_settings_winOverTheEnvironment() {
    GcsSettings s =
        GcsSettings.from(
            BlobStoreConfig.of(
                Map.of("gs.host", "https://gcs.example.com/", "gs.project", "mine"),
                Map.of(
                    "STORAGE_EMULATOR_HOST", "localhost:4443",
                    "GOOGLE_CLOUD_PROJECT", "theirs")));

    assertThat(s.host()).isEqualTo("https://gcs.example.com");
    assertThat(s.project()).isEqualTo("mine");
  }

  @Test
  public void from_projectFromTheEnvironment() {
    GcsSettings s =
        GcsSettings.from(BlobStoreConfig.of(Map.of(), Map.of("GOOGLE_CLOUD_PROJECT", "env-proj")));

    assertThat(s.project()).isEqualTo("env-proj");
    assertThat(s.anonymous()).isFalse();
  }

  @Test
  public void from_credentialsDefaultWithAHost_usesTheCredentialChain() {
    GcsSettings s =
        GcsSettings.from(
            BlobStoreConfig.of(
                Map.of("gs.host", "http://127.0.0.1:1", "gs.credentials", "DEFAULT"), Map.of()));

    assertThat(s.anonymous()).isFalse();
  }

  @Test
  public void from_everySetting() {
    GcsSettings s =
        GcsSettings.from(
            BlobStoreConfig.of(
                Map.of(
                    "gs.max-attempts", "3",
                    "gs.retry-delay-ms", "20",
                    "gs.max-retry-delay-ms", "10",
                    "gs.write-precondition", "generation",
                    "gs.list-page-size", "50"),
                Map.of()));

    assertThat(s.maxAttempts()).isEqualTo(3);
    assertThat(s.retryDelay()).isEqualTo(Duration.ofMillis(20));
    assertThat(s.maxRetryDelay()).isEqualTo(Duration.ofMillis(20)); // never below the first
    assertThat(s.generationPrecondition()).isTrue();
    assertThat(s.listPageSize()).isEqualTo(50);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "gs.max-attempts|0|gs.max-attempts must be a whole number from 1 to 100 but was '0'",
        "gs.max-attempts|many|gs.max-attempts must be a whole number from 1 to 100 but was 'many'",
        "gs.retry-delay-ms|-1|gs.retry-delay-ms must be a whole number from 0 to 600000 but was '-1'",
        "gs.list-page-size|1001|gs.list-page-size must be a whole number from 1 to 1000 but was '1001'",
        "gs.credentials|adc|gs.credentials must be 'default' or 'none' but was 'adc'",
        "gs.write-precondition|always|gs.write-precondition must be 'none' or 'generation' but was 'always'",
      })
  public void from_badValue_namesTheSetting(String name, String value, String message) {
    BlobStoreConfig config = BlobStoreConfig.of(Map.of(name, value), Map.of());

    assertThatThrownBy(() -> GcsSettings.from(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  public void storageOptions_hostOverride_isAnonymousAndUsesTheHost() {
    GcsSettings s =
        GcsSettings.from(
            BlobStoreConfig.of(Map.of("gs.host", "127.0.0.1:9", "gs.max-attempts", "2"), Map.of()));

    StorageOptions options = GcsBlobStore.storageOptions(s);

    assertThat(options.getHost()).isEqualTo("http://127.0.0.1:9");
    assertThat(options.getProjectId()).isEqualTo("ferry-emulator");
    assertThat(options.getCredentials()).isSameAs(NoCredentials.getInstance());
    assertThat(options.getRetrySettings().getMaxAttempts()).isEqualTo(2);
  }

  @Test
  public void from_retryTotal_boundsTheConnectTimeoutToo() {
    GcsSettings s =
        GcsSettings.from(BlobStoreConfig.of(Map.of("gs.retry-total-ms", "2500"), Map.of()));

    assertThat(s.retryTotal()).isEqualTo(Duration.ofMillis(2500));
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(GcsBlobStore.storageOptions(s).getRetrySettings().getTotalTimeoutDuration())
        .isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  public void from_retryTotalZero_isRefused() {
    assertThatThrownBy(
            () -> GcsSettings.from(BlobStoreConfig.of(Map.of("gs.retry-total-ms", "0"), Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("gs.retry-total-ms must be a whole number from 1 to 2147483647 but was '0'");
  }
}
