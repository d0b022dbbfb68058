package dev.ferry.blob.file;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.WriteOptions;
import dev.ferry.blob.internal.TempFiles;
import dev.ferry.blob.spi.AbstractBlobOutputStream;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Writes a hidden temp file beside the target; {@link #commit()} forces it to disk (unless {@link
 * WriteOptions#durable()} is off) and renames it over the target atomically. A stream dropped
 * without being committed or closed is cleaned by a {@link Cleaner}: its temp file is deleted once
 * the stream is garbage collected.
 */
final class FileBlobOutputStream extends AbstractBlobOutputStream {
  private static final Cleaner CLEANER = Cleaner.create();

  /** The most bytes buffered before they go to the channel. */
  private static final int BUFFER_SIZE = 64 * 1024;

  /** The first buffer's size: a small document allocates no more than this. */
  private static final int FIRST_BUFFER = 1024;

  private static final byte[] EMPTY = new byte[0];

  private final Path target;
  private final TempState temp;
  private final Cleaner.Cleanable cleanable;
  private final boolean durable;

  /**
   * Bytes not yet written to the channel: empty until the first write, then grown by doubling up to
   * {@link #BUFFER_SIZE}, so a document of a few hundred bytes does not allocate 64 KiB (an
   * executor writes two per action) while a large object still goes out in 64 KiB writes.
   */
  private byte[] buffer = EMPTY;

  private int count;

  FileBlobOutputStream(URI uri, WriteOptions options, Path target, TempFiles.Temp temp) {
    super(uri, options);
    this.durable = options.durable();
    this.target = target;
    this.temp = new TempState(temp.path(), temp.channel());
    this.cleanable = CLEANER.register(this, this.temp);
  }

  /** Returns the temp file being written. */
  Path tempPath() {
    return temp.path;
  }

  @Override
  protected void writeBytes(byte[] b, int off, int len) throws IOException {
    if (len >= BUFFER_SIZE) {
      flushBuffer();
      // in slices: the JDK copies a heap buffer into a per-thread direct one of the same size
      for (int done = 0; done < len; done += BUFFER_SIZE) {
        writeFully(ByteBuffer.wrap(b, off + done, Math.min(BUFFER_SIZE, len - done)));
      }
      return;
    }
    if (count + len > buffer.length) {
      if (buffer.length < BUFFER_SIZE) {
        int size = Math.max(FIRST_BUFFER, buffer.length * 2);
        while (size < count + len && size < BUFFER_SIZE) {
          size *= 2;
        }
        buffer = Arrays.copyOf(buffer, Math.min(size, BUFFER_SIZE));
      }
      if (count + len > buffer.length) {
        flushBuffer();
      }
    }
    System.arraycopy(b, off, buffer, count, len);
    count += len;
  }

  private void flushBuffer() throws IOException {
    if (count > 0) {
      writeFully(ByteBuffer.wrap(buffer, 0, count));
      count = 0;
    }
  }

  private void writeFully(ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      temp.channel.write(src);
    }
  }

  @Override
  protected void writeBytes(ByteBuffer src) throws IOException {
    if (!src.isDirect() || src.remaining() < BUFFER_SIZE) {
      super.writeBytes(src);
      return;
    }
    flushBuffer();
    writeFully(src);
  }

  @Override
  protected BlobInfo commit(long size, @Nullable String crc32c) throws IOException {
    flushBuffer();
    if (durable) {
      temp.channel.force(true);
    }
    temp.close();
    if (durable) {
      TempFiles.commit(temp.path, target);
    } else {
      TempFiles.publish(temp.path, target);
    }
    temp.committed = true;
    cleanable.clean();
    return new BlobInfo(uri(), size, crc32c, null);
  }

  @Override
  protected void discard() throws IOException {
    try {
      temp.delete();
    } finally {
      cleanable.clean();
    }
  }

  /** What must be released if the stream is dropped; holds no reference to the stream. */
  private static final class TempState implements Runnable {
    private final Path path;
    private final FileChannel channel;
    private volatile boolean committed;

    TempState(Path path, FileChannel channel) {
      this.path = path;
      this.channel = channel;
    }

    void close() throws IOException {
      channel.close();
    }

    void delete() throws IOException {
      try {
        channel.close();
      } finally {
        Files.deleteIfExists(path);
      }
    }

    @Override
    public void run() {
      if (committed) {
        return;
      }
      try {
        delete();
      } catch (IOException e) {
        // Cleaning up after a stream nobody closed: there is no caller left to tell.
      }
    }
  }
}
