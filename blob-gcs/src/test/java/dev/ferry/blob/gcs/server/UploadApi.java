package dev.ferry.blob.gcs.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Uploads of the fake server: resumable sessions ({@code uploadType=resumable}, then {@code PUT}s
 * with {@code Content-Range}, answered 308 until the final chunk; a {@code bytes * /*} query; a
 * {@code DELETE} cancels, answered 499), multipart and simple media uploads. A non-final chunk
 * persists only whole multiples of 256 KiB, as GCS does. CRC32C and MD5 are checked when the client
 * sends them ({@code crc32c}/{@code md5Hash} in the metadata, or {@code X-Goog-Hash}).
 */
final class UploadApi {
  /** GCS persists non-final chunks in multiples of this. */
  static final long QUANTUM = 256 * 1024;

  private static final Pattern RANGE = Pattern.compile("bytes (\\*|(\\d+)-(\\d+))/(\\*|\\d+)");

  private final Backend backend;

  UploadApi(Backend backend) {
    this.backend = backend;
  }

  /** POST to {@code /upload/storage/v1/b/{bucket}/o}: starts an upload of some type. */
  void upload(Exchange ex, String bucketName) throws IOException {
    String id = ex.query.get("upload_id");
    if (id != null) {
      session(ex, id);
      return;
    }
    Backend.Bucket bucket = backend.bucket(bucketName);
    if (bucket == null) {
      ex.sendError(404, "notFound", "The specified bucket does not exist.");
      return;
    }
    String type = ex.query.getOrDefault("uploadType", "");
    switch (type) {
      case "resumable":
        startResumable(ex, bucket);
        break;
      case "multipart":
        multipart(ex, bucket);
        break;
      case "media":
        media(ex, bucket);
        break;
      default:
        ex.sendError(400, "invalid", "Unsupported uploadType '" + type + "'");
    }
  }

  /** A request to an existing session: a chunk, a status query, or a cancel. */
  void session(Exchange ex, String id) throws IOException {
    UploadSession s = backend.session(id);
    if (s == null) {
      ex.sendError(404, "notFound", "No such upload session: " + id);
      return;
    }
    synchronized (s) {
      switch (s.state) {
        case COMMITTED:
          ex.sendJson(200, Resources.object(ex.baseUrl(), Objects.requireNonNull(s.result)));
          return;
        case CANCELLED:
        case FAILED:
          ex.sendError(
              410,
              "gone",
              "The upload session " + id + " is " + s.state.name().toLowerCase(Locale.ROOT));
          return;
        default:
          break;
      }
      if (ex.method.equals("DELETE")) {
        s.state = UploadSession.State.CANCELLED;
        Files.deleteIfExists(s.staged.file());
        ex.sendEmpty(499);
        return;
      }
      chunk(ex, s);
    }
  }

  private void startResumable(Exchange ex, Backend.Bucket bucket) throws IOException {
    Map<String, Object> meta = Json.parseObject(ex.bodyText());
    String name = name(ex, meta);
    if (name == null) {
      ex.sendError(400, "required", "Required: object name");
      return;
    }
    Preconditions pre = Preconditions.of(ex.query);
    String violated = pre.violatedBy(bucket.objects.get(name));
    if (violated != null) {
      ex.sendError(412, "conditionNotMet", violated);
      return;
    }
    String contentType = string(meta, "contentType");
    if (contentType == null) {
      contentType = ex.header("X-Upload-Content-Type");
    }
    Backend.Staged staged =
        new Backend.Staged(
            backend.stagingFile(bucket.name), orDefault(contentType), metadata(meta), pre);
    UploadSession s =
        backend.newSession(bucket, name, staged, string(meta, "crc32c"), string(meta, "md5Hash"));
    String location =
        ex.baseUrl()
            + "/upload/storage/v1/b/"
            + Exchange.encodePath(bucket.name)
            + "/o?uploadType=resumable&name="
            + Exchange.encodePath(name)
            + "&upload_id="
            + s.id;
    ex.http.getResponseHeaders().set("Location", location);
    ex.http.getResponseHeaders().set("X-GUploader-UploadID", s.id);
    ex.sendEmpty(200);
  }

  /** Appends a chunk to {@code s}, or answers a status query; called holding {@code s}. */
  private void chunk(Exchange ex, UploadSession s) throws IOException {
    String header = ex.header("Content-Range");
    long first;
    long last;
    long total;
    if (header == null) { // a single request carrying the whole object
      first = 0;
      last = -1;
      total = -2;
    } else {
      Matcher m = RANGE.matcher(header.trim());
      if (!m.matches()) {
        ex.sendError(400, "invalid", "Invalid Content-Range: " + header);
        return;
      }
      first = m.group(2) == null ? -1 : Long.parseLong(m.group(2));
      last = m.group(3) == null ? -1 : Long.parseLong(m.group(3));
      total = m.group(4).equals("*") ? -1 : Long.parseLong(m.group(4));
    }
    long before = s.persisted;
    long received = 0;
    if (first >= 0 || total == -2) {
      if (first > before) {
        ex.sendError(
            400,
            "invalid",
            "Invalid request: the chunk starts at "
                + first
                + " but "
                + before
                + " bytes are persisted");
        return;
      }
      received = append(ex, s, first, before);
      long declared = total == -2 ? received : last - first + 1;
      if (received != declared) {
        truncate(s, before);
        ex.sendError(
            400,
            "invalid",
            "Invalid request. There were "
                + received
                + " byte(s) in the request body. There should have been "
                + declared
                + " byte(s) (starting at offset "
                + first
                + " and ending at offset "
                + last
                + ") according to the Content-Range header.");
        return;
      }
      if (total == -2) {
        total = received;
      }
      s.chunks++;
    } else {
      ex.drain();
    }
    long end = first >= 0 ? Math.max(before, first + received) : before;
    if (total < 0) { // not final: persist whole quanta only
      s.persisted = Math.max(before, end / QUANTUM * QUANTUM);
      truncate(s, s.persisted);
      if (s.persisted > 0) {
        ex.http.getResponseHeaders().set("Range", "bytes=0-" + (s.persisted - 1));
      }
      ex.sendEmpty(308);
      return;
    }
    s.persisted = end;
    if (end != total) {
      truncate(s, before);
      s.persisted = before;
      ex.sendError(
          400,
          "invalid",
          "Invalid request: the upload would end at " + end + " bytes but the total is " + total);
      return;
    }
    Map<String, String> hashes = hashes(ex);
    String crc = pick(s.crc32c, hashes.get("crc32c"));
    String md5 = pick(s.md5, hashes.get("md5"));
    if (crc == null && s.crc32c != null && hashes.get("crc32c") != null) {
      fail(ex, s, 400, "invalid", "The CRC32C in the metadata and in X-Goog-Hash differ.");
      return;
    }
    try {
      s.result = backend.commit(s.bucket, s.name, s.staged, crc, md5);
      s.state = UploadSession.State.COMMITTED;
      ex.sendJson(200, Resources.object(ex.baseUrl(), s.result));
    } catch (Backend.Refused r) {
      fail(ex, s, r.status, r.reason, r.getMessage());
    }
  }

  private void fail(Exchange ex, UploadSession s, int code, String reason, String message)
      throws IOException {
    s.state = UploadSession.State.FAILED;
    Files.deleteIfExists(s.staged.file());
    ex.sendError(code, reason, message);
  }

  /** Writes the body after the bytes persisted, skipping what overlaps them; returns bytes read. */
  private static long append(Exchange ex, UploadSession s, long first, long persisted)
      throws IOException {
    long skip = persisted - first;
    long received = 0;
    try (InputStream in = ex.body();
        FileChannel out = FileChannel.open(s.staged.file(), StandardOpenOption.WRITE)) {
      out.position(persisted);
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        int from = 0;
        if (skip > 0) {
          from = (int) Math.min(skip, n);
          skip -= from;
        }
        ByteBuffer b = ByteBuffer.wrap(buffer, from, n - from);
        while (b.hasRemaining()) {
          out.write(b);
        }
        received += n;
      }
    }
    return received;
  }

  private static void truncate(UploadSession s, long size) throws IOException {
    try (FileChannel out = FileChannel.open(s.staged.file(), StandardOpenOption.WRITE)) {
      out.truncate(size);
    }
  }

  private void multipart(Exchange ex, Backend.Bucket bucket) throws IOException {
    String contentType = ex.header("Content-Type");
    String boundary = contentType == null ? null : boundary(contentType);
    if (boundary == null) {
      ex.sendError(400, "invalid", "Multipart upload without a boundary: " + contentType);
      return;
    }
    List<Multipart.Part> parts = Multipart.parse(ex.bodyBytes(), boundary);
    if (parts.size() != 2) {
      ex.sendError(
          400, "invalid", "A multipart upload has 2 parts but this one has " + parts.size());
      return;
    }
    Map<String, Object> meta =
        Json.parseObject(new String(parts.get(0).content(), StandardCharsets.UTF_8));
    String name = name(ex, meta);
    if (name == null) {
      ex.sendError(400, "required", "Required: object name");
      return;
    }
    Multipart.Part media = parts.get(1);
    String type = string(meta, "contentType");
    commitWhole(
        ex,
        bucket,
        name,
        media.content(),
        type != null ? type : media.header("content-type"),
        metadata(meta),
        string(meta, "crc32c"),
        string(meta, "md5Hash"));
  }

  private void media(Exchange ex, Backend.Bucket bucket) throws IOException {
    String name = ex.query.get("name");
    if (name == null) {
      ex.sendError(400, "required", "Required: name");
      return;
    }
    Map<String, String> hashes = hashes(ex);
    commitWhole(
        ex,
        bucket,
        name,
        ex.bodyBytes(),
        ex.header("Content-Type"),
        Map.of(),
        hashes.get("crc32c"),
        hashes.get("md5"));
  }

  private void commitWhole(
      Exchange ex,
      Backend.Bucket bucket,
      String name,
      byte[] content,
      @Nullable String contentType,
      Map<String, String> metadata,
      @Nullable String crc32c,
      @Nullable String md5)
      throws IOException {
    Path file = backend.stagingFile(bucket.name);
    Files.write(file, content);
    Backend.Staged staged =
        new Backend.Staged(file, orDefault(contentType), metadata, Preconditions.of(ex.query));
    try {
      ex.sendJson(
          200, Resources.object(ex.baseUrl(), backend.commit(bucket, name, staged, crc32c, md5)));
    } catch (Backend.Refused r) {
      Files.deleteIfExists(file);
      ex.sendError(r.status, r.reason, r.getMessage());
    }
  }

  /** Returns the hashes of {@code X-Goog-Hash} headers: {@code crc32c=...,md5=...}. */
  static Map<String, String> hashes(Exchange ex) {
    Map<String, String> found = new LinkedHashMap<>();
    List<String> values = ex.http.getRequestHeaders().get("X-Goog-Hash");
    if (values == null) {
      return found;
    }
    for (String value : values) {
      for (String item : value.split(",")) {
        int eq = item.indexOf('=');
        if (eq > 0) {
          found.put(
              item.substring(0, eq).trim().toLowerCase(Locale.ROOT), item.substring(eq + 1).trim());
        }
      }
    }
    return found;
  }

  /** Returns the one value given, or null if two different ones were. */
  private static @Nullable String pick(@Nullable String a, @Nullable String b) {
    if (a == null) {
      return b;
    }
    if (b == null || a.equals(b)) {
      return a;
    }
    return null;
  }

  private static @Nullable String boundary(String contentType) {
    for (String param : contentType.split(";")) {
      String p = param.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String b = p.substring("boundary=".length());
        return b.startsWith("\"") && b.endsWith("\"") ? b.substring(1, b.length() - 1) : b;
      }
    }
    return null;
  }

  private static @Nullable String name(Exchange ex, Map<String, Object> meta) {
    String name = ex.query.get("name");
    if (name == null || name.isEmpty()) {
      name = string(meta, "name");
    }
    return name == null || name.isEmpty() ? null : name;
  }

  private static @Nullable String string(Map<String, Object> meta, String key) {
    Object v = meta.get(key);
    return v instanceof String ? (String) v : null;
  }

  private static Map<String, String> metadata(Map<String, Object> meta) {
    Map<String, String> out = new LinkedHashMap<>();
    Object m = meta.get("metadata");
    if (m instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) m).entrySet()) {
        if (e.getValue() != null) {
          out.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
        }
      }
    }
    return out;
  }

  private static String orDefault(@Nullable String contentType) {
    return contentType == null || contentType.isEmpty() ? "application/octet-stream" : contentType;
  }
}
