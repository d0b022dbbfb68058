package dev.ferry.blob.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobStoreConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3SettingsTest {

  private static S3Settings from(Map<String, String> settings, Map<String, String> env) {
    return S3Settings.from(BlobStoreConfig.of(settings, env));
  }

  @Test
  void from_nothing_isAwsWithTheDefaultChains() {
    S3Settings s = from(Map.of(), Map.of());

    assertThat(s.endpoint()).isNull();
    assertThat(s.pathStyle()).isFalse();
    assertThat(s.region()).isNull();
    assertThat(s.accessKeyId()).isNull();
    assertThat(s.secretAccessKey()).isNull();
    assertThat(s.client()).isEqualTo(S3Settings.Client.NETTY);
    assertThat(s.maxAttempts()).isEqualTo(5);
    assertThat(s.baseDelay()).isEqualTo(Duration.ofMillis(100));
    assertThat(s.maxDelay()).isEqualTo(Duration.ofSeconds(20));
    assertThat(s.fullObjectChecksum()).isTrue();
    assertThat(s).isEqualTo(S3Settings.defaults());
  }

  @Test
  void from_flyteEnvironment_endpointPathStyleRegionAndKeys() {
    S3Settings s =
        from(
            Map.of(),
            Map.of(
                "FLYTE_AWS_ENDPOINT", "http://minio.flyte:9000",
                "FLYTE_AWS_ACCESS_KEY_ID", "minio",
                "FLYTE_AWS_SECRET_ACCESS_KEY", "miniostorage"));

    assertThat(s.endpoint()).isEqualTo(URI.create("http://minio.flyte:9000"));
    assertThat(s.pathStyle()).isTrue();
    assertThat(s.region()).isEqualTo("us-east-1");
    assertThat(s.accessKeyId()).isEqualTo("minio");
    assertThat(s.secretAccessKey()).isEqualTo("miniostorage");
  }

  @Test
  void endpoint_settingThenFlyteThenAwsNames() {
    Map<String, String> env =
        Map.of(
            "FLYTE_AWS_ENDPOINT", "http://flyte:1",
            "AWS_ENDPOINT_URL_S3", "http://aws-s3:2",
            "AWS_ENDPOINT_URL", "http://aws:3");

    assertThat(from(Map.of("s3.endpoint", "https://setting:4"), env).endpoint())
        .isEqualTo(URI.create("https://setting:4"));
    assertThat(from(Map.of(), env).endpoint()).isEqualTo(URI.create("http://flyte:1"));
    assertThat(
            from(
                    Map.of(),
                    Map.of(
                        "AWS_ENDPOINT_URL_S3",
                        "http://aws-s3:2",
                        "AWS_ENDPOINT_URL",
                        "http://aws:3"))
                .endpoint())
        .isEqualTo(URI.create("http://aws-s3:2"));
    assertThat(from(Map.of(), Map.of("AWS_ENDPOINT_URL", "http://aws:3")).endpoint())
        .isEqualTo(URI.create("http://aws:3"));
  }

  @Test
  void region_settingThenAwsRegionThenDefaultRegion() {
    Map<String, String> env = Map.of("AWS_REGION", "eu-west-1", "AWS_DEFAULT_REGION", "eu-west-2");

    assertThat(from(Map.of("s3.region", "ap-south-1"), env).region()).isEqualTo("ap-south-1");
    assertThat(from(Map.of(), env).region()).isEqualTo("eu-west-1");
    assertThat(from(Map.of(), Map.of("AWS_DEFAULT_REGION", "eu-west-2")).region())
        .isEqualTo("eu-west-2");
    assertThat(from(Map.of("s3.endpoint", "http://h:1"), env).region()).isEqualTo("eu-west-1");
  }

  @Test
  void pathStyle_explicitSettingWins() {
    assertThat(
            from(Map.of("s3.endpoint", "http://h:1", "s3.path-style", "false"), Map.of())
                .pathStyle())
        .isFalse();
    assertThat(from(Map.of("s3.path-style", "true"), Map.of()).pathStyle()).isTrue();
  }

  @Test
  void credentials_settingsWinOverFlyteNames() {
    S3Settings s =
        from(
            Map.of("s3.access-key-id", "a", "s3.secret-access-key", "b"),
            Map.of("FLYTE_AWS_ACCESS_KEY_ID", "x", "FLYTE_AWS_SECRET_ACCESS_KEY", "y"));

    assertThat(s.accessKeyId()).isEqualTo("a");
    assertThat(s.secretAccessKey()).isEqualTo("b");
  }

  @Test
  void credentials_halfAPair_rejected() {
    assertThatThrownBy(() -> from(Map.of(), Map.of("FLYTE_AWS_ACCESS_KEY_ID", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "FLYTE_AWS_ACCESS_KEY_ID (or s3.access-key-id) is set but"
                + " FLYTE_AWS_SECRET_ACCESS_KEY (or s3.secret-access-key) is not");
    assertThatThrownBy(() -> from(Map.of(), Map.of("FLYTE_AWS_SECRET_ACCESS_KEY", "y")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "FLYTE_AWS_SECRET_ACCESS_KEY (or s3.secret-access-key) is set but"
                + " FLYTE_AWS_ACCESS_KEY_ID (or s3.access-key-id) is not");
  }

  @Test
  void client_nettyOrCrt() {
    assertThat(from(Map.of("s3.client", "CRT"), Map.of()).client())
        .isEqualTo(S3Settings.Client.CRT);
    assertThat(from(Map.of("s3.client", "netty"), Map.of()).client())
        .isEqualTo(S3Settings.Client.NETTY);
    assertThatThrownBy(() -> from(Map.of("s3.client", "apache"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("s3.client must be 'netty' or 'crt' but was 'apache'");
  }

  @Test
  void retries_parsedAndChecked() {
    S3Settings s =
        from(
            Map.of(
                "s3.retry.max-attempts", "9",
                "s3.retry.base-delay-ms", "50",
                "s3.retry.max-delay-ms", "800"),
            Map.of());

    assertThat(s.maxAttempts()).isEqualTo(9);
    assertThat(s.baseDelay()).isEqualTo(Duration.ofMillis(50));
    assertThat(s.maxDelay()).isEqualTo(Duration.ofMillis(800));
    assertThatThrownBy(() -> from(Map.of("s3.retry.max-attempts", "0"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("s3.retry.max-attempts must be at least 1 but was 0");
    assertThatThrownBy(() -> from(Map.of("s3.retry.max-attempts", "many"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("s3.retry.max-attempts must be a number but was 'many'");
    assertThatThrownBy(
            () ->
                from(
                    Map.of("s3.retry.base-delay-ms", "500", "s3.retry.max-delay-ms", "100"),
                    Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("s3.retry.max-delay-ms must not be less than s3.retry.base-delay-ms");
  }

  @Test
  void badValues_rejectedNamingTheSetting() {
    assertThatThrownBy(() -> from(Map.of(), Map.of("FLYTE_AWS_ENDPOINT", "minio:9000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the S3 endpoint must be a URL like http://127.0.0.1:9000 but was 'minio:9000'");
    assertThatThrownBy(() -> from(Map.of("s3.path-style", "yes"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("s3.path-style must be 'true' or 'false' but was 'yes'");
    assertThatThrownBy(() -> from(Map.of("s3.multipart-checksum", "md5"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("s3.multipart-checksum must be 'full-object' or 'composite' but was 'md5'");
    assertThat(from(Map.of("s3.multipart-checksum", "composite"), Map.of()).fullObjectChecksum())
        .isFalse();
    assertThatThrownBy(() -> from(Map.of("s3.file-transfers", "tm"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("s3.file-transfers must be 'ferry' or 'transfer-manager' but was 'tm'");
    assertThat(from(Map.of("s3.file-transfers", "transfer-manager"), Map.of()).transferManager())
        .isTrue();
    assertThat(from(Map.of(), Map.of()).transferManager()).isFalse();
  }

  @Test
  void toString_hidesBothKeys() {
    S3Settings s = S3Settings.defaults().withCredentials("AKIDEXAMPLE", "very-secret");

    assertThat(s.toString())
        .contains("credentials=static,")
        .doesNotContain("AKIDEXAMPLE")
        .doesNotContain("very-secret");
  }

  @Test
  void partMemory_defaultIsAQuarterOfTheHeapWithinBounds() {
    long quarter = Runtime.getRuntime().maxMemory() / 4;

    assertThat(S3Settings.defaults().partMemory())
        .isEqualTo(Math.max(8L << 20, Math.min(256L << 20, quarter)));
  }

  @Test
  void from_partMemoryAndAbortTimeout() {
    S3Settings s =
        from(
            Map.of(S3Settings.PART_MEMORY_MIB, "48", S3Settings.ABORT_TIMEOUT_MS, "1500"),
            Map.of());

    assertThat(s.partMemory()).isEqualTo(48L << 20);
    assertThat(s.abortTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(s.toString()).contains("partMemory=48MiB, abortTimeout=1500ms}");
  }

  @Test
  void from_partMemoryBelowOnePart_isRefused() {
    assertThatThrownBy(() -> from(Map.of(S3Settings.PART_MEMORY_MIB, "4"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("s3.part-memory-mib must be at least 5 but was 4");
  }
}
