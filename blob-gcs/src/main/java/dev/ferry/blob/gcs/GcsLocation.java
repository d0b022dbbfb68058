package dev.ferry.blob.gcs;

import com.google.cloud.storage.BlobId;
import dev.ferry.blob.BlobStoreException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A bucket and an object name, as a {@code gs://bucket/name} URI spells them. The name is the
 * decoded path without its leading {@code /}: {@code gs://b/a%20b/%C3%BC} names {@code a b/ü}.
 */
record GcsLocation(String bucket, String name) {
  /** The scheme served. */
  static final String SCHEME = "gs";

  /** Returns the location of {@code uri}, or throws naming {@code operation}. */
  static GcsLocation of(String operation, URI uri) throws BlobStoreException {
    if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals(SCHEME)) {
      throw bad(operation, uri, "not a gs URI");
    }
    if (uri.isOpaque() || uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
      throw bad(operation, uri, "it names no bucket");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw bad(operation, uri, "gs URIs take no query or fragment");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    return new GcsLocation(uri.getAuthority(), path.startsWith("/") ? path.substring(1) : path);
  }

  /** Returns the location of the object {@code uri} names; a bucket or a "directory" is refused. */
  static GcsLocation object(String operation, URI uri) throws BlobStoreException {
    GcsLocation location = of(operation, uri);
    if (location.name.isEmpty()) {
      throw bad(operation, uri, "it names no object");
    }
    if (location.name.endsWith("/")) {
      throw bad(operation, uri, "an object name cannot end with '/'");
    }
    return location;
  }

  /** Returns the name prefix of the "directory" this location names: {@code dir/}, or "". */
  String directoryPrefix() {
    return name.isEmpty() || name.endsWith("/") ? name : name + "/";
  }

  /** Returns the id of the live object. */
  BlobId blobId() {
    return BlobId.of(bucket, name);
  }

  /** Returns the id of one generation of the object. */
  BlobId blobId(long generation) {
    return BlobId.of(bucket, name, generation);
  }

  /** Returns the URI of the object {@code name} in {@code bucket}. */
  static URI uri(String bucket, String name) {
    try {
      return new URI(SCHEME, bucket, "/" + name, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "bucket '" + bucket + "' and name '" + name + "' make no URI: " + e.getMessage(), e);
    }
  }

  private static BlobStoreException bad(String operation, URI uri, String problem) {
    return new BlobStoreException(
        operation, uri, problem + " (gs URIs look like gs://bucket/name)", null);
  }
}
