package dev.ferry.blob.testing;

import dev.ferry.blob.s3.S3BlobStore;
import dev.ferry.blob.s3.S3Settings;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class an {@link S3BlobStore} on a test server, a bucket of its own, and a fresh
 * prefix for every test:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final S3StoreExtension s3 = S3StoreExtension.on(S3MockServer::shared);
 *
 * URI uri = s3.uri("dir/a.bin"); // s3://<bucket>/t7-myTest/dir/a.bin
 * s3.store().create(uri) ...
 * }</pre>
 *
 * The server starts once per JVM (its {@code shared()}); the store is closed after the class.
 */
public final class S3StoreExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static final AtomicInteger TESTS = new AtomicInteger();

  private final Supplier<? extends S3Server> servers;
  private final UnaryOperator<S3Settings> customize;
  private @Nullable S3Server server;
  private @Nullable S3BlobStore store;
  private @Nullable String bucket;
  private String prefix = "";

  private S3StoreExtension(
      Supplier<? extends S3Server> servers, UnaryOperator<S3Settings> customize) {
    this.servers = servers;
    this.customize = customize;
  }

  /** Returns an extension for stores on the server {@code servers} gives. */
  public static S3StoreExtension on(Supplier<? extends S3Server> servers) {
    return new S3StoreExtension(servers, UnaryOperator.identity());
  }

  /** Returns this extension with the store's settings changed by {@code customize}. */
  public S3StoreExtension withSettings(UnaryOperator<S3Settings> customize) {
    return new S3StoreExtension(servers, customize);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    S3Server s = servers.get();
    String name =
        context
            .getRequiredTestClass()
            .getSimpleName()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]", "");
    String b =
        "ferry-" + name.substring(0, Math.min(40, name.length())) + "-" + BUCKETS.incrementAndGet();
    s.createBucket(b);
    server = s;
    bucket = b;
    store = new S3BlobStore(customize.apply(s.settings()));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    String method =
        context
            .getTestMethod()
            .map(m -> m.getName())
            .orElse("test")
            .replaceAll("[^A-Za-z0-9_-]", "");
    prefix = "t" + TESTS.incrementAndGet() + "-" + method + "/";
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    S3BlobStore s = store;
    store = null;
    if (s != null) {
      s.close();
    }
  }

  /** Returns the server. */
  public S3Server server() {
    return Objects.requireNonNull(server, "the extension runs before the tests");
  }

  /** Returns the store. */
  public S3BlobStore store() {
    return Objects.requireNonNull(store, "the extension runs before the tests");
  }

  /** Returns the class's bucket. */
  public String bucket() {
    return Objects.requireNonNull(bucket, "the extension runs before the tests");
  }

  /** Returns the current test's key prefix: {@code t7-myTest/}. */
  public String prefix() {
    return prefix;
  }

  /** Returns the URI of {@code key} under the current test's prefix. */
  public URI uri(String key) {
    return URI.create("s3://" + bucket() + "/" + prefix + key);
  }

  /** Returns the key of {@code key} under the current test's prefix. */
  public String key(String key) {
    return prefix + key;
  }
}
