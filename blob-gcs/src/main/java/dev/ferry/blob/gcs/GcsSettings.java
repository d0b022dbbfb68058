package dev.ferry.blob.gcs;

import dev.ferry.blob.BlobStoreConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link GcsBlobStore}, read from a {@link BlobStoreConfig}:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>else</th><th>meaning</th></tr>
 *   <tr><td>{@code gs.host}</td><td>env {@code STORAGE_EMULATOR_HOST}</td>
 *       <td>a host override ({@code http://127.0.0.1:4443}, or {@code host:port} for http); with
 *       one, requests carry no credentials</td></tr>
 *   <tr><td>{@code gs.project}</td><td>env {@code GOOGLE_CLOUD_PROJECT}</td>
 *       <td>the project; without one the client's own lookup, or {@code ferry-emulator} when a
 *       host override is set</td></tr>
 *   <tr><td>{@code gs.credentials}</td><td></td>
 *       <td>{@code default} (Application Default Credentials) or {@code none}; the default is
 *       {@code none} with a host override, {@code default} without</td></tr>
 *   <tr><td>{@code gs.max-attempts}</td><td></td>
 *       <td>attempts of a request failing transiently (429, 5xx, resets), default 6</td></tr>
 *   <tr><td>{@code gs.retry-delay-ms}</td><td></td>
 *       <td>the first backoff, doubling up to {@code gs.max-retry-delay-ms}; default 1000 and
 *       32000</td></tr>
 *   <tr><td>{@code gs.retry-total-ms}</td><td></td>
 *       <td>the longest a request may take with its retries before it fails, default 15000: an
 *       unreachable host fails within it (connecting gives up after {@link #CONNECT_TIMEOUT} or
 *       this, whichever is shorter)</td></tr>
 *   <tr><td>{@code gs.write-precondition}</td><td></td>
 *       <td>{@code none} (the last writer wins, the default) or {@code generation} (a write fails
 *       with 412 if the object changed since it began)</td></tr>
 *   <tr><td>{@code gs.list-page-size}</td><td></td><td>objects per list request, default 1000</td></tr>
 * </table>
 *
 * @param host the host override with its scheme, or null for the real service
 * @param project the project, or null for the client's own lookup
 * @param anonymous true if requests carry no credentials
 * @param maxAttempts attempts of a request failing transiently
 * @param retryDelay the first backoff
 * @param maxRetryDelay the longest backoff
 * @param retryTotal the longest a request may take with its retries
 * @param generationPrecondition true if writes require the generation seen when they began
 * @param listPageSize objects per list request
 */
public record GcsSettings(
    @Nullable String host,
    @Nullable String project,
    boolean anonymous,
    int maxAttempts,
    Duration retryDelay,
    Duration maxRetryDelay,
    Duration retryTotal,
    boolean generationPrecondition,
    int listPageSize) {

  static final String HOST = "gs.host";
  static final String PROJECT = "gs.project";
  static final String CREDENTIALS = "gs.credentials";
  static final String MAX_ATTEMPTS = "gs.max-attempts";
  static final String RETRY_DELAY = "gs.retry-delay-ms";
  static final String MAX_RETRY_DELAY = "gs.max-retry-delay-ms";
  static final String RETRY_TOTAL = "gs.retry-total-ms";
  static final String WRITE_PRECONDITION = "gs.write-precondition";
  static final String LIST_PAGE_SIZE = "gs.list-page-size";

  static final String EMULATOR_HOST_ENV = "STORAGE_EMULATOR_HOST";
  static final String PROJECT_ENV = "GOOGLE_CLOUD_PROJECT";
  static final String EMULATOR_PROJECT = "ferry-emulator";

  /** The default {@code gs.retry-total-ms}. */
  static final Duration DEFAULT_RETRY_TOTAL = Duration.ofSeconds(15);

  /** The longest one attempt waits to connect. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  public GcsSettings {
    Objects.requireNonNull(retryDelay, "retryDelay");
    Objects.requireNonNull(maxRetryDelay, "maxRetryDelay");
    Objects.requireNonNull(retryTotal, "retryTotal");
    if (retryTotal.isNegative() || retryTotal.isZero()) {
      throw new IllegalArgumentException("the total retry time must be positive");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be at least 1");
    }
    if (listPageSize < 1 || listPageSize > 1000) {
      throw new IllegalArgumentException("list page size must be from 1 to 1000");
    }
  }

  /**
   * Returns the settings {@code config} gives.
   *
   * @throws IllegalArgumentException naming the setting whose value is not understood
   */
  public static GcsSettings from(BlobStoreConfig config) {
    String host = config.get(HOST, EMULATOR_HOST_ENV).map(GcsSettings::normalizeHost).orElse(null);
    String project =
        config.get(PROJECT, PROJECT_ENV).orElse(host == null ? null : EMULATOR_PROJECT);
    boolean anonymous;
    String credentials = config.get(CREDENTIALS).orElse(host == null ? "default" : "none");
    switch (credentials.toLowerCase(Locale.ROOT)) {
      case "none":
        anonymous = true;
        break;
      case "default":
        anonymous = false;
        break;
      default:
        throw invalid(CREDENTIALS, credentials, "'default' or 'none'");
    }
    boolean generation;
    String precondition = config.get(WRITE_PRECONDITION).orElse("none");
    switch (precondition.toLowerCase(Locale.ROOT)) {
      case "none":
        generation = false;
        break;
      case "generation":
        generation = true;
        break;
      default:
        throw invalid(WRITE_PRECONDITION, precondition, "'none' or 'generation'");
    }
    int maxAttempts = integer(config, MAX_ATTEMPTS, 6, 1, 100);
    long delay = integer(config, RETRY_DELAY, 1000, 0, 600_000);
    long maxDelay = integer(config, MAX_RETRY_DELAY, 32_000, 0, 3_600_000);
    int pageSize = integer(config, LIST_PAGE_SIZE, 1000, 1, 1000);
    int total =
        integer(config, RETRY_TOTAL, (int) DEFAULT_RETRY_TOTAL.toMillis(), 1, Integer.MAX_VALUE);
    return new GcsSettings(
        host,
        project,
        anonymous,
        maxAttempts,
        Duration.ofMillis(delay),
        Duration.ofMillis(Math.max(delay, maxDelay)),
        Duration.ofMillis(total),
        generation,
        pageSize);
  }

  /** Returns the connect timeout of one attempt: {@link #CONNECT_TIMEOUT}, or the total if less. */
  Duration connectTimeout() {
    return retryTotal.compareTo(CONNECT_TIMEOUT) < 0 ? retryTotal : CONNECT_TIMEOUT;
  }

  /** Returns {@code host} with a scheme and without a trailing {@code /}: {@code http://h:1}. */
  static String normalizeHost(String host) {
    String h = host.trim();
    if (!h.contains("://")) {
      h = "http://" + h; // emulators speak plain http: STORAGE_EMULATOR_HOST=localhost:4443
    }
    while (h.endsWith("/")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }

  private static int integer(BlobStoreConfig config, String name, int fallback, int min, int max) {
    Optional<String> value = config.get(name);
    if (value.isEmpty()) {
      return fallback;
    }
    String what = "a whole number from " + min + " to " + max;
    try {
      int n = Integer.parseInt(value.get().trim());
      if (n < min || n > max) {
        throw invalid(name, value.get(), what);
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(name, value.get(), what);
    }
  }

  private static IllegalArgumentException invalid(String name, String value, String expected) {
    return new IllegalArgumentException(name + " must be " + expected + " but was '" + value + "'");
  }
}
