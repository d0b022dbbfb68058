package dev.ferry.blob.s3;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.ProgressListener;
import dev.ferry.blob.WriteOptions;
import dev.ferry.blob.spi.AbstractBlobOutputStream;
import dev.ferry.blob.spi.Crc32cs;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A streaming write to S3. Bytes fill a {@link PartBuffer}; a full buffer goes out as a part of a
 * {@link MultipartUpload} as soon as the next byte arrives, while the writer fills the next one,
 * with at most {@code concurrency} parts in flight. Each buffer first reserves its part's size from
 * the store's {@link PartMemory}, shared by all its writes: memory stays within {@code partSize x
 * (concurrency + 1)} and within the store's part memory whatever the object's size, and nothing is
 * spooled to disk. Part sizes grow with the bytes written ({@link MultipartUpload#partSize}). An
 * object that fits in one part goes out as one PutObject when the stream is committed.
 *
 * <p>Progress: the listener hears the bytes uploaded as each part completes (total -1), and {@code
 * (size, size)} on commit. A stream dropped without {@link #commit()} or {@link #abort()} has its
 * multipart upload aborted by a {@link Cleaner} once it is unreachable.
 */
final class S3OutputStream extends AbstractBlobOutputStream {
  private static final Cleaner CLEANER =
      Cleaner.create(
          r -> {
            Thread t = new Thread(r, "ferry-s3-stream-cleaner");
            t.setDaemon(true);
            return t;
          });
  private static final String WRITE = OPERATION;

  private final S3AsyncClient client;
  private final S3Location location;
  private final boolean checksum;
  private final String contentType;
  private final ProgressListener progress;
  private final PartBuffers buffers;
  private final MultipartUpload upload;
  private final Cleaner.Cleanable cleanable;
  private @Nullable PartBuffer current;
  private long submitted; // bytes handed to the upload as parts

  S3OutputStream(
      S3AsyncClient client,
      AbortJanitor janitor,
      S3Location location,
      URI uri,
      WriteOptions options,
      PartMemory memory,
      S3Settings settings) {
    super(uri, options.withProgress(ProgressListener.NONE));
    this.client = client;
    this.location = location;
    this.checksum = options.checksum();
    this.contentType = options.contentType();
    this.progress = options.progress();
    this.buffers =
        new PartBuffers(memory, options.partSize(), MultipartUpload.PART_WAIT, WRITE, uri);
    this.upload =
        new MultipartUpload(
            WRITE,
            client,
            janitor,
            location,
            uri,
            checksum,
            settings.fullObjectChecksum(),
            contentType,
            options.partSize(),
            options.concurrency(),
            settings.abortTimeout(),
            partUploadedListener(uri, progress));
    this.cleanable = CLEANER.register(this, upload::abandon);
  }

  /** Returns the memory accounting of this stream, for tests. */
  PartBuffers buffers() {
    return buffers;
  }

  /** Returns the multipart upload of this stream, for tests. */
  MultipartUpload upload() {
    return upload;
  }

  @Override
  protected void writeBytes(byte[] b, int off, int len) throws IOException {
    try {
      int done = 0;
      while (done < len) {
        done += bufferWithRoom().write(b, off + done, len - done);
      }
    } finally {
      Reference.reachabilityFence(this); // no cleaning while a write waits for a part
    }
  }

  @Override
  protected void writeBytes(ByteBuffer src) throws IOException {
    try {
      while (src.hasRemaining()) {
        bufferWithRoom().write(src);
      }
    } finally {
      Reference.reachabilityFence(this); // no cleaning while a write waits for a part
    }
  }

  @Override
  protected BlobInfo commit(long size, @Nullable String crc32c) throws IOException {
    PartBuffer last = current;
    current = null;
    BlobInfo info;
    if (!upload.started()) {
      info = putObject(last, size, crc32c);
    } else {
      if (last != null && last.size() > 0) {
        submit(last);
      } else if (last != null) {
        last.release(false);
      }
      info = upload.complete(size, crc32c);
    }
    cleanable.clean(); // keeps the stream reachable until here, so it is not cleaned mid-commit
    progress.onProgress(uri(), size, size);
    return info;
  }

  @Override
  protected void discard() throws IOException {
    PartBuffer c = current;
    current = null;
    if (c != null) {
      c.release(false);
    }
    try {
      upload.abort();
    } finally {
      cleanable.clean();
    }
  }

  /** Returns the buffer to write into, sending the full one first. */
  private PartBuffer bufferWithRoom() throws IOException {
    upload.throwIfFailed();
    PartBuffer c = current;
    if (c != null && c.isFull()) {
      current = null;
      submit(c);
      c = null;
    }
    if (c == null) {
      c = buffers.allocate(upload.nextPartNumber(), submitted, checksum);
      current = c;
    }
    return c;
  }

  private void submit(PartBuffer part) throws IOException {
    submitted += part.size();
    upload.uploadPart(part.body(), part.size(), checksum ? part.crc32c() : null, part::release);
  }

  private BlobInfo putObject(@Nullable PartBuffer part, long size, @Nullable String crc32c)
      throws IOException {
    try {
      PutObjectRequest.Builder request =
          PutObjectRequest.builder()
              .bucket(location.bucket())
              .key(location.key())
              .contentLength(size);
      if (!contentType.isEmpty()) {
        request.contentType(contentType);
      }
      if (checksum && crc32c != null) {
        request.checksumCRC32C(Crc32cs.hexToBase64(crc32c)); // the value alone, as for parts
      }
      AsyncRequestBody body = part == null ? AsyncRequestBody.empty() : part.body();
      PutObjectResponse response =
          S3Errors.join(client.putObject(request.build(), body), WRITE, uri(), "PutObject");
      return new BlobInfo(uri(), size, crc32c, S3BlobStore.unquote(response.eTag()));
    } finally {
      if (part != null) {
        part.release(true);
      }
    }
  }

  /**
   * Returns the listener of part completions: it reports bytes uploaded so far. Static, so it holds
   * no reference to the stream (the {@link Cleaner} needs the stream to become unreachable).
   */
  private static LongConsumer partUploadedListener(URI uri, ProgressListener progress) {
    if (progress == ProgressListener.NONE) {
      return bytes -> {};
    }
    long[] total = {0};
    return bytes -> {
      synchronized (total) {
        total[0] += bytes;
        progress.onProgress(uri, total[0], -1);
      }
    };
  }
}
