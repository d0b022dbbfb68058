package dev.ferry.transformers.blob;

import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.engine.OffloadedLiteralResolver;
import dev.ferry.engine.TransformContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where the bytes of files, directories and large literals go: the blob stores, the raw-output
 * prefix new blobs are written under ({@code {prefix}/{32 hex}/{name}}, as the Python SDK names
 * them), the local directory remote files are downloaded into, and whether a content hash is
 * computed (set as {@code Literal.hash}, for cache keys). Carried by a {@link TransformContext}.
 *
 * <pre>{@code
 * DataPlane plane = DataPlane.local(Path.of("/tmp/ferry"));     // the embedded default
 * TransformContext ctx = plane.attach(TransformContext.at("inputs"));
 * }</pre>
 */
public final class DataPlane {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final BlobStores stores;
  private final URI rawOutputPrefix;
  private final Path downloads;
  private final boolean contentHash;

  private DataPlane(BlobStores stores, URI rawOutputPrefix, Path downloads, boolean contentHash) {
    this.stores = Objects.requireNonNull(stores, "stores");
    this.rawOutputPrefix = trimSlash(Objects.requireNonNull(rawOutputPrefix, "rawOutputPrefix"));
    this.downloads = Objects.requireNonNull(downloads, "downloads");
    this.contentHash = contentHash;
  }

  /** Returns a data plane over {@code stores} writing under {@code rawOutputPrefix}. */
  public static DataPlane of(BlobStores stores, URI rawOutputPrefix, Path downloads) {
    return new DataPlane(stores, rawOutputPrefix, downloads, false);
  }

  /**
   * Returns the embedded default: the local file store, raw outputs under {@code root/raw} and
   * downloads under {@code root/downloads}.
   */
  public static DataPlane local(Path root) throws IOException {
    Path raw = Files.createDirectories(root.resolve("raw")).toAbsolutePath();
    Path downloads = Files.createDirectories(root.resolve("downloads")).toAbsolutePath();
    return new DataPlane(
        BlobStores.create(BlobStoreConfig.fromEnvironment()), raw.toUri(), downloads, false);
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
    return new DataPlane(stores, rawOutputPrefix, downloads, contentHash);
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
