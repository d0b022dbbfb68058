package dev.ferry.blob.s3;

import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.WriteOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How the {@code s3} store reaches S3, read from a {@link BlobStoreConfig}: setting first, then the
 * environment.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>environment</th><th>default</th></tr>
 *   <tr><td>{@code s3.endpoint}</td><td>{@code FLYTE_AWS_ENDPOINT}, {@code
 *       AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL}</td><td>AWS</td></tr>
 *   <tr><td>{@code s3.path-style}</td><td></td><td>true when the endpoint is overridden</td></tr>
 *   <tr><td>{@code s3.region}</td><td>{@code AWS_REGION}, {@code AWS_DEFAULT_REGION}</td>
 *       <td>{@code us-east-1} when the endpoint is overridden, else the SDK's region chain</td></tr>
 *   <tr><td>{@code s3.access-key-id}, {@code s3.secret-access-key}</td><td>{@code
 *       FLYTE_AWS_ACCESS_KEY_ID}, {@code FLYTE_AWS_SECRET_ACCESS_KEY}</td>
 *       <td>the SDK's default credentials provider chain</td></tr>
 *   <tr><td>{@code s3.client}</td><td></td><td>{@code netty}; {@code crt} for the AWS CRT
 *       client (needs {@code software.amazon.awssdk.crt:aws-crt})</td></tr>
 *   <tr><td>{@code s3.retry.max-attempts}</td><td></td><td>5</td></tr>
 *   <tr><td>{@code s3.retry.base-delay-ms}, {@code s3.retry.max-delay-ms}</td><td></td>
 *       <td>100, 20000: exponential backoff with full jitter</td></tr>
 *   <tr><td>{@code s3.max-connections}</td><td></td><td>64</td></tr>
 *   <tr><td>{@code s3.multipart-checksum}</td><td></td><td>{@code full-object}: multipart
 *       objects carry a whole-object CRC32C; {@code composite} for servers without it</td></tr>
 *   <tr><td>{@code s3.part-memory-mib}</td><td></td><td>a quarter of the heap ({@code -Xmx}),
 *       at least 8 and at most 256: the memory all part buffers of the store's streaming writes
 *       share, whatever the number of writes at once</td></tr>
 *   <tr><td>{@code s3.abort-timeout-ms}</td><td></td><td>30000: how long aborting a failed
 *       multipart upload may wait for its parts in flight and for S3's answer</td></tr>
 * </table>
 *
 * <p>The part memory is a budget, not a pre-allocation: a streaming write reserves a part's size
 * from it before it buffers the part, and gives it back once the part is uploaded; a write that
 * finds the budget in use waits for other parts (at most 10 minutes plus a second per MiB of the
 * part). A part larger than the whole budget fails the write with a clear error naming this
 * setting, and a budget larger than half the heap is refused when the store is made, rather than
 * running out of memory later.
 *
 * @param endpoint the endpoint override, or null for AWS
 * @param pathStyle true for {@code http://host/bucket/key} addressing
 * @param region the region, or null for the SDK's region chain
 * @param accessKeyId a static access key, or null for the default credentials chain
 * @param secretAccessKey its secret, set exactly when {@code accessKeyId} is
 * @param client the HTTP client
 * @param maxAttempts attempts per request, retries included (1 disables retries)
 * @param baseDelay the backoff's base delay
 * @param maxDelay the backoff's largest delay
 * @param maxConnections the connection pool's size
 * @param fullObjectChecksum true to give multipart uploads a whole-object CRC32C
 * @param transferManager true to run whole-file uploads and downloads (also those of directory
 *     transfers) through the SDK's {@code S3TransferManager} instead of the store's own parts
 * @param partMemory the bytes all part buffers of the store's streaming writes may hold at once
 * @param abortTimeout how long an abort may wait for the parts in flight and for S3's answer
 */
public record S3Settings(
    @Nullable URI endpoint,
    boolean pathStyle,
    @Nullable String region,
    @Nullable String accessKeyId,
    @Nullable String secretAccessKey,
    Client client,
    int maxAttempts,
    Duration baseDelay,
    Duration maxDelay,
    int maxConnections,
    boolean fullObjectChecksum,
    boolean transferManager,
    long partMemory,
    Duration abortTimeout) {

  /** The endpoint override setting. */
  public static final String ENDPOINT = "s3.endpoint";

  /** The path-style addressing setting ({@code true} or {@code false}). */
  public static final String PATH_STYLE = "s3.path-style";

  /** The region setting. */
  public static final String REGION = "s3.region";

  /** The static access key setting. */
  public static final String ACCESS_KEY_ID = "s3.access-key-id";

  /** The static secret key setting. */
  public static final String SECRET_ACCESS_KEY = "s3.secret-access-key";

  /** The HTTP client setting: {@code netty} or {@code crt}. */
  public static final String CLIENT = "s3.client";

  /** The attempts-per-request setting. */
  public static final String MAX_ATTEMPTS = "s3.retry.max-attempts";

  /** The backoff base delay setting, in milliseconds. */
  public static final String BASE_DELAY_MS = "s3.retry.base-delay-ms";

  /** The backoff largest delay setting, in milliseconds. */
  public static final String MAX_DELAY_MS = "s3.retry.max-delay-ms";

  /** The connection pool size setting. */
  public static final String MAX_CONNECTIONS = "s3.max-connections";

  /** The multipart checksum setting: {@code full-object} or {@code composite}. */
  public static final String MULTIPART_CHECKSUM = "s3.multipart-checksum";

  /**
   * The whole-file transfer engine setting: {@code ferry} (the store's own parts, the default) or
   * {@code transfer-manager} (the SDK's {@code S3TransferManager}).
   */
  public static final String FILE_TRANSFERS = "s3.file-transfers";

  /** The part memory setting, in MiB. */
  public static final String PART_MEMORY_MIB = "s3.part-memory-mib";

  /** The abort wait setting, in milliseconds. */
  public static final String ABORT_TIMEOUT_MS = "s3.abort-timeout-ms";

  /** The default abort wait. */
  public static final Duration DEFAULT_ABORT_TIMEOUT = Duration.ofSeconds(30);

  /** The least part memory: one part of the default size. */
  public static final long MIN_PART_MEMORY = 8L * 1024 * 1024;

  /** The most part memory by default. */
  public static final long MAX_DEFAULT_PART_MEMORY = 256L * 1024 * 1024;

  /** The default attempts per request. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /** The default backoff base delay. */
  public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(100);

  /** The default backoff largest delay. */
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(20);

  /** The default connection pool size. */
  public static final int DEFAULT_MAX_CONNECTIONS = 64;

  /** The region used with an overridden endpoint when none is configured. */
  public static final String DEFAULT_ENDPOINT_REGION = "us-east-1";

  /** The HTTP client the store runs on. */
  public enum Client {
    /** The SDK's Netty async client. */
    NETTY,
    /** The AWS CRT based S3 client. */
    CRT
  }

  /** Checks the settings. */
  public S3Settings {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException(
          "an access key id needs a secret access key and the other way round");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be at least 1");
    }
    if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException("retry delays must satisfy 0 <= base <= max");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("max connections must be at least 1");
    }
    if (partMemory < WriteOptions.MIN_PART_SIZE) {
      throw new IllegalArgumentException(
          "part memory must hold at least one part of 5 MiB but was " + partMemory + " bytes");
    }
    Objects.requireNonNull(abortTimeout, "abortTimeout");
    if (abortTimeout.isNegative() || abortTimeout.isZero()) {
      throw new IllegalArgumentException("the abort timeout must be positive");
    }
  }

  /**
   * Returns the default part memory of this JVM: a quarter of the largest heap ({@code -Xmx}),
   * within {@link #MIN_PART_MEMORY} and {@link #MAX_DEFAULT_PART_MEMORY}.
   */
  public static long defaultPartMemory() {
    long quarter = Runtime.getRuntime().maxMemory() / 4;
    return Math.max(MIN_PART_MEMORY, Math.min(MAX_DEFAULT_PART_MEMORY, quarter));
  }

  /** Returns the settings for AWS itself: no endpoint override, everything else by default. */
  public static S3Settings defaults() {
    return new S3Settings(
        null,
        false,
        null,
        null,
        null,
        Client.NETTY,
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_BASE_DELAY,
        DEFAULT_MAX_DELAY,
        DEFAULT_MAX_CONNECTIONS,
        true,
        false,
        defaultPartMemory(),
        DEFAULT_ABORT_TIMEOUT);
  }

  /**
   * Returns the settings {@code config} gives.
   *
   * @throws IllegalArgumentException naming the setting or variable whose value is wrong
   */
  public static S3Settings from(BlobStoreConfig config) {
    Optional<String> endpointText =
        config.get(ENDPOINT, "FLYTE_AWS_ENDPOINT", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL");
    URI endpoint = endpointText.map(S3Settings::parseEndpoint).orElse(null);
    boolean pathStyle =
        config.get(PATH_STYLE).map(v -> parseBoolean(PATH_STYLE, v)).orElse(endpoint != null);
    String region =
        config
            .get(REGION, "AWS_REGION", "AWS_DEFAULT_REGION")
            .orElse(endpoint != null ? DEFAULT_ENDPOINT_REGION : null);
    String accessKeyId = config.get(ACCESS_KEY_ID, "FLYTE_AWS_ACCESS_KEY_ID").orElse(null);
    String secret = config.get(SECRET_ACCESS_KEY, "FLYTE_AWS_SECRET_ACCESS_KEY").orElse(null);
    if ((accessKeyId == null) != (secret == null)) {
      throw new IllegalArgumentException(
          accessKeyId == null
              ? "FLYTE_AWS_SECRET_ACCESS_KEY (or s3.secret-access-key) is set but"
                  + " FLYTE_AWS_ACCESS_KEY_ID (or s3.access-key-id) is not"
              : "FLYTE_AWS_ACCESS_KEY_ID (or s3.access-key-id) is set but"
                  + " FLYTE_AWS_SECRET_ACCESS_KEY (or s3.secret-access-key) is not");
    }
    Client client = config.get(CLIENT).map(S3Settings::parseClient).orElse(Client.NETTY);
    int maxAttempts =
        config
            .get(MAX_ATTEMPTS)
            .map(v -> parseInt(MAX_ATTEMPTS, v, 1))
            .orElse(DEFAULT_MAX_ATTEMPTS);
    Duration baseDelay =
        config
            .get(BASE_DELAY_MS)
            .map(v -> Duration.ofMillis(parseInt(BASE_DELAY_MS, v, 0)))
            .orElse(DEFAULT_BASE_DELAY);
    Duration maxDelay =
        config
            .get(MAX_DELAY_MS)
            .map(v -> Duration.ofMillis(parseInt(MAX_DELAY_MS, v, 0)))
            .orElse(DEFAULT_MAX_DELAY.compareTo(baseDelay) < 0 ? baseDelay : DEFAULT_MAX_DELAY);
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(MAX_DELAY_MS + " must not be less than " + BASE_DELAY_MS);
    }
    int maxConnections =
        config
            .get(MAX_CONNECTIONS)
            .map(v -> parseInt(MAX_CONNECTIONS, v, 1))
            .orElse(DEFAULT_MAX_CONNECTIONS);
    boolean fullObject =
        config.get(MULTIPART_CHECKSUM).map(S3Settings::parseMultipartChecksum).orElse(true);
    boolean transferManager =
        config.get(FILE_TRANSFERS).map(S3Settings::parseFileTransfers).orElse(false);
    long partMemory =
        config
            .get(PART_MEMORY_MIB)
            .map(v -> (long) parseInt(PART_MEMORY_MIB, v, 5) * 1024 * 1024)
            .orElseGet(S3Settings::defaultPartMemory);
    Duration abortTimeout =
        config
            .get(ABORT_TIMEOUT_MS)
            .map(v -> Duration.ofMillis(parseInt(ABORT_TIMEOUT_MS, v, 1)))
            .orElse(DEFAULT_ABORT_TIMEOUT);
    return new S3Settings(
        endpoint,
        pathStyle,
        region,
        accessKeyId,
        secret,
        client,
        maxAttempts,
        baseDelay,
        maxDelay,
        maxConnections,
        fullObject,
        transferManager,
        partMemory,
        abortTimeout);
  }

  /** Returns these settings with another endpoint, path-style addressing on. */
  public S3Settings withEndpoint(URI endpoint) {
    URI e = Objects.requireNonNull(endpoint, "endpoint");
    return with(
        d -> {
          d.endpoint = e;
          d.pathStyle = true;
          d.region = region == null ? DEFAULT_ENDPOINT_REGION : region;
        });
  }

  /** Returns these settings with static credentials. */
  public S3Settings withCredentials(String accessKeyId, String secretAccessKey) {
    String id = Objects.requireNonNull(accessKeyId, "accessKeyId");
    String secret = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    return with(
        d -> {
          d.accessKeyId = id;
          d.secretAccessKey = secret;
        });
  }

  /** Returns these settings with another retry policy. */
  public S3Settings withRetries(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    return with(
        d -> {
          d.maxAttempts = maxAttempts;
          d.baseDelay = baseDelay;
          d.maxDelay = maxDelay;
        });
  }

  /** Returns these settings with another HTTP client. */
  public S3Settings withClient(Client client) {
    return with(d -> d.client = client);
  }

  /**
   * Returns these settings with whole-object CRC32Cs on multipart uploads ({@code true}, the
   * default) or composite ones (a CRC32C of the parts' CRC32Cs, which S3 need not recompute over
   * the whole object at Complete).
   */
  public S3Settings withFullObjectChecksum(boolean fullObject) {
    return with(d -> d.fullObjectChecksum = fullObject);
  }

  /**
   * Returns these settings with whole-file uploads and downloads run by the SDK's {@code
   * S3TransferManager} ({@code true}) or by the store's own parts and ranges ({@code false}, the
   * default).
   */
  public S3Settings withTransferManager(boolean transferManager) {
    return with(d -> d.transferManager = transferManager);
  }

  /**
   * Returns these settings with another part memory: the bytes all part buffers of the store's
   * streaming writes may hold at once (at least 5 MiB).
   */
  public S3Settings withPartMemory(long bytes) {
    return with(d -> d.partMemory = bytes);
  }

  /** Returns these settings with another bound on how long an abort waits. */
  public S3Settings withAbortTimeout(Duration timeout) {
    return with(d -> d.abortTimeout = timeout);
  }

  /** Returns a copy of these settings with {@code change} applied (checked by the constructor). */
  private S3Settings with(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return d.build();
  }

  /** The settings as mutable fields, for the {@code with} methods. */
  private static final class Draft {
    @Nullable URI endpoint;
    boolean pathStyle;
    @Nullable String region;
    @Nullable String accessKeyId;
    @Nullable String secretAccessKey;
    Client client;
    int maxAttempts;
    Duration baseDelay;
    Duration maxDelay;
    int maxConnections;
    boolean fullObjectChecksum;
    boolean transferManager;
    long partMemory;
    Duration abortTimeout;

    Draft(S3Settings s) {
      endpoint = s.endpoint;
      pathStyle = s.pathStyle;
      region = s.region;
      accessKeyId = s.accessKeyId;
      secretAccessKey = s.secretAccessKey;
      client = s.client;
      maxAttempts = s.maxAttempts;
      baseDelay = s.baseDelay;
      maxDelay = s.maxDelay;
      maxConnections = s.maxConnections;
      fullObjectChecksum = s.fullObjectChecksum;
      transferManager = s.transferManager;
      partMemory = s.partMemory;
      abortTimeout = s.abortTimeout;
    }

    S3Settings build() {
      return new S3Settings(
          endpoint,
          pathStyle,
          region,
          accessKeyId,
          secretAccessKey,
          client,
          maxAttempts,
          baseDelay,
          maxDelay,
          maxConnections,
          fullObjectChecksum,
          transferManager,
          partMemory,
          abortTimeout);
    }
  }

  /** Returns the settings without either key: static credentials show as {@code static}. */
  @Override
  public String toString() {
    return "S3Settings{endpoint="
        + endpoint
        + ", pathStyle="
        + pathStyle
        + ", region="
        + region
        + ", credentials="
        + (accessKeyId == null ? "default chain" : "static")
        + ", client="
        + client.name().toLowerCase(Locale.ROOT)
        + ", maxAttempts="
        + maxAttempts
        + ", baseDelay="
        + baseDelay.toMillis()
        + "ms, maxDelay="
        + maxDelay.toMillis()
        + "ms, maxConnections="
        + maxConnections
        + ", multipartChecksum="
        + (fullObjectChecksum ? "full-object" : "composite")
        + ", fileTransfers="
        + (transferManager ? "transfer-manager" : "ferry")
        + ", partMemory="
        + (partMemory >> 20)
        + "MiB, abortTimeout="
        + abortTimeout.toMillis()
        + "ms}";
  }

  private static URI parseEndpoint(String text) {
    String trimmed = text.trim();
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "the S3 endpoint must be a URL like http://127.0.0.1:9000 but was '" + text + "'", e);
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "the S3 endpoint must be a URL like http://127.0.0.1:9000 but was '" + text + "'");
    }
    return uri;
  }

  private static boolean parseBoolean(String name, String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException(
            name + " must be 'true' or 'false' but was '" + value + "'");
    }
  }

  private static int parseInt(String name, String value, int min) {
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number but was '" + value + "'", e);
    }
    if (n < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + " but was " + n);
    }
    return n;
  }

  private static Client parseClient(String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "netty":
        return Client.NETTY;
      case "crt":
        return Client.CRT;
      default:
        throw new IllegalArgumentException(
            CLIENT + " must be 'netty' or 'crt' but was '" + value + "'");
    }
  }

  private static boolean parseMultipartChecksum(String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "full-object":
        return true;
      case "composite":
        return false;
      default:
        throw new IllegalArgumentException(
            MULTIPART_CHECKSUM + " must be 'full-object' or 'composite' but was '" + value + "'");
    }
  }

  private static boolean parseFileTransfers(String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "ferry":
        return false;
      case "transfer-manager":
        return true;
      default:
        throw new IllegalArgumentException(
            FILE_TRANSFERS + " must be 'ferry' or 'transfer-manager' but was '" + value + "'");
    }
  }
}
