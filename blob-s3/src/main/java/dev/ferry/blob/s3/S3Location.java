package dev.ferry.blob.s3;

import dev.ferry.blob.BlobStoreException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A bucket and a key, parsed from {@code s3://bucket/key}. The key is the URI's decoded path
 * without its leading {@code /}; it may be empty (the whole bucket, for listings).
 */
record S3Location(String bucket, String key) {
  static final String SCHEME = "s3";

  /** Returns the location of {@code uri}, or throws naming {@code operation}. */
  static S3Location of(String operation, URI uri) throws BlobStoreException {
    if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase(SCHEME)) {
      throw badUri(operation, uri, "not an s3 URI");
    }
    if (uri.isOpaque() || uri.getAuthority() == null || uri.getAuthority().isEmpty()) {
      throw badUri(operation, uri, "it names no bucket");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw badUri(operation, uri, "s3 URIs take no query or fragment");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    return new S3Location(uri.getAuthority(), path.startsWith("/") ? path.substring(1) : path);
  }

  /** Returns the location of an object: one with a non-empty key. */
  static S3Location object(String operation, URI uri) throws BlobStoreException {
    S3Location location = of(operation, uri);
    if (location.key.isEmpty()) {
      throw badUri(operation, uri, "it names no object");
    }
    return location;
  }

  /** Returns the key prefix a listing of this location uses: the key and a {@code /}. */
  String listPrefix() {
    return key.isEmpty() || key.endsWith("/") ? key : key + "/";
  }

  /** Returns the URI of {@code key} in this location's bucket. */
  URI uriOf(String objectKey) {
    try {
      return new URI(SCHEME, bucket, "/" + objectKey, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(
          "bucket '" + bucket + "' and key '" + objectKey + "' make no URI", e);
    }
  }

  private static BlobStoreException badUri(String operation, URI uri, String problem) {
    return new BlobStoreException(
        operation, uri, problem + " (s3 URIs look like s3://bucket/key)", null);
  }
}
