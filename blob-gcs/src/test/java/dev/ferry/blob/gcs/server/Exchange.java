package dev.ferry.blob.gcs.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/** One request to the fake server, with the helpers its handlers share. */
final class Exchange {
  final HttpExchange http;
  final String method;
  final String rawPath;
  final Map<String, String> query;

  /** True if a download should send half its bytes and then fail (a fault). */
  boolean cutHalfway;

  private final IntConsumer onStatus;
  private int status;

  /** Wraps {@code http}; {@code onStatus} hears the status just before the response goes out. */
  Exchange(HttpExchange http, IntConsumer onStatus) {
    this.http = http;
    this.onStatus = onStatus;
    this.method = http.getRequestMethod().toUpperCase(Locale.ROOT);
    this.rawPath = http.getRequestURI().getRawPath();
    this.query = parseQuery(http.getRequestURI().getRawQuery());
  }

  /** Returns the status sent, or 0 before a response. */
  int status() {
    return status;
  }

  @Nullable String header(String name) {
    return http.getRequestHeaders().getFirst(name);
  }

  /** Returns the request body, gunzipped if it came gzip-compressed. */
  InputStream body() throws IOException {
    InputStream in = http.getRequestBody();
    String encoding = header("Content-Encoding");
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
      return new GZIPInputStream(in, 64 * 1024);
    }
    return in;
  }

  byte[] bodyBytes() throws IOException {
    try (InputStream in = body()) {
      return in.readAllBytes();
    }
  }

  String bodyText() throws IOException {
    return new String(bodyBytes(), StandardCharsets.UTF_8);
  }

  /** Reads and drops what is left of the body, so the connection can be reused. */
  void drain() {
    try (InputStream in = http.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the client went away; nothing to do
    }
  }

  /** Returns the absolute URL of this server: {@code http://127.0.0.1:1234}. */
  String baseUrl() {
    String host = header("Host");
    if (host == null || host.isEmpty()) {
      host = "127.0.0.1:" + http.getLocalAddress().getPort();
    }
    return "http://" + host;
  }

  void sendJson(int code, Map<String, ?> body) throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    http.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    send(code, bytes);
  }

  void send(int code, byte[] bytes) throws IOException {
    drain();
    sentStatus(code);
    http.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = http.getResponseBody()) {
      out.write(bytes);
    }
  }

  void sendEmpty(int code) throws IOException {
    send(code, new byte[0]);
  }

  /** Answers with a GCS error document: {@code {"error": {"code", "message", "errors": [...]}}}. */
  void sendError(int code, String reason, String message) throws IOException {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("message", message);
    detail.put("domain", "global");
    detail.put("reason", reason);
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("errors", List.of(detail));
    sendJson(code, Map.of("error", error));
  }

  /** Records the status of the response about to go out (call before sending the headers). */
  void sentStatus(int code) {
    status = code;
    onStatus.accept(code);
  }

  /** Decodes a path segment: {@code %XX} as UTF-8 bytes, {@code +} as itself. */
  static String decodePath(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()) {
        bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
          b = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.write(b, 0, b.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Encodes a name as one path segment, as GCS's links spell it. */
  static String encodePath(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  /** Returns the decoded query parameters of a request. */
  static Map<String, String> query(HttpExchange http) {
    return parseQuery(http.getRequestURI().getRawQuery());
  }

  private static Map<String, String> parseQuery(@Nullable String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }
}
