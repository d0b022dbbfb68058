package dev.ferry.blob.testing;

import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.blob.s3.S3Clients;
import dev.ferry.blob.s3.S3Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/** An S3-compatible server the tests talk to on loopback. */
public interface S3Server {
  /** Returns a short name: {@code s3mock}, {@code s3proxy}. */
  String name();

  /** Returns the endpoint: {@code http://127.0.0.1:port}. */
  URI endpoint();

  /** Returns an access key the server accepts. */
  String accessKeyId();

  /** Returns its secret. */
  String secretAccessKey();

  /** Returns true if the server keeps the CRC32C of objects and returns it on HEAD. */
  boolean keepsChecksums();

  /** Returns true if the server lists multipart uploads in progress (ListMultipartUploads). */
  boolean listsMultipartUploads();

  /** Returns how long the server took to start. */
  Duration startupTime();

  /**
   * Returns settings for a store on this server: path style, static keys, and quick retries (5
   * attempts, 20 ms base delay) so fault tests stay short.
   */
  default S3Settings settings() {
    return settings(endpoint());
  }

  /** Returns {@link #settings()} with another endpoint: a proxy in front of this server. */
  default S3Settings settings(URI endpoint) {
    return S3Settings.defaults()
        .withEndpoint(endpoint)
        .withCredentials(accessKeyId(), secretAccessKey())
        .withRetries(5, Duration.ofMillis(20), Duration.ofMillis(500));
  }

  /**
   * Returns blob stores whose {@code s3://} store talks to this server, configured as a user's
   * properties configure it ({@link S3Settings#ENDPOINT}, this server's keys, region {@code
   * us-east-1}); the caller closes them.
   */
  default BlobStores stores() {
    return BlobStores.create(
        BlobStoreConfig.of(
            Map.of(
                S3Settings.ENDPOINT, endpoint().toString(),
                S3Settings.ACCESS_KEY_ID, accessKeyId(),
                S3Settings.SECRET_ACCESS_KEY, secretAccessKey(),
                S3Settings.REGION, "us-east-1"),
            Map.of()));
  }

  /** Creates a bucket; an existing one of ours is fine. */
  default void createBucket(String bucket) {
    try (S3AsyncClient client = S3Clients.create(settings())) {
      client.createBucket(b -> b.bucket(bucket)).join();
    } catch (CompletionException e) {
      if (!(e.getCause() instanceof BucketAlreadyOwnedByYouException)
          && !(e.getCause() instanceof BucketAlreadyExistsException)) {
        throw e;
      }
    }
  }
}
