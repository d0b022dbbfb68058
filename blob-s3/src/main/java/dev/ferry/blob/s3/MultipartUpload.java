package dev.ferry.blob.s3;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.spi.Crc32cs;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One multipart upload: parts in flight, at most {@code concurrency} at once, then Complete or
 * Abort. The upload is created (CreateMultipartUpload) with the first part, asynchronously. Every
 * part carries its CRC32C, which S3 checks on arrival; Complete lists every part with its CRC32C
 * and, in full-object mode, the CRC32C of the whole object, which S3 checks too. Nothing is visible
 * under the key until Complete succeeds.
 *
 * <p>The first failure of a part (after the SDK's retries) fails the upload: no new part starts,
 * and {@link #throwIfFailed()} throws it. {@link #abort()} waits for the parts in flight and
 * aborts, within the store's abort timeout; an abort the server does not get is retried by the
 * {@link AbortJanitor}. Every wait here is bounded ({@link #PART_WAIT}).
 *
 * <p>{@link #uploadPart}, {@link #complete} and {@link #abort} are called by one thread (the
 * writer); part completions arrive on SDK threads. This object holds no reference to the stream
 * that uses it, so it can abort an abandoned stream's upload from a {@link java.lang.ref.Cleaner}.
 */
final class MultipartUpload {
  /** The most parts S3 takes. */
  static final int MAX_PARTS = 10_000;

  /** Parts of one size before the size doubles: 8 doublings from 5 MiB still cover 5 TiB. */
  static final int PARTS_PER_SIZE = 625;

  /** The largest part the sizes grow to (S3 takes up to 5 GiB; a buffer is one array list). */
  static final int MAX_PART_SIZE = 1024 * 1024 * 1024;

  /**
   * The least a writer waits for a part in flight to finish (a permit, or the last parts before
   * Complete) or for part memory, before {@link #partWait} adds a second per MiB of the part:
   * beyond any part's transfer with the SDK's timeouts and retries, so reaching it means the client
   * stopped answering (its event loops died).
   */
  static final Duration PART_WAIT = Duration.ofMinutes(10);

  /** How far the server's clock is assumed off the client's when no answer told it. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(15);

  /** The margin around the server's time of a sweep window. */
  static final Duration DATE_SLACK = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(MultipartUpload.class);

  private final String operation;
  private final S3AsyncClient client;
  private final AbortJanitor janitor;
  private final S3Location location;
  private final URI uri;
  private final boolean checksum;
  private final boolean fullObject;
  private final String contentType;
  private final int partSize;
  private final int concurrency;
  private final Semaphore permits;
  private final LongConsumer onPartUploaded;
  private final Map<Integer, CompletedPart> completed = new ConcurrentHashMap<>();
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
  private final AtomicBoolean finished = new AtomicBoolean();
  private final Duration abortTimeout;
  private volatile @Nullable String lastAbortLeft;
  private volatile @Nullable CompletableFuture<String> uploadId;
  private volatile @Nullable SweepWindow sweepWindow;
  private int nextPart = 1;

  /** When, in server time, an upload made by this upload's CreateMultipartUpload was initiated. */
  private record SweepWindow(Instant from, Instant to) {}

  /**
   * Creates the upload; nothing is sent before the first part.
   *
   * @param operation what errors name: {@code write}, {@code upload}
   * @param checksum true to send CRC32Cs (then every part must come with one)
   * @param fullObject true to give the object a whole-object CRC32C (else a composite one)
   * @param partSize the size of the first parts (they grow, see {@link #partSize})
   * @param abortTimeout the bound of {@link #abort()}
   * @param onPartUploaded hears the size of every part once it is uploaded; may throw to fail the
   *     upload
   */
  MultipartUpload(
      String operation,
      S3AsyncClient client,
      AbortJanitor janitor,
      S3Location location,
      URI uri,
      boolean checksum,
      boolean fullObject,
      String contentType,
      int partSize,
      int concurrency,
      Duration abortTimeout,
      LongConsumer onPartUploaded) {
    this.operation = operation;
    this.client = client;
    this.janitor = janitor;
    this.location = location;
    this.uri = uri;
    this.checksum = checksum;
    this.fullObject = fullObject;
    this.contentType = contentType;
    this.partSize = partSize;
    this.concurrency = concurrency;
    this.permits = new Semaphore(concurrency);
    this.onPartUploaded = onPartUploaded;
    this.abortTimeout = abortTimeout;
  }

  /**
   * Returns how long a writer waits for parts of {@code partBytes}: {@link #PART_WAIT}, plus a
   * second per MiB (a part slower than 1 MiB/s is taken for a client that stopped answering).
   */
  static Duration partWait(long partBytes) {
    return PART_WAIT.plusSeconds(Math.max(0, partBytes) >> 20);
  }

  /**
   * Returns the size of part {@code partNumber} (from 1) of an upload whose first parts are {@code
   * firstPartSize} bytes: the size doubles every {@link #PARTS_PER_SIZE} parts, up to {@link
   * #MAX_PART_SIZE}, so the part size follows the bytes written so far; 10,000 parts of a 5 MiB
   * start cover 5.6 TiB, of the default 8 MiB start 9 TiB.
   */
  static int partSize(int firstPartSize, int partNumber) {
    int doublings = Math.min(30, (partNumber - 1) / PARTS_PER_SIZE);
    long size = (long) firstPartSize << doublings;
    return (int) Math.max(firstPartSize, Math.min(size, MAX_PART_SIZE));
  }

  /** Returns the number the next part will have. */
  int nextPartNumber() {
    return nextPart;
  }

  /** Returns true once the first part was handed over. */
  boolean started() {
    return nextPart > 1;
  }

  /** Returns the upload id once CreateMultipartUpload answered, or empty. */
  Optional<String> uploadId() {
    CompletableFuture<String> id = uploadId;
    return id != null && id.isDone() && !id.isCompletedExceptionally()
        ? Optional.of(id.join())
        : Optional.empty();
  }

  /** Throws the failure of a part, if one failed. */
  void throwIfFailed() throws BlobStoreException {
    Throwable f = failure.get();
    if (f != null) {
      throw f instanceof BlobStoreException
          ? (BlobStoreException) f
          : S3Errors.wrap(operation, uri, f);
    }
  }

  /**
   * Waits until fewer than {@code concurrency} parts are in flight, then starts uploading {@code
   * body} as the next part.
   *
   * @param size the body's length
   * @param crc32c the body's CRC32C, or null when checksums are off
   * @param release called once the part is done with the body: true if it was uploaded
   */
  void uploadPart(AsyncRequestBody body, long size, @Nullable Integer crc32c, PartRelease release)
      throws IOException {
    boolean handedOver = false;
    try {
      throwIfFailed();
      if (nextPart > MAX_PARTS) {
        throw new BlobStoreException(
            operation,
            uri,
            "more than "
                + MAX_PARTS
                + " parts starting at "
                + partSize
                + " bytes: raise the part size (WriteOptions.withPartSize)",
            null);
      }
      if (checksum && crc32c == null) {
        throw new IllegalArgumentException("part " + nextPart + " has no CRC32C");
      }
      acquirePermit();
      try {
        throwIfFailed();
      } catch (BlobStoreException e) {
        permits.release();
        throw e;
      }
      int number = nextPart++;
      CompletableFuture<String> id = createIfNeeded();
      CompletableFuture<UploadPartResponse> part =
          id.thenCompose(uid -> client.uploadPart(partRequest(uid, number, size, crc32c), body));
      handedOver = true;
      inFlight.add(part);
      part.whenComplete(
          (response, error) -> {
            try {
              if (error == null) {
                partDone(number, response, crc32c, size);
              } else {
                String request =
                    id.isCompletedExceptionally()
                        ? "CreateMultipartUpload"
                        : "UploadPart " + number;
                fail(S3Errors.wrap(operation, uri, request, error));
              }
            } catch (RuntimeException | Error e) {
              fail(e);
            } finally {
              release.release(error == null); // before the permit: the bound counts this buffer
              inFlight.remove(part);
              permits.release();
            }
          });
    } finally {
      if (!handedOver) {
        release.release(false);
      }
    }
  }

  /**
   * Waits for the parts in flight and completes the upload.
   *
   * @param size the object's size
   * @param crc32c the object's CRC32C as hex, or null when checksums are off
   */
  BlobInfo complete(long size, @Nullable String crc32c) throws IOException {
    awaitParts();
    throwIfFailed();
    CompletableFuture<String> id = uploadId;
    if (id == null) {
      throw new IllegalStateException("complete before any part of " + uri);
    }
    String uid = S3Errors.join(id, operation, uri, "CreateMultipartUpload");
    List<CompletedPart> parts = new ArrayList<>(completed.values());
    parts.sort(Comparator.comparing(CompletedPart::partNumber));
    if (parts.size() != nextPart - 1) {
      throw new IllegalStateException(
          parts.size() + " of " + (nextPart - 1) + " parts of " + uri + " completed");
    }
    CompleteMultipartUploadRequest.Builder request =
        CompleteMultipartUploadRequest.builder()
            .bucket(location.bucket())
            .key(location.key())
            .uploadId(uid)
            .multipartUpload(m -> m.parts(parts))
            .mpuObjectSize(size);
    if (checksum && crc32c != null && fullObject) {
      request.checksumCRC32C(Crc32cs.hexToBase64(crc32c)).checksumType(ChecksumType.FULL_OBJECT);
    }
    CompleteMultipartUploadResponse response;
    try {
      response =
          S3Errors.join(
              client.completeMultipartUpload(request.build()),
              operation,
              uri,
              "CompleteMultipartUpload");
    } catch (BlobStoreException e) {
      if ("NoSuchUpload".equals(S3Errors.code(e.getCause() == null ? e : e.getCause()))) {
        // A retried Complete whose first attempt succeeded finds the upload gone: accept the
        // object if it is exactly what was written.
        BlobInfo there = alreadyCompleted(size, crc32c);
        if (there != null) {
          finished.set(true);
          return there;
        }
      }
      throw e;
    }
    finished.set(true);
    return new BlobInfo(uri, size, crc32c, S3BlobStore.unquote(response.eTag()));
  }

  /**
   * Waits for the parts in flight, then aborts the upload; does nothing after {@link #complete} or
   * a previous abort. Bounded and best-effort: everything together waits at most the store's abort
   * timeout; parts still in flight then are cancelled. What could not be confirmed (the upload id,
   * or that no id was ever learnt) is logged with what stays behind; an abort S3 did not get is
   * retried in the background by the {@link AbortJanitor} (and once more at JVM exit).
   */
  void abort() throws IOException {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    fail(new BlobStoreException(operation, uri, "the stream was aborted", null));
    long deadline = System.nanoTime() + abortTimeout.toNanos();
    boolean interrupted = false;
    int stuckParts = 0;
    for (CompletableFuture<?> part : List.copyOf(inFlight)) {
      S3Errors.Wait w = S3Errors.awaitQuietly(part, deadline);
      interrupted |= w == S3Errors.Wait.INTERRUPTED;
      if (w != S3Errors.Wait.DONE) {
        stuckParts++;
        part.cancel(true); // gives its buffer back; S3 may still hold what arrived
      }
    }
    CompletableFuture<String> id = uploadId;
    String left = null;
    if (id != null) {
      S3Errors.Wait w = S3Errors.awaitQuietly(id, deadline);
      interrupted |= w == S3Errors.Wait.INTERRUPTED;
      String uid = w == S3Errors.Wait.DONE && !id.isCompletedExceptionally() ? id.join() : null;
      if (uid != null) {
        CompletableFuture<Boolean> aborted = janitor.abort(location, uid, uri);
        S3Errors.Wait a = S3Errors.awaitQuietly(aborted, deadline);
        interrupted |= a == S3Errors.Wait.INTERRUPTED;
        if (a != S3Errors.Wait.DONE || !aborted.getNow(false)) {
          left =
              "multipart upload "
                  + uid
                  + " is not aborted yet (retried in the background until the store closes)";
        }
      } else if (w != S3Errors.Wait.DONE) {
        id.cancel(true);
        left =
            "CreateMultipartUpload did not answer: an upload whose id is unknown may exist"
                + " (only a bucket lifecycle rule removes it)";
      }
      S3Errors.Wait sw = S3Errors.awaitQuietly(sweep(uid), deadline);
      interrupted |= sw == S3Errors.Wait.INTERRUPTED;
    }
    if (left != null || stuckParts > 0) {
      LOG.warn(
          "aborting the write of {}: {}{}",
          uri,
          stuckParts > 0
              ? stuckParts
                  + " part(s) still in flight after "
                  + abortTimeout.toMillis()
                  + " ms were cancelled; "
              : "",
          left != null ? left : "the upload is aborted");
    }
    lastAbortLeft = left;
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Returns what the last {@link #abort()} left behind, or null; for tests. */
  @Nullable String lastAbortLeft() {
    return lastAbortLeft;
  }

  /**
   * Aborts the upload of a stream that was dropped without being closed: once the parts in flight
   * are done, without waiting. Does nothing after {@link #complete} or {@link #abort}.
   */
  void abandon() {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    fail(new BlobStoreException(operation, uri, "the stream was dropped without close()", null));
    CompletableFuture<String> id = uploadId;
    if (id == null) {
      return;
    }
    CompletableFuture<?>[] parts = inFlight.toArray(new CompletableFuture<?>[0]);
    CompletableFuture.allOf(parts)
        .handle((ok, e) -> null)
        .thenCompose(ignored -> id)
        .thenCompose(uid -> janitor.abort(location, uid, uri).thenCompose(ok -> sweep(uid)));
  }

  /**
   * Sweeps uploads of this key that a lost answer to this upload's CreateMultipartUpload left
   * behind (the SDK sent it again and got another upload): those initiated, by the server's clock,
   * while the Create was under way, give or take {@link #CLOCK_SKEW}. A writer of the same key
   * whose upload started within that window would lose it (its write fails and commits nothing);
   * Flyte's keys are unique per attempt, so this does not arise there.
   */
  private CompletableFuture<Integer> sweep(@Nullable String keep) {
    SweepWindow w = sweepWindow;
    if (w == null) {
      return CompletableFuture.completedFuture(0);
    }
    return janitor.sweep(location, keep, uri, w.from(), w.to());
  }

  private static SweepWindow window(CreateMultipartUploadResponse response, Duration took) {
    Instant serverNow =
        response
            .sdkHttpResponse()
            .firstMatchingHeader("Date")
            .flatMap(MultipartUpload::parseHttpDate)
            .orElse(null);
    if (serverNow == null) {
      Instant now = Instant.now();
      return new SweepWindow(now.minus(took).minus(CLOCK_SKEW), now.plus(CLOCK_SKEW));
    }
    // Date has whole seconds: the answer left the server up to a second after serverNow
    return new SweepWindow(
        serverNow.minus(took).minus(DATE_SLACK), serverNow.plus(DATE_SLACK).plusSeconds(1));
  }

  private static Optional<Instant> parseHttpDate(String value) {
    try {
      return Optional.of(
          ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private CompletableFuture<String> createIfNeeded() {
    CompletableFuture<String> id = uploadId;
    if (id == null) {
      CreateMultipartUploadRequest.Builder request =
          CreateMultipartUploadRequest.builder().bucket(location.bucket()).key(location.key());
      if (!contentType.isEmpty()) {
        request.contentType(contentType);
      }
      if (checksum) {
        request
            .checksumAlgorithm(ChecksumAlgorithm.CRC32_C)
            .checksumType(fullObject ? ChecksumType.FULL_OBJECT : ChecksumType.COMPOSITE);
      }
      long sent = System.nanoTime();
      Instant sentAt = Instant.now();
      // until an answer tells the server's clock, the window is the client's, widened for skew
      sweepWindow = new SweepWindow(sentAt.minus(CLOCK_SKEW), sentAt.plus(CLOCK_SKEW));
      id =
          client
              .createMultipartUpload(request.build())
              .thenApply(
                  response -> {
                    sweepWindow = window(response, Duration.ofNanos(System.nanoTime() - sent));
                    return response.uploadId();
                  });
      uploadId = id;
    }
    return id;
  }

  private UploadPartRequest partRequest(
      String uid, int number, long size, @Nullable Integer crc32c) {
    UploadPartRequest.Builder request =
        UploadPartRequest.builder()
            .bucket(location.bucket())
            .key(location.key())
            .uploadId(uid)
            .partNumber(number)
            .contentLength(size);
    if (crc32c != null) {
      // The value alone (x-amz-checksum-crc32c), without x-amz-sdk-checksum-algorithm: that one
      // announces a checksum the SDK computes into a trailer, and servers that see it may look
      // for the trailer and skip the header (S3Mock does).
      request.checksumCRC32C(Crc32cs.base64(crc32c));
    }
    return request.build();
  }

  private void partDone(
      int number, UploadPartResponse response, @Nullable Integer crc32c, long size) {
    String echoed = response.checksumCRC32C();
    if (crc32c != null && echoed != null && !echoed.equals(Crc32cs.base64(crc32c))) {
      throw new IllegalStateException(
          "UploadPart "
              + number
              + " of "
              + uri
              + ": S3 stored crc32c "
              + echoed
              + " but "
              + Crc32cs.base64(crc32c)
              + " was sent");
    }
    CompletedPart.Builder part = CompletedPart.builder().partNumber(number).eTag(response.eTag());
    if (crc32c != null) {
      part.checksumCRC32C(Crc32cs.base64(crc32c));
    }
    completed.put(number, part.build());
    onPartUploaded.accept(size);
  }

  private @Nullable BlobInfo alreadyCompleted(long size, @Nullable String crc32c) {
    try {
      Optional<BlobInfo> there = S3BlobStore.head(client, location, uri, "write");
      if (there.isPresent()
          && there.get().size() == size
          && crc32c != null
          && crc32c.equals(there.get().crc32c())) {
        return there.get();
      }
    } catch (IOException e) {
      // not provably ours
    }
    return null;
  }

  private void fail(Throwable e) {
    failure.compareAndSet(null, e);
  }

  private void acquirePermit() throws IOException {
    try {
      Duration wait = partWait(partSize(partSize, nextPart));
      if (!permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new BlobStoreException(
            operation, uri, "no part in flight finished within " + wait.toMinutes() + " min", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted = new InterruptedIOException("interrupted");
      interrupted.initCause(e);
      throw interrupted;
    }
  }

  private void awaitParts() throws IOException {
    try {
      Duration wait = partWait(partSize(partSize, nextPart));
      if (!permits.tryAcquire(concurrency, wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new BlobStoreException(
            operation,
            uri,
            inFlight.size()
                + " part(s) in flight did not finish within "
                + wait.toMinutes()
                + " min",
            null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted = new InterruptedIOException("interrupted");
      interrupted.initCause(e);
      throw interrupted;
    }
    permits.release(concurrency);
  }

  /** Gives a part's body back once the part is done. */
  @FunctionalInterface
  interface PartRelease {
    /** Called once; {@code uploaded} is true if the part reached S3. */
    void release(boolean uploaded);
  }
}
