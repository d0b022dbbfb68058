package dev.ferry.blob.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** The head of one HTTP/1.1 request that passed the {@link FaultProxy}: line and headers. */
public final class HttpRequestHead {
  private static final int MAX_HEAD = 64 * 1024;

  /** The method: {@code PUT}. */
  public final String method;

  /** The path without the query: {@code /bucket/key}. */
  public final String path;

  /** The raw query, or "". */
  public final String query;

  /** The headers, names in lower case. */
  public final Map<String, String> headers;

  private final byte[] bytes;

  private HttpRequestHead(
      String method, String path, String query, Map<String, String> headers, byte[] bytes) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.headers = headers;
    this.bytes = bytes;
  }

  /** Returns the value of query parameter {@code name}, or null. */
  public @Nullable String queryValue(String name) {
    for (String p : query.split("&")) {
      if (p.startsWith(name + "=")) {
        return p.substring(name.length() + 1);
      }
    }
    return null;
  }

  /** Returns true if the query has parameter {@code name}. */
  public boolean hasQuery(String name) {
    for (String p : query.split("&")) {
      if (p.equals(name) || p.startsWith(name + "=")) {
        return true;
      }
    }
    return false;
  }

  /** Returns the head as it was read, to forward. */
  byte[] bytes() {
    return bytes;
  }

  /** Returns the body's length: 0 for none, -1 for a chunked body. */
  long contentLength() throws IOException {
    String encoding = headers.get("transfer-encoding");
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      return -1;
    }
    String length = headers.get("content-length");
    if (length == null) {
      return 0;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      throw new IOException("bad content-length: " + length, e);
    }
  }

  @Override
  public String toString() {
    return method + " " + path + (query.isEmpty() ? "" : "?" + query);
  }

  /** Reads the next request head, or returns null if the stream ends before one starts. */
  static @Nullable HttpRequestHead read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
    int last4 = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (head.size() == 0) {
          return null;
        }
        throw new IOException("the client closed mid-head");
      }
      head.write(b);
      if (head.size() > MAX_HEAD) {
        throw new IOException("request head too long");
      }
      last4 = (last4 << 8) | b;
      if (last4 == 0x0D0A0D0A) {
        return parse(head.toByteArray());
      }
    }
  }

  /** Reads one line, its CRLF included (a chunk size line of a chunked body). */
  static byte[] readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(32);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the client closed mid-chunk");
      }
      line.write(b);
      if (b == '\n') {
        return line.toByteArray();
      }
      if (line.size() > MAX_HEAD) {
        throw new IOException("chunk line too long");
      }
    }
  }

  private static HttpRequestHead parse(byte[] head) throws IOException {
    String[] lines = new String(head, ISO_8859_1).split("\r\n");
    String[] requestLine = lines[0].split(" ");
    if (requestLine.length < 3) {
      throw new IOException("bad request line: " + lines[0]);
    }
    String target = requestLine[1];
    int q = target.indexOf('?');
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    return new HttpRequestHead(
        requestLine[0],
        q < 0 ? target : target.substring(0, q),
        q < 0 ? "" : target.substring(q + 1),
        headers,
        head);
  }
}
