package dev.ferry.blob.gcs.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Buckets, object metadata, media downloads, listing and deletes of the fake server. */
final class ObjectApi {
  private static final int MAX_PAGE = 1000;

  private final Backend backend;

  ObjectApi(Backend backend) {
    this.backend = backend;
  }

  // ---- buckets ----

  void createBucket(Exchange ex) throws IOException {
    Map<String, Object> body = Json.parseObject(ex.bodyText());
    Object name = body.get("name");
    if (!(name instanceof String) || ((String) name).isEmpty()) {
      ex.sendError(400, "required", "Required");
      return;
    }
    Backend.Bucket bucket = backend.createBucket((String) name);
    if (bucket == null) {
      ex.sendError(
          409,
          "conflict",
          "Your previous request to create the named bucket succeeded and you already own it.");
      return;
    }
    ex.sendJson(200, Resources.bucket(ex.baseUrl(), bucket));
  }

  void getBucket(Exchange ex, String name) throws IOException {
    Backend.Bucket bucket = backend.bucket(name);
    if (bucket == null) {
      ex.sendError(404, "notFound", "The specified bucket does not exist.");
      return;
    }
    ex.sendJson(200, Resources.bucket(ex.baseUrl(), bucket));
  }

  void listBuckets(Exchange ex) throws IOException {
    List<Object> items = new ArrayList<>();
    for (Backend.Bucket b : backend.buckets()) {
      items.add(Resources.bucket(ex.baseUrl(), b));
    }
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("kind", "storage#buckets");
    page.put("items", items);
    ex.sendJson(200, page);
  }

  void deleteBucket(Exchange ex, String name) throws IOException {
    if (backend.bucket(name) == null) {
      ex.sendError(404, "notFound", "The specified bucket does not exist.");
    } else if (!backend.deleteBucket(name)) {
      ex.sendError(409, "conflict", "The bucket you tried to delete is not empty.");
    } else {
      ex.sendEmpty(204);
    }
  }

  // ---- objects ----

  /** GET of an object: its metadata, or its bytes with {@code alt=media}. */
  void getObject(Exchange ex, String bucketName, String name, boolean media) throws IOException {
    Backend.StoredObject o = live(ex, bucketName, name);
    if (o == null) {
      return;
    }
    Preconditions pre = Preconditions.of(ex.query);
    if (pre.failsRead(o)) {
      ex.sendError(
          412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.");
      return;
    }
    if (pre.notModified(o)) {
      ex.sendEmpty(304);
      return;
    }
    if (media) {
      download(ex, o);
    } else {
      ex.sendJson(200, Resources.object(ex.baseUrl(), o));
    }
  }

  void deleteObject(Exchange ex, String bucketName, String name) throws IOException {
    Backend.Bucket bucket = backend.bucket(bucketName);
    Backend.StoredObject o = live(ex, bucketName, name);
    if (o == null || bucket == null) {
      return;
    }
    String violated = Preconditions.of(ex.query).violatedBy(o);
    if (violated != null) {
      ex.sendError(412, "conditionNotMet", violated);
    } else if (!backend.delete(bucket, o)) {
      ex.sendError(404, "notFound", "No such object: " + bucketName + "/" + name);
    } else {
      ex.sendEmpty(204);
    }
  }

  /**
   * Lists a bucket: {@code prefix}, {@code delimiter} (names folded into {@code prefixes[]}),
   * {@code startOffset}, {@code endOffset}, {@code maxResults} (items and prefixes together, at
   * most 1000) and {@code pageToken}/{@code nextPageToken}.
   */
  void list(Exchange ex, String bucketName) throws IOException {
    Backend.Bucket bucket = backend.bucket(bucketName);
    if (bucket == null) {
      ex.sendError(404, "notFound", "The specified bucket does not exist.");
      return;
    }
    if (ex.query.containsKey("matchGlob")) {
      ex.sendError(501, "notImplemented", "matchGlob is not implemented by the fake server");
      return;
    }
    String prefix = ex.query.getOrDefault("prefix", "");
    String delimiter = ex.query.getOrDefault("delimiter", "");
    boolean trailing = "true".equals(ex.query.get("includeTrailingDelimiter"));
    int max = MAX_PAGE;
    if (ex.query.containsKey("maxResults")) {
      max = Math.max(1, Math.min(MAX_PAGE, Integer.parseInt(ex.query.get("maxResults"))));
    }
    String from = prefix;
    String token = ex.query.get("pageToken");
    if (token != null && !token.isEmpty()) {
      from = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    }
    String startOffset = ex.query.get("startOffset");
    if (startOffset != null && Backend.CODE_POINT_ORDER.compare(startOffset, from) > 0) {
      from = startOffset;
    }
    String endOffset = ex.query.get("endOffset");

    List<Object> items = new ArrayList<>();
    TreeSet<String> prefixes = new TreeSet<>(Backend.CODE_POINT_ORDER);
    String next = null;
    int count = 0;
    for (Backend.StoredObject o : bucket.objects.tailMap(from, true).values()) {
      String name = o.name();
      if (!name.startsWith(prefix)) {
        if (Backend.CODE_POINT_ORDER.compare(name, prefix) > 0) {
          break;
        }
        continue;
      }
      if (endOffset != null && Backend.CODE_POINT_ORDER.compare(name, endOffset) >= 0) {
        break;
      }
      String folded = null;
      if (!delimiter.isEmpty()) {
        int at = name.indexOf(delimiter, prefix.length());
        if (at >= 0) {
          folded = name.substring(0, at + delimiter.length());
        }
      }
      if (folded != null && prefixes.contains(folded)) {
        continue;
      }
      if (count == max) {
        next = folded != null ? folded : name;
        break;
      }
      if (folded != null) {
        prefixes.add(folded);
        if (trailing && folded.equals(name)) {
          items.add(Resources.object(ex.baseUrl(), o));
        }
      } else {
        items.add(Resources.object(ex.baseUrl(), o));
      }
      count++;
    }
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("kind", "storage#objects");
    if (next != null) {
      page.put(
          "nextPageToken",
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(next.getBytes(StandardCharsets.UTF_8)));
    }
    if (!prefixes.isEmpty()) {
      page.put("prefixes", new ArrayList<>(prefixes));
    }
    if (!items.isEmpty()) {
      page.put("items", items);
    }
    ex.sendJson(200, page);
  }

  /** Sends the bytes of {@code o}, honouring a {@code Range} header. */
  private void download(Exchange ex, Backend.StoredObject o) throws IOException {
    long size = o.size();
    long start = 0;
    long end = size - 1;
    int code = 200;
    String range = ex.header("Range");
    if (range != null && !range.isBlank()) {
      long[] parsed = parseRange(range.trim(), size);
      if (parsed == null) {
        ex.http.getResponseHeaders().set("Content-Range", "bytes */" + size);
        ex.sendError(416, "requestedRangeNotSatisfiable", "Request range not satisfiable");
        return;
      }
      if (parsed.length == 2) {
        start = parsed[0];
        end = parsed[1];
        code = 206;
        ex.http
            .getResponseHeaders()
            .set("Content-Range", "bytes " + start + "-" + end + "/" + size);
      }
    }
    long length = end - start + 1;
    var headers = ex.http.getResponseHeaders();
    headers.set("Content-Type", o.contentType());
    headers.set("X-Goog-Generation", Long.toString(o.generation()));
    headers.set("X-Goog-Metageneration", Long.toString(o.metageneration()));
    headers.set("X-Goog-Stored-Content-Length", Long.toString(size));
    headers.set("X-Goog-Stored-Content-Encoding", "identity");
    headers.set("X-Goog-Storage-Class", "STANDARD");
    headers.add("X-Goog-Hash", "crc32c=" + Backend.crc32cBase64(o.crc32c()));
    headers.add("X-Goog-Hash", "md5=" + o.md5());
    headers.set("ETag", Resources.etag(o.generation(), o.metageneration()));
    headers.set("Accept-Ranges", "bytes");
    headers.set("Last-Modified", httpDate(o.created()));
    FileChannel file;
    try {
      file = FileChannel.open(o.file());
    } catch (NoSuchFileException e) {
      // replaced by a newer generation between lookup and open
      ex.sendError(404, "notFound", "No such object: " + o.bucket() + "/" + o.name());
      return;
    }
    ex.drain();
    try (file) {
      ex.sentStatus(code);
      ex.http.sendResponseHeaders(code, length == 0 ? -1 : length);
      if (length == 0) {
        ex.http.getResponseBody().close();
        return;
      }
      try (OutputStream out = ex.http.getResponseBody();
          InputStream in = Channels.newInputStream(file.position(start))) {
        byte[] buffer = new byte[64 * 1024];
        long left = ex.cutHalfway ? length / 2 : length;
        while (left > 0) {
          int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
          if (n < 0) {
            break;
          }
          out.write(buffer, 0, n);
          left -= n;
        }
        if (ex.cutHalfway) {
          out.flush();
          throw new IOException("fault: the connection is cut halfway");
        }
      }
    }
  }

  /**
   * Returns {@code {start, end}} of a satisfiable range, an empty array for the whole object, or
   * null if the range cannot be satisfied.
   */
  static long @Nullable [] parseRange(String header, long size) {
    if (!header.startsWith("bytes=") || header.contains(",")) {
      return new long[0]; // not a single byte range: GCS sends the whole object
    }
    String spec = header.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return new long[0];
    }
    String first = spec.substring(0, dash).trim();
    String last = spec.substring(dash + 1).trim();
    try {
      if (first.isEmpty()) { // suffix: the last n bytes
        long n = Long.parseLong(last);
        if (size == 0) {
          return new long[0];
        }
        return n == 0 ? null : new long[] {Math.max(0, size - n), size - 1};
      }
      long start = Long.parseLong(first);
      long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
      if (size == 0 && start == 0) {
        return new long[0]; // an empty object: 200 with no bytes
      }
      if (start >= size || end < start) {
        return null;
      }
      return new long[] {start, end};
    } catch (NumberFormatException e) {
      return new long[0];
    }
  }

  /** Returns the live object a request names, or answers 404 and returns null. */
  private Backend.@Nullable StoredObject live(Exchange ex, String bucketName, String name)
      throws IOException {
    Backend.Bucket bucket = backend.bucket(bucketName);
    if (bucket == null) {
      ex.sendError(404, "notFound", "The specified bucket does not exist.");
      return null;
    }
    Backend.StoredObject o = bucket.objects.get(name);
    String generation = ex.query.get("generation");
    if (o == null
        || (generation != null && !Objects.equals(generation, Long.toString(o.generation())))) {
      ex.sendError(404, "notFound", "No such object: " + bucketName + "/" + name);
      return null;
    }
    return o;
  }

  static String httpDate(Instant instant) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
  }
}
