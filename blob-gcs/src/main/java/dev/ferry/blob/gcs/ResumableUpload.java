package dev.ferry.blob.gcs;

import com.google.cloud.WriteChannel;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import dev.ferry.blob.BlobStoreException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The resumable upload session behind a {@link GcsOutputStream}: started with the first chunk
 * ({@link Storage#writer}: {@code POST uploadType=resumable}), fed whole chunks (one PUT each,
 * {@code Content-Range: bytes a-b/*}, retried by the client), finalized by {@link #finish} (the
 * last PUT, {@code bytes a-b/total} with the client's CRC32C, which makes the object visible). The
 * object made is then read back from the session itself ({@code bytes * /*} on a finished session
 * answers the object), which names its generation even if another writer replaced it meanwhile.
 *
 * <p>With an executor, chunks upload on it while the writer fills the next one: two chunk buffers
 * circulate, so a writer faster than the network waits for the upload before the one ahead of it.
 * {@link #cancel} stops it: chunks not yet sent are dropped, the session is never finalized, and
 * its URL gets a DELETE. As the {@link java.lang.ref.Cleaner} action of its stream, it does the
 * same for a stream dropped without being closed; it holds no reference to its stream.
 */
final class ResumableUpload implements Runnable {
  private final Storage storage;
  private final BlobInfo target;
  private final Storage.BlobWriteOption[] options;
  private final @Nullable Executor executor;
  private final ResumableSessions sessions;
  private final URI uri;
  private final int chunkSize;
  private final AtomicReference<@Nullable String> sessionUrl = new AtomicReference<>();
  private final BlockingQueue<byte[]> spares = new ArrayBlockingQueue<>(2);
  private volatile @Nullable Throwable failure;
  private volatile boolean cancelled;
  private volatile boolean committed;
  private int allocated;
  private CompletableFuture<@Nullable Void> tail = CompletableFuture.completedFuture(null);
  private @Nullable WriteChannel channel; // used by one uploading thread at a time, in order

  /**
   * Creates the upload of {@code target}; {@code executor} null uploads each chunk in the writer's
   * thread.
   */
  ResumableUpload(
      Storage storage,
      BlobInfo target,
      Storage.BlobWriteOption[] options,
      @Nullable Executor executor,
      ResumableSessions sessions,
      URI uri,
      int chunkSize) {
    this.storage = storage;
    this.target = target;
    this.options = options.clone();
    this.executor = executor;
    this.sessions = sessions;
    this.uri = uri;
    this.chunkSize = chunkSize;
  }

  /** Throws the failure of an earlier chunk, if one failed. */
  void throwIfFailed() throws IOException {
    Throwable f = failure;
    if (f != null) {
      throw GcsErrors.wrap(GcsOutputStream.OPERATION, uri, f);
    }
  }

  /**
   * Uploads {@code length} bytes of {@code chunk} (a whole chunk) and returns the buffer to fill
   * next: with an executor the upload runs there and the buffer is another one.
   */
  byte[] submit(byte[] chunk, int length) throws IOException {
    throwIfFailed();
    Executor e = executor;
    if (e == null) {
      write(chunk, length);
      return chunk;
    }
    allocated = Math.max(allocated, 1);
    tail = tail.thenRunAsync(() -> uploadQuietly(chunk, length), e);
    return nextBuffer();
  }

  /** Uploads the last {@code length} bytes, finalizes the session and returns the object made. */
  GcsOutputStream.Stored finish(byte[] last, int length) throws IOException {
    throwIfFailed();
    Executor e = executor;
    if (e != null) {
      tail = tail.thenRunAsync(() -> uploadQuietly(last, length), e);
      await(tail);
      throwIfFailed();
    } else {
      write(last, length);
    }
    WriteChannel ch = channel;
    if (ch == null) {
      throw new IllegalStateException("finish() of an upload never started");
    }
    ch.close(); // the final PUT: the object is visible from here
    committed = true;
    String url = sessionUrl.getAndSet(null);
    if (url == null) {
      throw new BlobStoreException(
          GcsOutputStream.OPERATION,
          uri,
          "committed, but the upload session is unknown, so the object made cannot be checked",
          null);
    }
    return sessions.result(url, uri);
  }

  /** Stops the upload: nothing more is sent, the session is cancelled, nothing is finalized. */
  void cancel() {
    cancelled = true;
    cancelSession();
  }

  /** The Cleaner action: cancels the upload of a stream dropped before it committed. */
  @Override
  public void run() {
    if (!committed) {
      cancel();
    }
  }

  private byte[] nextBuffer() throws IOException {
    byte[] spare = spares.poll();
    if (spare != null) {
      return spare;
    }
    if (allocated < 2) {
      allocated++;
      return new byte[chunkSize];
    }
    try {
      while ((spare = spares.poll(50, TimeUnit.MILLISECONDS)) == null) {
        throwIfFailed();
      }
      return spare;
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a chunk upload");
    }
  }

  private void uploadQuietly(byte[] chunk, int length) {
    try {
      if (!cancelled && failure == null) {
        write(chunk, length);
      }
    } catch (Throwable t) {
      if (failure == null) {
        failure = t;
      }
    } finally {
      if (chunk.length == chunkSize) {
        spares.offer(chunk);
      }
    }
  }

  private void write(byte[] chunk, int length) throws IOException {
    if (cancelled) {
      throw new BlobStoreException(
          GcsOutputStream.OPERATION, uri, "the upload was cancelled", null);
    }
    WriteChannel ch = channel;
    if (ch == null) {
      ch = ResumableSessions.capturing(sessionUrl, () -> storage.writer(target, options));
      ch.setChunkSize(chunkSize);
      channel = ch;
      if (cancelled) {
        cancelSession();
        return;
      }
    }
    ByteBuffer b = ByteBuffer.wrap(chunk, 0, length);
    while (b.hasRemaining()) {
      ch.write(b); // a whole chunk: one PUT
    }
  }

  private void cancelSession() {
    String url = sessionUrl.getAndSet(null);
    if (url != null) {
      sessions.cancel(url);
    }
  }

  private static void await(CompletableFuture<?> future) throws IOException {
    try {
      future.get(ReadAheadInputStream.WAIT.toMinutes(), TimeUnit.MINUTES);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new IOException(
          "a chunk upload did not finish within " + ReadAheadInputStream.WAIT.toMinutes() + " min",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a chunk upload");
    } catch (ExecutionException e) {
      throw new IOException(e.getCause());
    }
  }
}
