package dev.ferry.blob.gcs;

import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.WriteOptions;
import dev.ferry.blob.spi.AbstractBlobOutputStream;
import dev.ferry.blob.spi.Crc32cs;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A streaming write of one GCS object. Bytes fill a chunk buffer (growing up to the chunk size, so
 * a small object costs its own size); an object that fits in one chunk goes up in a single
 * multipart request when the stream is committed, anything larger through a {@link ResumableUpload}
 * started when the first chunk is full. Either way nothing is visible under the name before {@link
 * #commit()}: a multipart request is only sent then, and a resumable session makes its object only
 * with the final chunk.
 *
 * <p>The object GCS reports at the end is checked against what was written: its size, and its
 * CRC32C against the one computed while streaming (besides, the client sends its own CRC32C with
 * the last chunk, or the CRC32C and MD5 with a multipart request, and GCS refuses a mismatch). On a
 * mismatch the new generation is deleted (that generation only) and the write fails.
 */
final class GcsOutputStream extends AbstractBlobOutputStream {
  static final String OPERATION = AbstractBlobOutputStream.OPERATION;

  /**
   * What GCS says of the object a write made.
   *
   * @param size its size, or -1 if not said
   * @param crc32c its CRC32C in base64, if said
   * @param generation its generation, if said
   */
  record Stored(long size, @Nullable String crc32c, @Nullable Long generation) {
    static Stored of(BlobInfo blob) {
      return new Stored(
          blob.getSize() == null ? -1 : blob.getSize(), blob.getCrc32c(), blob.getGeneration());
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(GcsOutputStream.class);
  private static final Cleaner CLEANER = Cleaner.create();
  private static final int FIRST_BUFFER = 64 * 1024;

  private final Storage storage;
  private final GcsLocation location;
  private final BlobInfo target;
  private final Storage.BlobTargetOption[] targetOptions;
  private final ResumableUpload upload;
  private final Cleaner.Cleanable cleanable;
  private final int chunkSize;
  private byte @Nullable [] buffer;
  private int count;
  private boolean started;

  GcsOutputStream(
      URI uri,
      WriteOptions options,
      Storage storage,
      GcsLocation location,
      BlobInfo target,
      Storage.BlobTargetOption[] targetOptions,
      ResumableUpload upload,
      int chunkSize) {
    super(uri, options);
    this.storage = storage;
    this.location = location;
    this.target = target;
    this.targetOptions = targetOptions.clone();
    this.upload = upload;
    this.chunkSize = chunkSize;
    this.buffer = new byte[Math.min(FIRST_BUFFER, chunkSize)];
    this.cleanable = CLEANER.register(this, upload);
  }

  @Override
  protected void writeBytes(byte[] b, int off, int len) throws IOException {
    upload.throwIfFailed();
    while (len > 0) {
      byte[] buf = room();
      int n = Math.min(len, buf.length - count);
      System.arraycopy(b, off, buf, count, n);
      count += n;
      off += n;
      len -= n;
    }
  }

  @Override
  protected void writeBytes(ByteBuffer src) throws IOException {
    upload.throwIfFailed();
    while (src.hasRemaining()) {
      byte[] buf = room();
      int n = Math.min(src.remaining(), buf.length - count);
      src.get(buf, count, n);
      count += n;
    }
  }

  @Override
  protected dev.ferry.blob.BlobInfo commit(long size, @Nullable String crc32c) throws IOException {
    byte[] buf = buffer();
    Stored stored;
    try {
      if (started) {
        stored = upload.finish(buf, count);
      } else {
        stored = Stored.of(storage.create(target, buf, 0, count, targetOptions));
      }
    } catch (IOException | RuntimeException e) {
      throw failure(e);
    } finally {
      buffer = null;
    }
    dev.ferry.blob.BlobInfo info = verify(stored, size, crc32c);
    cleanable.clean(); // committed: nothing to cancel
    return info;
  }

  @Override
  protected void discard() {
    buffer = null;
    upload.cancel();
    cleanable.clean();
  }

  /** Returns the buffer with room for a byte: grown, or the next one after a full chunk is sent. */
  private byte[] room() throws IOException {
    byte[] buf = buffer();
    if (count < buf.length) {
      return buf;
    }
    if (buf.length < chunkSize) {
      buf = Arrays.copyOf(buf, (int) Math.min(chunkSize, buf.length * 2L));
    } else {
      try {
        buf = upload.submit(buf, count);
      } catch (IOException | RuntimeException e) {
        throw failure(e);
      }
      started = true;
      count = 0;
    }
    buffer = buf;
    return buf;
  }

  private byte[] buffer() {
    byte[] b = buffer;
    if (b == null) {
      throw new IllegalStateException("the stream of " + uri() + " is closed");
    }
    return b;
  }

  /** Checks the object GCS made against what was written; deletes it on a mismatch. */
  private dev.ferry.blob.BlobInfo verify(Stored stored, long size, @Nullable String crc32c)
      throws IOException {
    long storedSize = stored.size();
    String storedCrc = stored.crc32c() == null ? null : Crc32cs.base64ToHex(stored.crc32c());
    Long generation = stored.generation();
    String problem = null;
    if (storedSize != size) {
      problem = "size mismatch: wrote " + size + " bytes but the store has " + storedSize;
    } else if (crc32c != null && storedCrc != null && !crc32c.equals(storedCrc)) {
      problem = "checksum mismatch: wrote crc32c " + crc32c + " but the store has " + storedCrc;
    }
    if (problem != null) {
      throw new BlobStoreException(OPERATION, uri(), problem + deleteGeneration(generation), null);
    }
    if (crc32c != null && storedCrc == null) {
      LOG.debug("{}: the store reported no crc32c; the write is checked by size only", uri());
    }
    return new dev.ferry.blob.BlobInfo(
        uri(), size, storedCrc, generation == null ? null : generation.toString());
  }

  private String deleteGeneration(@Nullable Long generation) {
    if (generation == null) {
      return " (the store gave no generation to delete)";
    }
    try {
      boolean deleted = storage.delete(location.blobId(generation));
      return deleted
          ? "; generation " + generation + " was deleted"
          : "; generation " + generation + " was already gone";
    } catch (RuntimeException e) {
      return "; deleting generation "
          + generation
          + " failed too: "
          + GcsErrors.wrap("delete", uri(), e).reason();
    }
  }

  private BlobStoreException failure(Throwable e) {
    BlobStoreException wrapped = GcsErrors.wrap(OPERATION, uri(), e);
    if (GcsErrors.status(e) == 412) {
      return new BlobStoreException(
          OPERATION,
          uri(),
          wrapped.reason() + " (the object changed since this write began: another writer?)",
          e);
    }
    return wrapped;
  }
}
