package dev.ferry.blob.s3;

import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.spi.Failures;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Turns SDK failures into {@link BlobStoreException}s that name the operation, the URI and what S3
 * said: {@code write s3://b/k failed: UploadPart 3: HTTP 503 SlowDown: Please reduce your request
 * rate (after 5 attempts)}.
 */
final class S3Errors {
  /**
   * The longest a caller waits for one S3 request: beyond any request's attempts with the SDK's
   * timeouts and backoff, so reaching it means the client stopped answering.
   */
  static final Duration JOIN_WAIT = Duration.ofMinutes(15);

  private S3Errors() {}

  /** Returns the failure inside {@link CompletionException}s and {@link ExecutionException}s. */
  static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /**
   * Returns {@code failure} as a {@link BlobStoreException} of {@code operation} on {@code uri}; a
   * 404 {@code NoSuchKey} (or a bodyless 404) is {@link BlobStoreException#notFound}.
   */
  static BlobStoreException wrap(String operation, URI uri, Throwable failure) {
    return wrap(operation, uri, null, failure);
  }

  /**
   * Returns {@code failure} as a {@link BlobStoreException}, its reason prefixed by the S3 request
   * that failed ({@code UploadPart 3}) when there is one.
   */
  static BlobStoreException wrap(
      String operation, URI uri, @Nullable String request, Throwable failure) {
    Throwable e = unwrap(failure);
    if (e instanceof BlobStoreException) {
      return (BlobStoreException) e;
    }
    if (isNoSuchKey(e)) {
      return BlobStoreException.notFound(operation, uri);
    }
    String reason = describe(e);
    return new BlobStoreException(
        operation, uri, request == null ? reason : request + ": " + reason, e);
  }

  /** Returns a short description of an SDK failure. */
  static String describe(Throwable failure) {
    Throwable e = unwrap(failure);
    if (e instanceof AwsServiceException) {
      AwsServiceException s = (AwsServiceException) e;
      AwsErrorDetails details = s.awsErrorDetails();
      String code = details == null ? null : details.errorCode();
      String message = details == null ? null : details.errorMessage();
      StringBuilder out = new StringBuilder("HTTP ").append(s.statusCode());
      if (code != null && !code.isEmpty()) {
        out.append(' ').append(code);
      }
      if (message != null && !message.isEmpty()) {
        out.append(": ").append(message);
      }
      return out.append(attempts(s)).toString();
    }
    if (e instanceof SdkServiceException) {
      return "HTTP " + ((SdkServiceException) e).statusCode() + attempts((SdkException) e);
    }
    if (e instanceof SdkClientException) {
      String message = e.getMessage();
      return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
    }
    if (e instanceof CancellationException) {
      return "cancelled";
    }
    return Failures.reason(e);
  }

  /** Returns the HTTP status of an S3 error, or -1 for other failures. */
  static int status(Throwable failure) {
    Throwable e = unwrap(failure);
    return e instanceof SdkServiceException ? ((SdkServiceException) e).statusCode() : -1;
  }

  /** Returns the S3 error code ({@code NoSuchUpload}), or null. */
  static @Nullable String code(Throwable failure) {
    Throwable e = unwrap(failure);
    if (e instanceof AwsServiceException) {
      AwsErrorDetails details = ((AwsServiceException) e).awsErrorDetails();
      return details == null ? null : details.errorCode();
    }
    return null;
  }

  /** Returns true for a 404 that means "no such object" (not "no such bucket"). */
  static boolean isNoSuchKey(Throwable failure) {
    if (status(failure) != 404) {
      return false;
    }
    String code = code(failure);
    return code == null || code.isEmpty() || code.equals("NoSuchKey") || code.equals("NotFound");
  }

  /**
   * Returns true for failures worth trying again: the transport's (resets, refused connections,
   * timeouts), throttling and 5xx.
   */
  static boolean isTransient(Throwable failure) {
    Throwable e = unwrap(failure);
    if (e instanceof SdkClientException
        || e instanceof IOException
        || e instanceof UncheckedIOException) {
      return true;
    }
    if (e instanceof AwsServiceException && ((AwsServiceException) e).isThrottlingException()) {
      return true;
    }
    int status = status(e);
    return status >= 500 || status == 429;
  }

  /**
   * Returns the value of a completed or completing future, waiting for it; failures come back as
   * {@link BlobStoreException}s of {@code operation}.
   */
  static <T> T join(CompletableFuture<T> future, String operation, URI uri) throws IOException {
    return join(future, operation, uri, null);
  }

  /** As {@link #join(CompletableFuture, String, URI)}, naming the S3 request that failed. */
  static <T> T join(
      CompletableFuture<T> future, String operation, URI uri, @Nullable String request)
      throws IOException {
    return join(future, operation, uri, request, JOIN_WAIT);
  }

  /** As {@link #join(CompletableFuture, String, URI, String)}, waiting at most {@code wait}. */
  static <T> T join(
      CompletableFuture<T> future,
      String operation,
      URI uri,
      @Nullable String request,
      Duration wait)
      throws IOException {
    try {
      return future.get(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      String reason = "no answer within " + wait.toMinutes() + " min";
      throw new BlobStoreException(
          operation, uri, request == null ? reason : request + ": " + reason, e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted = new InterruptedIOException("interrupted");
      interrupted.initCause(e);
      throw new BlobStoreException(operation, uri, "interrupted", interrupted);
    } catch (ExecutionException | CancellationException e) {
      throw wrap(operation, uri, request, e);
    }
  }

  /** How a bounded wait ended. */
  enum Wait {
    /** The future finished, however. */
    DONE,
    /** The deadline passed first. */
    TIMED_OUT,
    /** The thread was interrupted (its flag is set again). */
    INTERRUPTED
  }

  /**
   * Waits for {@code future} to finish, ignoring how, until {@code deadlineNanos} ({@link
   * System#nanoTime()}) at the latest.
   */
  static Wait awaitQuietly(Future<?> future, long deadlineNanos) {
    try {
      future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Wait.INTERRUPTED;
    } catch (TimeoutException e) {
      return future.isDone() ? Wait.DONE : Wait.TIMED_OUT;
    } catch (ExecutionException | CancellationException e) {
      // finished
    }
    return Wait.DONE;
  }

  private static String attempts(SdkException e) {
    Integer n = e.numAttempts();
    return n != null && n > 1 ? " (after " + n + " attempts)" : "";
  }
}
