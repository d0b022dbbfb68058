package dev.ferry.blob.gcs;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonErrorContainer;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.json.gson.GsonFactory;
import com.google.cloud.BaseServiceException;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.spi.Failures;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Turns failures of the GCS client into {@link BlobStoreException}s naming the operation, the URI
 * and, when there was one, the HTTP status and GCS's reason: {@code write gs://b/k failed: 412
 * Precondition Failed (conditionNotMet): At least one of the pre-conditions you specified did not
 * hold.}
 */
final class GcsErrors {
  private GcsErrors() {}

  /** Returns {@code e} as a {@link BlobStoreException} of {@code operation} on {@code uri}. */
  static BlobStoreException wrap(String operation, URI uri, Throwable e) {
    Throwable t = unwrap(e);
    if (t instanceof BlobStoreException) {
      return (BlobStoreException) t;
    }
    BaseServiceException service = serviceException(t);
    if (service != null) {
      return new BlobStoreException(operation, uri, reason(service), t);
    }
    if (t instanceof InterruptedException || t instanceof InterruptedIOException) {
      Thread.currentThread().interrupt();
      return new BlobStoreException(operation, uri, "interrupted", t);
    }
    if (t instanceof IOException) {
      return Failures.wrap(operation, uri, (IOException) t);
    }
    return new BlobStoreException(operation, uri, Failures.reason(t), t);
  }

  /** Returns the HTTP status of a failure of the client, or 0 if it had none. */
  static int status(Throwable e) {
    BaseServiceException service = serviceException(unwrap(e));
    return service == null ? 0 : service.getCode();
  }

  /** Returns {@code 412 Precondition Failed (conditionNotMet): message}, or the I/O failure. */
  static String reason(BaseServiceException e) {
    int code = e.getCode();
    String message = firstLine(e.getMessage());
    if (code <= 0) {
      Throwable cause = e.getCause();
      return cause != null ? Failures.reason(cause) : message;
    }
    String reason = e.getReason();
    if (message.startsWith(Integer.toString(code))) {
      message = ""; // only the status line: the resumable upload's failures say no more
    }
    GoogleJsonError json = jsonError(e);
    if (json != null) {
      if ((reason == null || reason.isEmpty())
          && json.getErrors() != null
          && !json.getErrors().isEmpty()) {
        reason = json.getErrors().get(0).getReason();
      }
      if (message.isEmpty() && json.getMessage() != null) {
        message = json.getMessage();
      }
    }
    StringBuilder out = new StringBuilder().append(code);
    String text = statusText(code);
    if (!text.isEmpty()) {
      out.append(' ').append(text);
    }
    if (reason != null && !reason.isEmpty()) {
      out.append(" (").append(reason).append(')');
    }
    if (!message.isEmpty()) {
      out.append(": ").append(message);
    }
    return out.toString();
  }

  /** Returns the JSON error document GCS answered with, if a cause of {@code e} carries one. */
  private static @Nullable GoogleJsonError jsonError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpResponseException) {
        String content = ((HttpResponseException) t).getContent();
        if (content == null || !content.trim().startsWith("{")) {
          return null;
        }
        try {
          return GsonFactory.getDefaultInstance()
              .fromString(content, GoogleJsonErrorContainer.class)
              .getError();
        } catch (IOException | RuntimeException parse) {
          return null;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof ExecutionException
            || t instanceof CompletionException
            || (t instanceof CancellationException && t.getCause() != null))
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static @Nullable BaseServiceException serviceException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BaseServiceException) {
        return (BaseServiceException) t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }

  private static String statusText(int code) {
    switch (code) {
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 408:
        return "Request Timeout";
      case 409:
        return "Conflict";
      case 410:
        return "Gone";
      case 412:
        return "Precondition Failed";
      case 416:
        return "Range Not Satisfiable";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      case 504:
        return "Gateway Timeout";
      default:
        return "";
    }
  }
}
