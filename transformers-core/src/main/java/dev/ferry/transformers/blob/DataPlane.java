package dev.ferry.transformers.blob;

import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.blob.ProgressListener;
import dev.ferry.blob.ReadOptions;
import dev.ferry.blob.WriteOptions;
import dev.ferry.engine.OffloadedLiteralResolver;
import dev.ferry.engine.TransformContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the bytes of files, directories and large literals go: the blob stores, the raw-output
 * prefix new blobs are written under ({@code {prefix}/{32 hex}/{name}}, as the Python SDK names
 * them), the local directory remote files are downloaded into, whether a content hash is computed
 * (set as {@code Literal.hash}, for cache keys), and the places offloaded literals may be read
 * from. Carried by a {@link TransformContext}.
 *
 * <pre>{@code
 * try (DataPlane plane = DataPlane.local(root)) { // the embedded default
 *   TransformContext ctx = plane.attach(TransformContext.at("inputs"));
 * }
 * }</pre>
 *
 * <h2>Where offloaded literals may point</h2>
 *
 * An offloaded literal names the URI of its bytes, and that URI comes from outside (an {@code
 * inputs.pb}). The data plane reads it only if it lies under one of its literal sources: by default
 * the raw-output prefix and the metadata prefix ({@link #withMetadataPrefix}); {@link
 * #allowingLiteralsFrom} adds more (a prefix such as {@code s3://bucket/}, or a whole scheme such
 * as {@code s3://}), {@link #withLiteralSources} replaces them. Anything else ({@code
 * file:///etc/passwd}, {@code /proc/self/environ}, a path with {@code ..}) is refused with a {@link
 * dev.ferry.engine.LiteralConversionException} naming the URI before any byte is read. Files and
 * directories ({@link FlyteFile}, {@link FlyteDirectory}) are not confined: their URIs are data the
 * task chose to read.
 *
 * <h2>Closing</h2>
 *
 * A data plane made by {@link #local} created its stores and closes them in {@link #close()}; one
 * made by {@link #of} over stores passed in leaves them open for their owner. The copies the {@code
 * with...} methods return share the stores: close one of them, once.
 */
public final class DataPlane implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final BlobStores stores;
  private final boolean ownsStores;
  private final URI rawOutputPrefix;
  private final @Nullable URI metadataPrefix;
  private final Path downloads;
  private final boolean contentHash;
  private final @Nullable List<String> literalSources; // null: the default
  private final ProgressListener uploads;
  private final ProgressListener downloadProgress;

  private DataPlane(
      BlobStores stores,
      boolean ownsStores,
      URI rawOutputPrefix,
      @Nullable URI metadataPrefix,
      Path downloads,
      boolean contentHash,
      @Nullable List<String> literalSources) {
    this(
        stores,
        ownsStores,
        rawOutputPrefix,
        metadataPrefix,
        downloads,
        contentHash,
        literalSources,
        ProgressListener.NONE,
        ProgressListener.NONE);
  }

  private DataPlane(
      BlobStores stores,
      boolean ownsStores,
      URI rawOutputPrefix,
      @Nullable URI metadataPrefix,
      Path downloads,
      boolean contentHash,
      @Nullable List<String> literalSources,
      ProgressListener uploads,
      ProgressListener downloadProgress) {
    this.uploads = Objects.requireNonNull(uploads, "uploads");
    this.downloadProgress = Objects.requireNonNull(downloadProgress, "downloads");
    this.stores = Objects.requireNonNull(stores, "stores");
    this.ownsStores = ownsStores;
    this.rawOutputPrefix = trimSlash(Objects.requireNonNull(rawOutputPrefix, "rawOutputPrefix"));
    this.metadataPrefix = metadataPrefix == null ? null : trimSlash(metadataPrefix);
    this.downloads = Objects.requireNonNull(downloads, "downloads");
    this.contentHash = contentHash;
    this.literalSources = literalSources == null ? null : List.copyOf(literalSources);
  }

  /**
   * Returns a data plane over {@code stores} writing under {@code rawOutputPrefix}; {@link
   * #close()} leaves the stores open.
   */
  public static DataPlane of(BlobStores stores, URI rawOutputPrefix, Path downloads) {
    return new DataPlane(stores, false, rawOutputPrefix, null, downloads, false, null);
  }

  /**
   * Returns the embedded default: the local file store, raw outputs under {@code root/raw} and
   * downloads under {@code root/downloads}. The stores are created for this data plane, and {@link
   * #close()} closes them.
   */
  public static DataPlane local(Path root) throws IOException {
    Path raw = Files.createDirectories(root.resolve("raw")).toAbsolutePath();
    Path downloads = Files.createDirectories(root.resolve("downloads")).toAbsolutePath();
    return new DataPlane(
        BlobStores.create(BlobStoreConfig.fromEnvironment()),
        true,
        raw.toUri(),
        null,
        downloads,
        false,
        null);
  }

  /** Returns the data plane of {@code ctx}, or throws saying how to add one. */
  public static DataPlane from(TransformContext ctx) {
    DataPlane plane = ctx.get(DataPlane.class);
    if (plane == null) {
      throw new IllegalStateException(
          "files and directories need a DataPlane in the TransformContext: "
              + "ctx = DataPlane.local(dir).attach(ctx)");
    }
    return plane;
  }

  /**
   * Returns {@code plane}, or throws saying that the {@code what} at {@code uri} was not read
   * through a context with a data plane, so it cannot reach its store.
   */
  static DataPlane reaching(@Nullable DataPlane plane, String what, URI uri) {
    if (plane == null) {
      throw new IllegalStateException(
          what
              + " "
              + uri
              + " has no DataPlane to reach its store: read it through a TransformContext"
              + " with DataPlane.attach(ctx)");
    }
    return plane;
  }

  /** Returns {@code ctx} carrying this data plane. */
  public TransformContext attach(TransformContext ctx) {
    return ctx.with(DataPlane.class, this)
        .with(OffloadedLiteralResolver.class, LiteralOffloading.resolver(this));
  }

  /** Returns this data plane with content hashing on or off. */
  public DataPlane withContentHash(boolean contentHash) {
    return new DataPlane(
        stores,
        ownsStores,
        rawOutputPrefix,
        metadataPrefix,
        downloads,
        contentHash,
        literalSources,
        uploads,
        downloadProgress);
  }

  /**
   * Returns this data plane with a metadata prefix (where Flyte keeps a task's {@code inputs.pb}
   * and {@code outputs.pb}), from which offloaded literals may be read unless {@link
   * #withLiteralSources} set the sources explicitly.
   */
  public DataPlane withMetadataPrefix(URI metadataPrefix) {
    return new DataPlane(
        stores,
        ownsStores,
        rawOutputPrefix,
        Objects.requireNonNull(metadataPrefix, "metadataPrefix"),
        downloads,
        contentHash,
        literalSources,
        uploads,
        downloadProgress);
  }

  /**
   * Returns this data plane reading offloaded literals only from under {@code sources}: prefixes
   * ({@code s3://bucket/flyte/}, {@code file:///data/run/}, or a local path) or whole schemes
   * ({@code s3://}). A prefix matches whole path segments: {@code s3://b/raw} allows {@code
   * s3://b/raw/x} but not {@code s3://b/raw2/x}. An empty list refuses every offloaded literal.
   *
   * @throws IllegalArgumentException if a source is not a URI, a path or {@code scheme://}
   */
  public DataPlane withLiteralSources(List<String> sources) {
    List<String> checked = new ArrayList<>();
    for (String source : sources) {
      checked.add(LiteralSources.checkSource(source));
    }
    return new DataPlane(
        stores,
        ownsStores,
        rawOutputPrefix,
        metadataPrefix,
        downloads,
        contentHash,
        checked,
        uploads,
        downloadProgress);
  }

  /**
   * Returns this data plane telling {@code uploads} of the bytes of every file, directory and
   * offloaded literal it writes, and {@code downloads} of every one it downloads (for progress
   * bars; the listeners hear the blob's URI, the bytes so far and the total, -1 while unknown). The
   * local executor sets them for each action it runs, so that {@code ferry run} can show them.
   */
  public DataPlane withProgress(ProgressListener uploads, ProgressListener downloads) {
    return new DataPlane(
        stores,
        ownsStores,
        rawOutputPrefix,
        metadataPrefix,
        this.downloads,
        contentHash,
        literalSources,
        uploads,
        downloads);
  }

  /** Returns the options blobs are written with: the defaults, telling the upload listener. */
  public WriteOptions writeOptions() {
    return WriteOptions.defaults().withProgress(uploads);
  }

  /** Returns the options blobs are downloaded with: the defaults, telling the download listener. */
  public ReadOptions readOptions() {
    return ReadOptions.defaults().withProgress(downloadProgress);
  }

  /** Returns the listener that hears uploads ({@link ProgressListener#NONE} unless set). */
  public ProgressListener uploadProgress() {
    return uploads;
  }

  /**
   * Returns this data plane also reading offloaded literals from under {@code sources} (prefixes or
   * whole schemes, as {@link #withLiteralSources}), besides those it reads from now.
   */
  public DataPlane allowingLiteralsFrom(String... sources) {
    List<String> all = new ArrayList<>(literalSources());
    all.addAll(Arrays.asList(sources));
    return withLiteralSources(all);
  }

  /**
   * Returns the prefixes and schemes offloaded literals may be read from: those set with {@link
   * #withLiteralSources}, or by default the raw-output prefix and the metadata prefix.
   */
  public List<String> literalSources() {
    if (literalSources != null) {
      return literalSources;
    }
    List<String> defaults = new ArrayList<>();
    defaults.add(rawOutputPrefix + "/");
    if (metadataPrefix != null) {
      defaults.add(metadataPrefix + "/");
    }
    return List.copyOf(defaults);
  }

  /**
   * Returns true if an offloaded literal may be read from {@code uri}: it lies under one of the
   * {@link #literalSources()} and its path has no {@code .} or {@code ..} segment.
   */
  public boolean allowsLiteralAt(URI uri) {
    return LiteralSources.allows(literalSources(), uri);
  }

  /** Returns the metadata prefix, if one was set. */
  public Optional<URI> metadataPrefix() {
    return Optional.ofNullable(metadataPrefix);
  }

  /** Closes the stores this data plane created ({@link #local}); stores passed in stay open. */
  @Override
  public void close() throws IOException {
    if (ownsStores) {
      stores.close();
    }
  }

  /** Returns the blob stores. */
  public BlobStores stores() {
    return stores;
  }

  /** Returns the store of {@code uri}. */
  public BlobStore store(URI uri) {
    return stores.forUri(uri);
  }

  /** Returns the prefix new blobs are written under, without a trailing slash. */
  public URI rawOutputPrefix() {
    return rawOutputPrefix;
  }

  /** Returns the directory remote files and directories are downloaded into. */
  public Path downloads() {
    return downloads;
  }

  /** Returns true if content hashes are computed while uploading. */
  public boolean contentHash() {
    return contentHash;
  }

  /** Returns a new, unique location under the raw-output prefix: {@code {prefix}/{32 hex}}. */
  public URI newLocation() {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    return URI.create(rawOutputPrefix + "/" + HexFormat.of().formatHex(id));
  }

  /** Returns a new, unique URI for a blob named {@code name}: {@code {prefix}/{32 hex}/{name}}. */
  public URI newUri(String name) {
    return URI.create(newLocation() + "/" + encode(name));
  }

  /** Returns a new local directory under the download directory. */
  Path newDownloadDirectory() throws IOException {
    Files.createDirectories(downloads);
    return Files.createTempDirectory(downloads, "ferry-");
  }

  private static String encode(String name) {
    try {
      return new URI(null, null, name, null).getRawPath();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("not a usable file name: '" + name + "'", e);
    }
  }

  private static URI trimSlash(URI uri) {
    String s = uri.toString();
    return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
  }

  @Override
  public String toString() {
    return "DataPlane{raw=" + rawOutputPrefix + ", downloads=" + downloads + "}";
  }
}
