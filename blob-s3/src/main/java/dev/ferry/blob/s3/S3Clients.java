package dev.ferry.blob.s3;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3CrtAsyncClientBuilder;

/**
 * Builds the SDK client {@link S3Settings} describe.
 *
 * <p>Checksums: the client computes none of its own ({@link
 * RequestChecksumCalculation#WHEN_REQUIRED}): the store sends the CRC32C it computed while
 * buffering with every PutObject and UploadPart. It validates the checksum of a response only when
 * the request asked for one ({@link ResponseChecksumValidation#WHEN_REQUIRED}): the store sets
 * {@code ChecksumMode.ENABLED} on HeadObject and on whole-object GETs, never on ranged GETs, whose
 * bytes cannot match a whole-object checksum (some servers send it anyway).
 *
 * <p>Retries: the SDK's standard strategy with AWS's retryable errors (throttling such as {@code
 * SlowDown}, 5xx, connection failures and resets), {@link S3Settings#maxAttempts()} attempts,
 * exponential backoff with full jitter for all of them, and no circuit breaker: a store that is
 * shared by many transfers must not stop retrying because some of them failed.
 */
public final class S3Clients {
  private static final String CRT_CLASS = "software.amazon.awssdk.crt.s3.S3Client";

  private S3Clients() {}

  /**
   * Returns a new client; the caller closes it.
   *
   * @throws IllegalStateException if {@code s3.client} is {@code crt} and the CRT is missing
   */
  public static S3AsyncClient create(S3Settings settings) {
    return settings.client() == S3Settings.Client.CRT
        ? crt(settings, S3Clients.class.getClassLoader())
        : netty(settings, 0);
  }

  /**
   * Returns a new client for the SDK's {@code S3TransferManager}, splitting objects larger than
   * {@code partSize} into parts of that size: the Netty client with the SDK's multipart support on,
   * or the CRT client with its own splitting; the caller closes it. Checksums: the transfer
   * manager's requests name CRC32C, which the SDK computes per part and S3 checks.
   */
  public static S3AsyncClient forTransferManager(S3Settings settings, long partSize) {
    if (partSize < 5L * 1024 * 1024) {
      throw new IllegalArgumentException("part size must be at least 5 MiB");
    }
    return settings.client() == S3Settings.Client.CRT
        ? crt(settings, S3Clients.class.getClassLoader(), partSize)
        : netty(settings, partSize);
  }

  /** Returns the credentials the settings name: static ones, or the SDK's default chain. */
  static AwsCredentialsProvider credentials(S3Settings settings) {
    String id = settings.accessKeyId();
    String secret = settings.secretAccessKey();
    if (id != null && secret != null) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  /** Returns the configured region, else the SDK chain's, else {@code us-east-1}. */
  static Region region(S3Settings settings) {
    if (settings.region() != null) {
      return Region.of(settings.region());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      return Region.of(S3Settings.DEFAULT_ENDPOINT_REGION);
    }
  }

  /** Returns the retry strategy of the settings. */
  static RetryStrategy retryStrategy(S3Settings settings) {
    BackoffStrategy backoff =
        settings.baseDelay().isZero()
            ? BackoffStrategy.retryImmediately()
            : BackoffStrategy.exponentialDelay(settings.baseDelay(), settings.maxDelay());
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(settings.maxAttempts())
        .backoffStrategy(backoff)
        .throttlingBackoffStrategy(backoff)
        .circuitBreakerEnabled(false)
        .build();
  }

  /** Returns the Netty client; {@code multipartPartSize} 0 leaves the SDK's multipart off. */
  private static S3AsyncClient netty(S3Settings settings, long multipartPartSize) {
    NettyNioAsyncHttpClient.Builder http =
        NettyNioAsyncHttpClient.builder()
            .maxConcurrency(settings.maxConnections())
            .maxPendingConnectionAcquires(10_000)
            .connectionAcquisitionTimeout(Duration.ofMinutes(2))
            .connectionTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(60))
            .writeTimeout(Duration.ofSeconds(60))
            .tcpKeepAlive(true);
    S3AsyncClientBuilder builder =
        S3AsyncClient.builder()
            .httpClientBuilder(http)
            .credentialsProvider(credentials(settings))
            .region(region(settings))
            .forcePathStyle(settings.pathStyle())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .overrideConfiguration(o -> o.retryStrategy(retryStrategy(settings)));
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    if (settings.region() == null) {
      builder.crossRegionAccessEnabled(true);
    }
    if (multipartPartSize > 0) {
      builder
          .multipartEnabled(true)
          .multipartConfiguration(
              m -> m.minimumPartSizeInBytes(multipartPartSize).thresholdInBytes(multipartPartSize));
    }
    return builder.build();
  }

  /**
   * Returns the CRT client, or throws a clear error when {@code loader} cannot see the CRT. The CRT
   * splits large PUTs and GETs on its own; the threshold is raised so the store's own parts and
   * ranges go out as they are.
   */
  static S3AsyncClient crt(S3Settings settings, ClassLoader loader) {
    return crt(settings, loader, 0);
  }

  /** Returns the CRT client; {@code partSize} 0 keeps the CRT from splitting what it is given. */
  private static S3AsyncClient crt(S3Settings settings, ClassLoader loader, long partSize) {
    try {
      Class.forName(CRT_CLASS, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(
          "s3.client is 'crt' but the AWS CRT is not on the class path:"
              + " add software.amazon.awssdk.crt:aws-crt, or use s3.client=netty",
          e);
    }
    S3CrtAsyncClientBuilder builder =
        S3AsyncClient.crtBuilder()
            .credentialsProvider(credentials(settings))
            .region(region(settings))
            .forcePathStyle(settings.pathStyle())
            .maxConcurrency(settings.maxConnections())
            .thresholdInBytes(partSize > 0 ? partSize : 5L * 1024 * 1024 * 1024)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .retryConfiguration(r -> r.numRetries(settings.maxAttempts() - 1));
    if (partSize > 0) {
      builder.minimumPartSizeInBytes(partSize);
    }
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    if (settings.region() == null) {
      builder.crossRegionAccessEnabled(true);
    }
    try {
      return builder.build();
    } catch (LinkageError e) {
      throw new IllegalStateException(
          "s3.client is 'crt' but the AWS CRT failed to load on this platform: "
              + e.getMessage()
              + "; use s3.client=netty",
          e);
    }
  }
}
