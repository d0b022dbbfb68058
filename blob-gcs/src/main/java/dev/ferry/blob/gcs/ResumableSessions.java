package dev.ferry.blob.gcs;

import com.google.api.client.http.EmptyContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpBackOffIOExceptionHandler;
import com.google.api.client.http.HttpBackOffUnsuccessfulResponseHandler;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpResponseInterceptor;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.ExponentialBackOff;
import com.google.api.services.storage.model.StorageObject;
import com.google.cloud.ServiceOptions;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.StorageOptions;
import dev.ferry.blob.BlobStoreException;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the client does not do with resumable upload sessions: it keeps their URL to itself, has no
 * way to cancel one, and does not say what object the final chunk made. The transport options of
 * the client get a response interceptor, so a thread that starts a session inside {@link
 * #capturing} hears the {@code Location} of its {@code uploadType=resumable} POST; with that URL
 * {@link #cancel} sends the DELETE that cancels a session (GCS answers 499), and {@link #result}
 * asks a finished session for its object ({@code PUT} with {@code Content-Range: bytes * /*}, which
 * GCS answers 200 with the object's metadata). Both go through the client's own HTTP transport and
 * credentials.
 */
final class ResumableSessions {
  private static final Logger LOG = LoggerFactory.getLogger(ResumableSessions.class);
  private static final ThreadLocal<@Nullable AtomicReference<@Nullable String>> SINK =
      new ThreadLocal<>();

  private final HttpRequestFactory requests;
  private final GcsSettings settings;

  /** Creates the helper for a client built from {@code options} (see {@link #transportOptions}). */
  ResumableSessions(StorageOptions options, GcsSettings settings) {
    HttpTransportOptions transport = (HttpTransportOptions) options.getTransportOptions();
    this.requests =
        transport
            .getHttpTransportFactory()
            .create()
            .createRequestFactory(transport.getHttpRequestInitializer(options));
    this.settings = settings;
  }

  /** An action that may fail with an I/O error. */
  @FunctionalInterface
  interface IoAction<T> {
    T run() throws IOException;
  }

  /** Runs {@code action}, putting the URL of a resumable session it starts into {@code sink}. */
  static <T> T capturing(AtomicReference<@Nullable String> sink, IoAction<T> action)
      throws IOException {
    AtomicReference<@Nullable String> previous = SINK.get();
    SINK.set(sink);
    try {
      return action.run();
    } finally {
      if (previous == null) {
        SINK.remove();
      } else {
        SINK.set(previous);
      }
    }
  }

  /** Returns transport options that let {@link #capturing} see session URLs. */
  static HttpTransportOptions transportOptions(GcsSettings settings) {
    return new CapturingTransportOptions(
        HttpTransportOptions.newBuilder()
            .setConnectTimeout((int) settings.connectTimeout().toMillis()));
  }

  /**
   * Cancels the session at {@code url} with a DELETE; returns true if GCS took it (499), or it was
   * already gone (404, 410). Never throws: a session not cancelled expires after a week, and
   * nothing of it is ever visible.
   */
  boolean cancel(String url) {
    try {
      HttpRequest request =
          requests.buildDeleteRequest(new GenericUrl(url)).setThrowExceptionOnExecuteError(false);
      HttpResponse response = request.execute();
      try {
        int status = response.getStatusCode();
        boolean done = status == 499 || status == 404 || status == 410;
        if (!done) {
          LOG.debug("cancelling upload session {} answered {}", url, status);
        }
        return done;
      } finally {
        response.disconnect();
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("cancelling upload session {} failed", url, e);
      return false;
    }
  }

  /**
   * Returns the object a finished session made, asking the session ({@code bytes * /*}); transient
   * failures are retried with backoff.
   */
  GcsOutputStream.Stored result(String url, URI uri) throws BlobStoreException {
    try {
      HttpRequest request = requests.buildPutRequest(new GenericUrl(url), new EmptyContent());
      request.getHeaders().setContentRange("bytes */*");
      request.setParser(GsonFactory.getDefaultInstance().createJsonObjectParser());
      request.setThrowExceptionOnExecuteError(false);
      request.setNumberOfRetries(settings.maxAttempts() - 1);
      ExponentialBackOff backOff =
          new ExponentialBackOff.Builder()
              .setInitialIntervalMillis((int) Math.max(1, settings.retryDelay().toMillis()))
              .setMaxIntervalMillis((int) Math.max(1, settings.maxRetryDelay().toMillis()))
              .setMaxElapsedTimeMillis(
                  (int) Math.min(Integer.MAX_VALUE, settings.retryTotal().toMillis()))
              .build();
      request.setUnsuccessfulResponseHandler(
          new HttpBackOffUnsuccessfulResponseHandler(backOff)
              .setBackOffRequired(r -> isTransient(r.getStatusCode())));
      request.setIOExceptionHandler(new HttpBackOffIOExceptionHandler(backOff));
      HttpResponse response = request.execute();
      try {
        int status = response.getStatusCode();
        if (status != 200 && status != 201) {
          throw new IOException(
              "the finished session answered " + status + " " + response.getStatusMessage());
        }
        StorageObject object = response.parseAs(StorageObject.class);
        return new GcsOutputStream.Stored(
            object.getSize() == null ? -1 : object.getSize().longValue(),
            object.getCrc32c(),
            object.getGeneration());
      } finally {
        response.disconnect();
      }
    } catch (IOException | RuntimeException e) {
      throw new BlobStoreException(
          GcsOutputStream.OPERATION,
          uri,
          "the object was committed, but reading what was made back from the upload session failed: "
              + GcsErrors.wrap(GcsOutputStream.OPERATION, uri, e).reason(),
          e);
    }
  }

  private static boolean isTransient(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  private static final class CapturingTransportOptions extends HttpTransportOptions {
    private static final long serialVersionUID = 1L;

    CapturingTransportOptions(Builder builder) {
      super(builder);
    }

    @Override
    public HttpRequestInitializer getHttpRequestInitializer(ServiceOptions<?, ?> serviceOptions) {
      HttpRequestInitializer delegate = super.getHttpRequestInitializer(serviceOptions);
      return request -> {
        delegate.initialize(request);
        AtomicReference<@Nullable String> sink = SINK.get();
        if (sink != null) {
          HttpResponseInterceptor previous = request.getResponseInterceptor();
          request.setResponseInterceptor(
              response -> {
                if (previous != null) {
                  previous.interceptResponse(response);
                }
                capture(response, sink);
              });
        }
      };
    }

    private static void capture(HttpResponse response, AtomicReference<@Nullable String> sink) {
      HttpRequest request = response.getRequest();
      String location = response.getHeaders().getLocation();
      if (response.isSuccessStatusCode()
          && "POST".equals(request.getRequestMethod())
          && "resumable".equals(request.getUrl().getFirst("uploadType"))
          && location != null) {
        sink.set(location);
      }
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof CapturingTransportOptions && super.equals(o);
    }

    @Override
    public int hashCode() {
      return super.hashCode() * 31 + 1;
    }
  }
}
