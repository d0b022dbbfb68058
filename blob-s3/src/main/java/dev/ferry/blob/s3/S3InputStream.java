package dev.ferry.blob.s3;

import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.spi.VerifyingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * The bytes of one object, or of a range of it (after bytes the caller fetched already), fetched in
 * ranged GETs of {@code chunkSize} that run {@code readAhead} chunks ahead of the reader: memory
 * stays within {@code chunkSize x (readAhead + 1)}. Every GET carries {@code If-Match} with the
 * object's ETag, so an object replaced mid-read fails the read instead of mixing versions. An
 * object that fits in one chunk is fetched by one plain GET with {@code ChecksumMode.ENABLED},
 * whose CRC32C the SDK checks.
 *
 * <p>A chunk whose transfer breaks off (a reset connection mid-body) is fetched again, up to {@code
 * maxAttempts} times; S3 errors were already retried by the SDK and are not. The caller checks the
 * whole stream's size and CRC32C ({@link VerifyingInputStream}).
 */
final class S3InputStream extends InputStream {
  private static final byte[] EMPTY = new byte[0];

  private final S3AsyncClient client;
  private final S3Location location;
  private final URI uri;
  private final long size;
  private final long end;
  private final @Nullable String etag;
  private final int chunkSize;
  private final int readAhead;
  private final int maxAttempts;
  private final Duration baseDelay;
  private final ArrayDeque<Chunk> window = new ArrayDeque<>();
  private long nextOffset;
  private byte[] chunk = EMPTY;
  private int position;
  private final byte[] one = new byte[1];
  private volatile boolean closed;

  /** A chunk on its way: its bytes, and the SDK request of its latest attempt (to cancel). */
  private record Chunk(
      long offset,
      int length,
      CompletableFuture<byte[]> bytes,
      AtomicReference<CompletableFuture<?>> request) {}

  S3InputStream(
      S3AsyncClient client,
      S3Location location,
      URI uri,
      long size,
      @Nullable String etag,
      byte[] first,
      long start,
      long count,
      int chunkSize,
      int readAhead,
      int maxAttempts,
      Duration baseDelay) {
    this.client = client;
    this.location = location;
    this.uri = uri;
    this.size = size;
    this.etag = etag;
    this.chunk = first;
    this.nextOffset = start;
    this.end = start + count;
    this.chunkSize = chunkSize;
    this.readAhead = readAhead;
    this.maxAttempts = maxAttempts;
    this.baseDelay = baseDelay;
  }

  @Override
  public int read() throws IOException {
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw new BlobStoreException(VerifyingInputStream.READ, uri, "the stream is closed", null);
    }
    if (len == 0) {
      return 0;
    }
    if (position == chunk.length && !nextChunk()) {
      return -1;
    }
    int n = Math.min(len, chunk.length - position);
    System.arraycopy(chunk, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return chunk.length - position;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    chunk = EMPTY;
    position = 0;
    for (Chunk c : window) {
      CompletableFuture<?> request = c.request.get();
      if (request != null) {
        request.cancel(true); // aborts the SDK request
      }
      c.bytes.cancel(true);
    }
    window.clear();
  }

  private boolean nextChunk() throws IOException {
    chunk = EMPTY;
    position = 0;
    while (window.size() <= readAhead && nextOffset < end) {
      int length = (int) Math.min(chunkSize, end - nextOffset);
      AtomicReference<CompletableFuture<?>> request =
          new AtomicReference<>(CompletableFuture.completedFuture(null));
      window.add(new Chunk(nextOffset, length, fetch(nextOffset, length, 1, request), request));
      nextOffset += length;
    }
    Chunk head = window.poll();
    if (head == null) {
      return false;
    }
    chunk = S3Errors.join(head.bytes, VerifyingInputStream.READ, uri, describe(head));
    return true;
  }

  private CompletableFuture<byte[]> fetch(
      long offset, int length, int attempt, AtomicReference<CompletableFuture<?>> request) {
    if (closed) {
      return CompletableFuture.failedFuture(new CancellationException("the stream is closed"));
    }
    GetObjectRequest.Builder get =
        GetObjectRequest.builder().bucket(location.bucket()).key(location.key());
    if (offset == 0 && length == size) {
      get.checksumMode(ChecksumMode.ENABLED);
    } else {
      get.range("bytes=" + offset + "-" + (offset + length - 1));
    }
    if (etag != null) {
      get.ifMatch(etag);
    }
    CompletableFuture<byte[]> bytes = client.getObject(get.build(), new ChunkTransformer(length));
    request.set(bytes);
    return bytes.exceptionallyCompose(
        failure -> {
          if (attempt >= maxAttempts || !isBrokenTransfer(failure) || closed) {
            return CompletableFuture.failedFuture(S3Errors.unwrap(failure));
          }
          long delay = backoffMillis(attempt);
          return CompletableFuture.supplyAsync(
                  () -> null, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS))
              .thenCompose(ignored -> fetch(offset, length, attempt + 1, request));
        });
  }

  private long backoffMillis(int attempt) {
    long max = baseDelay.toMillis() << Math.min(attempt - 1, 10);
    return max <= 0 ? 0 : ThreadLocalRandom.current().nextLong(max + 1);
  }

  /** Returns true for a failure of the transfer itself, not an answer of S3. */
  private static boolean isBrokenTransfer(Throwable failure) {
    return S3Errors.status(failure) < 0 && S3Errors.isTransient(failure);
  }

  private String describe(Chunk c) {
    return c.offset == 0 && c.length == size
        ? "GetObject"
        : "GetObject bytes=" + c.offset + "-" + (c.offset + c.length - 1);
  }
}
