package dev.ferry.blob;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The blob stores of a process, one per URI scheme, found through {@link ServiceLoader} ({@link
 * BlobStoreProvider}) and created on first use with one {@link BlobStoreConfig}. A URI without a
 * scheme is a local path and goes to the {@code file} store.
 *
 * <pre>{@code
 * try (BlobStores stores = BlobStores.create(BlobStoreConfig.fromEnvironment())) {
 *   BlobStore s3 = stores.forUri(URI.create("s3://bucket/key"));
 * }
 * }</pre>
 */
public final class BlobStores implements Closeable {
  private static volatile @Nullable BlobStores shared;

  private final BlobStoreConfig config;
  private final Map<String, BlobStoreProvider> providers;
  private final Map<String, BlobStore> stores = new ConcurrentHashMap<>();

  private BlobStores(BlobStoreConfig config, Map<String, BlobStoreProvider> providers) {
    this.config = config;
    this.providers = providers;
  }

  /** Returns a registry of the providers on the class path of this class, configured by config. */
  public static BlobStores create(BlobStoreConfig config) {
    return create(config, BlobStores.class.getClassLoader());
  }

  /** Returns a registry of the providers {@code loader} finds, configured by {@code config}. */
  public static BlobStores create(BlobStoreConfig config, ClassLoader loader) {
    Map<String, BlobStoreProvider> found = new TreeMap<>();
    for (BlobStoreProvider p : ServiceLoader.load(BlobStoreProvider.class, loader)) {
      BlobStoreProvider clash = found.putIfAbsent(p.scheme(), p);
      if (clash != null) {
        throw new IllegalStateException(
            "two blob store providers for scheme '"
                + p.scheme()
                + "': "
                + clash.getClass().getName()
                + " and "
                + p.getClass().getName());
      }
    }
    return new BlobStores(Objects.requireNonNull(config, "config"), found);
  }

  /** Returns the process-wide registry, configured from the environment. */
  public static BlobStores shared() {
    BlobStores s = shared;
    if (s == null) {
      synchronized (BlobStores.class) {
        s = shared;
        if (s == null) {
          s = create(BlobStoreConfig.fromEnvironment());
          shared = s;
        }
      }
    }
    return s;
  }

  /** Returns the store for {@code uri}'s scheme ({@code file} when it has none). */
  public BlobStore forUri(URI uri) {
    String scheme = uri.getScheme() == null ? "file" : uri.getScheme().toLowerCase(Locale.ROOT);
    return forScheme(scheme, uri);
  }

  /** Returns the store for a scheme. */
  public BlobStore forScheme(String scheme) {
    return forScheme(scheme.toLowerCase(Locale.ROOT), null);
  }

  private BlobStore forScheme(String scheme, @Nullable URI uri) {
    BlobStoreProvider provider = providers.get(scheme);
    if (provider == null) {
      throw new IllegalArgumentException(
          "no blob store for scheme '"
              + scheme
              + "'"
              + (uri == null ? "" : " of " + uri)
              + ": the class path has stores for "
              + providers.keySet()
              + " (stores are found through ServiceLoader: dev.ferry.blob.BlobStoreProvider)");
    }
    return stores.computeIfAbsent(scheme, s -> provider.create(config));
  }

  /** Closes every store created. */
  @Override
  public void close() throws IOException {
    IOException first = null;
    for (BlobStore s : stores.values()) {
      try {
        s.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    stores.clear();
    if (first != null) {
      throw first;
    }
  }
}
