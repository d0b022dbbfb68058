package dev.ferry.blob.file;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.WriteOptions;
import dev.ferry.blob.internal.TempFiles;
import dev.ferry.blob.spi.AbstractBlobOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Writes a hidden temp file beside the target; {@link #commit()} forces it to disk (unless {@link
 * WriteOptions#durable()} is off) and renames it over the target atomically. A stream dropped
 * without being committed or closed is cleaned by a {@link Cleaner}: its temp file is deleted once
 * the stream is garbage collected.
 */
final class FileBlobOutputStream extends AbstractBlobOutputStream {
  private static final Cleaner CLEANER = Cleaner.create();
  private static final int BUFFER_SIZE = 64 * 1024;

  private final Path target;
  private final TempState temp;
  private final Cleaner.Cleanable cleanable;
  private final OutputStream out;
  private final boolean durable;

  FileBlobOutputStream(URI uri, WriteOptions options, Path target, TempFiles.Temp temp) {
    super(uri, options);
    this.durable = options.durable();
    this.target = target;
    this.temp = new TempState(temp.path(), temp.channel());
    this.cleanable = CLEANER.register(this, this.temp);
    this.out = new BufferedOutputStream(Channels.newOutputStream(temp.channel()), BUFFER_SIZE);
  }

  /** Returns the temp file being written. */
  Path tempPath() {
    return temp.path;
  }

  @Override
  protected void writeBytes(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }

  @Override
  protected void writeBytes(ByteBuffer src) throws IOException {
    if (!src.isDirect() || src.remaining() < BUFFER_SIZE) {
      super.writeBytes(src);
      return;
    }
    out.flush();
    while (src.hasRemaining()) {
      temp.channel.write(src);
    }
  }

  @Override
  protected BlobInfo commit(long size, @Nullable String crc32c) throws IOException {
    out.flush();
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
