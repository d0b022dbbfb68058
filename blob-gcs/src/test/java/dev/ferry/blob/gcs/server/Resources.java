package dev.ferry.blob.gcs.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON resources of the fake server, spelled as GCS spells them: 64-bit numbers (size,
 * generation, metageneration) as strings, hashes as base64, times in RFC 3339.
 */
final class Resources {
  private static final DateTimeFormatter RFC_3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Resources() {}

  static Map<String, Object> object(String baseUrl, Backend.StoredObject o) {
    String encoded = Exchange.encodePath(o.name());
    String bucketPath = "/b/" + Exchange.encodePath(o.bucket()) + "/o/" + encoded;
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("kind", "storage#object");
    r.put("id", o.bucket() + "/" + o.name() + "/" + o.generation());
    r.put("selfLink", baseUrl + "/storage/v1" + bucketPath);
    r.put(
        "mediaLink",
        baseUrl
            + "/download/storage/v1"
            + bucketPath
            + "?generation="
            + o.generation()
            + "&alt=media");
    r.put("name", o.name());
    r.put("bucket", o.bucket());
    r.put("generation", Long.toString(o.generation()));
    r.put("metageneration", Long.toString(o.metageneration()));
    r.put("contentType", o.contentType());
    r.put("storageClass", "STANDARD");
    r.put("size", Long.toString(o.size()));
    r.put("md5Hash", o.md5());
    r.put("crc32c", Backend.crc32cBase64(o.crc32c()));
    r.put("etag", etag(o.generation(), o.metageneration()));
    r.put("timeCreated", time(o.created()));
    r.put("updated", time(o.created()));
    r.put("timeStorageClassUpdated", time(o.created()));
    if (!o.metadata().isEmpty()) {
      r.put("metadata", new LinkedHashMap<>(o.metadata()));
    }
    return r;
  }

  static Map<String, Object> bucket(String baseUrl, Backend.Bucket b) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("kind", "storage#bucket");
    r.put("id", b.name);
    r.put("selfLink", baseUrl + "/storage/v1/b/" + Exchange.encodePath(b.name));
    r.put("projectNumber", "0");
    r.put("name", b.name);
    r.put("timeCreated", time(b.created));
    r.put("updated", time(b.created));
    r.put("metageneration", "1");
    r.put("location", "US");
    r.put("locationType", "multi-region");
    r.put("storageClass", "STANDARD");
    r.put("etag", "CAE=");
    return r;
  }

  /** Returns an etag that changes with every generation and metageneration. */
  static String etag(long generation, long metageneration) {
    return Base64.getEncoder()
        .encodeToString(
            (generation + "/" + metageneration)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  static String time(Instant instant) {
    return RFC_3339.format(instant);
  }
}
