package dev.ferry.blob.gcs.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Parses a {@code multipart/related} body, as multipart uploads send it. */
final class Multipart {
  /** One part: its headers (lower-case names) and its content. */
  record Part(Map<String, String> headers, byte[] content) {
    @Nullable String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private Multipart() {}

  static List<Part> parse(byte[] body, String boundary) {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    List<Part> parts = new ArrayList<>();
    int at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      int start = at + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break; // the closing delimiter
      }
      start = skipLineEnd(body, start);
      Map<String, String> headers = new LinkedHashMap<>();
      int headersEnd;
      if (start + 1 < body.length && body[start] == '\r' && body[start + 1] == '\n') {
        headersEnd = start - 2; // no headers: the blank line follows the delimiter
      } else {
        headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start);
      }
      int contentStart;
      if (headersEnd < 0) {
        throw new IllegalArgumentException("a multipart part has no end of headers");
      }
      if (headersEnd > start) {
        String text = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
        for (String line : text.split("\r\n")) {
          int colon = line.indexOf(':');
          if (colon > 0) {
            headers.put(
                line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                line.substring(colon + 1).trim());
          }
        }
      }
      contentStart = headersEnd + 4;
      int next = indexOf(body, delimiter, contentStart);
      if (next < 0) {
        throw new IllegalArgumentException("a multipart part has no closing delimiter");
      }
      int contentEnd = next;
      if (contentEnd >= 2 && body[contentEnd - 2] == '\r' && body[contentEnd - 1] == '\n') {
        contentEnd -= 2;
      }
      byte[] content = Arrays.copyOfRange(body, contentStart, Math.max(contentStart, contentEnd));
      if ("base64".equalsIgnoreCase(headers.get("content-transfer-encoding"))) {
        content = Base64.getMimeDecoder().decode(content);
      }
      parts.add(new Part(headers, content));
      at = next;
    }
    return parts;
  }

  private static int skipLineEnd(byte[] body, int i) {
    if (i < body.length && body[i] == '\r') {
      i++;
    }
    if (i < body.length && body[i] == '\n') {
      i++;
    }
    return i;
  }

  private static int indexOf(byte[] body, byte[] what, int from) {
    outer:
    for (int i = from; i <= body.length - what.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (body[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
