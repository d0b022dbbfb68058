package dev.ferry.blob.s3;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Aborts multipart uploads, and keeps trying for a while when the server cannot be reached: a
 * failed upload whose abort failed too (the server was down) would otherwise leave its parts behind
 * until a lifecycle rule removes them. Retries back off from 200 ms to 30 s and stop after {@link
 * #RETRY_WINDOW}; closing the store makes one last attempt. Thread-safe.
 */
final class AbortJanitor implements AutoCloseable {
  /** How long failed aborts are retried. */
  static final Duration RETRY_WINDOW = Duration.ofMinutes(15);

  private static final Logger LOG = LoggerFactory.getLogger(AbortJanitor.class);
  private static final long MIN_DELAY_MS = 200;
  private static final long MAX_DELAY_MS = 30_000;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final S3AsyncClient client;
  private final Set<Pending> pending = ConcurrentHashMap.newKeySet();
  private @Nullable ScheduledExecutorService scheduler; // guarded by this
  private boolean closed; // guarded by this

  AbortJanitor(S3AsyncClient client) {
    this.client = client;
  }

  /** One upload to abort. */
  private record Pending(S3Location location, String uploadId, URI uri, long deadlineNanos) {}

  /**
   * Returns the abort of an upload: true when it is aborted (or was gone already), false when the
   * first attempt failed, in which case it is retried in the background.
   */
  CompletableFuture<Boolean> abort(S3Location location, String uploadId, URI uri) {
    // pending from the first attempt on, so a JVM exit during it still drains it
    Pending p = new Pending(location, uploadId, uri, System.nanoTime() + RETRY_WINDOW.toNanos());
    pending.add(p);
    return send(location, uploadId)
        .handle(
            (ok, failure) -> {
              if (failure == null || isGone(failure)) {
                pending.remove(p);
                return true;
              }
              retryLater(p, failure);
              return false;
            });
  }

  /**
   * Returns the sweep of uploads of {@code location}'s exact key, other than {@code keep}, that the
   * server initiated within {@code [from, to]} (server time): uploads a CreateMultipartUpload made
   * whose answer was lost and which the SDK then sent again. Each found is aborted as {@link
   * #abort} does; the future completes with how many were found, or 0 when listing failed (logged:
   * a sweep never fails the transfer that asks for it).
   */
  CompletableFuture<Integer> sweep(
      S3Location location, @Nullable String keep, URI uri, Instant from, Instant to) {
    return client
        .listMultipartUploads(r -> r.bucket(location.bucket()).prefix(location.key()))
        .thenCompose(
            listing -> {
              List<CompletableFuture<Boolean>> aborts = new ArrayList<>();
              for (software.amazon.awssdk.services.s3.model.MultipartUpload u : listing.uploads()) {
                Instant initiated = u.initiated();
                if (u.key().equals(location.key())
                    && !u.uploadId().equals(keep)
                    && initiated != null
                    && !initiated.isBefore(from)
                    && !initiated.isAfter(to)) {
                  LOG.info(
                      "aborting multipart upload {} of {}: created by a CreateMultipartUpload"
                          + " whose answer was lost",
                      u.uploadId(),
                      uri);
                  aborts.add(abort(location, u.uploadId(), uri));
                }
              }
              return CompletableFuture.allOf(aborts.toArray(new CompletableFuture<?>[0]))
                  .thenApply(ignored -> aborts.size());
            })
        .exceptionally(
            failure -> {
              LOG.info(
                  "listing the multipart uploads of {} to sweep lost ones failed ({})",
                  uri,
                  S3Errors.describe(failure));
              return 0;
            });
  }

  /** Returns the uploads waiting for another attempt. */
  int pendingCount() {
    return pending.size();
  }

  private void retryLater(Pending p, Throwable failure) {
    LOG.info(
        "aborting multipart upload {} of {} failed ({}); retrying in the background",
        p.uploadId,
        p.uri,
        S3Errors.describe(failure));
    schedule(p, 1);
  }

  private void schedule(Pending p, int attempt) {
    long delay = Math.min(MAX_DELAY_MS, MIN_DELAY_MS << Math.min(attempt - 1, 20));
    synchronized (this) {
      if (closed) {
        return;
      }
      if (scheduler == null) {
        ScheduledThreadPoolExecutor s =
            new ScheduledThreadPoolExecutor(
                1,
                r -> {
                  Thread t = new Thread(r, "ferry-s3-abort-janitor");
                  t.setDaemon(true);
                  return t;
                });
        s.setRemoveOnCancelPolicy(true);
        scheduler = s;
      }
      scheduler.schedule(() -> retry(p, attempt), delay, TimeUnit.MILLISECONDS);
    }
  }

  private void retry(Pending p, int attempt) {
    send(p.location, p.uploadId)
        .whenComplete(
            (ok, failure) -> {
              if (failure == null || isGone(failure)) {
                pending.remove(p);
                LOG.info("aborted multipart upload {} of {} on retry", p.uploadId, p.uri);
              } else if (System.nanoTime() - p.deadlineNanos < 0) {
                schedule(p, attempt + 1);
              } else {
                pending.remove(p);
                LOG.warn(
                    "gave up aborting multipart upload {} of {} ({}): its parts stay until a"
                        + " bucket lifecycle rule (AbortIncompleteMultipartUpload) removes them",
                    p.uploadId,
                    p.uri,
                    S3Errors.describe(failure));
              }
            });
  }

  private CompletableFuture<Void> send(S3Location location, String uploadId) {
    return client
        .abortMultipartUpload(
            r -> r.bucket(location.bucket()).key(location.key()).uploadId(uploadId))
        .thenApply(r -> null);
  }

  private static boolean isGone(Throwable failure) {
    return S3Errors.status(failure) == 404;
  }

  /** Makes one last, bounded attempt at every pending abort and stops retrying. */
  @Override
  public void close() {
    ScheduledExecutorService s;
    synchronized (this) {
      closed = true;
      s = scheduler;
      scheduler = null;
    }
    if (s != null) {
      s.shutdownNow();
    }
    drain(CLOSE_WAIT);
  }

  /**
   * Makes one more attempt at every pending abort, waiting at most {@code wait}; those that went
   * through are no longer pending, the others are logged with their upload ids. Run by {@link
   * #close()} and by the store's JVM-exit hook.
   */
  void drain(Duration wait) {
    List<Pending> now = List.copyOf(pending);
    if (now.isEmpty()) {
      return;
    }
    List<CompletableFuture<Void>> last = new ArrayList<>();
    for (Pending p : now) {
      last.add(
          send(p.location, p.uploadId)
              .handle(
                  (ok, failure) -> {
                    if (failure == null || isGone(failure)) {
                      pending.remove(p);
                    }
                    return null;
                  }));
    }
    try {
      CompletableFuture.allOf(last.toArray(new CompletableFuture<?>[0]))
          .get(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // reported below
    }
    List<String> left = new ArrayList<>();
    for (Pending p : pending) {
      left.add(p.uploadId + " of " + p.uri);
    }
    if (!left.isEmpty()) {
      LOG.warn(
          "{} multipart upload(s) could not be aborted within {} ms and stay until a bucket"
              + " lifecycle rule (AbortIncompleteMultipartUpload) removes them: {}",
          left.size(),
          wait.toMillis(),
          left);
    }
  }
}
