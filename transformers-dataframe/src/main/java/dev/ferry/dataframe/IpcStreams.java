package dev.ferry.dataframe;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageChannelReader;
import org.apache.arrow.vector.util.ValueVectorUtility;
import org.jspecify.annotations.Nullable;

/**
 * Opens Arrow IPC streams so that a corrupt stream allocates no more than the file holds and fails
 * with a {@link CorruptDatasetException}: every message length and body length is checked against
 * the bytes left in the file before Arrow allocates for it, the stream's vectors come from an
 * allocator limited to {@value #MEMORY_FACTOR} times the file's size (plus {@value #MEMORY_SLACK}
 * bytes), and every batch loaded is validated (buffer sizes, offsets) before anyone reads it.
 */
final class IpcStreams {
  static final String FORMAT = "arrow";

  /** The memory a stream's vectors may take, as a multiple of the file's size. */
  static final int MEMORY_FACTOR = 4;

  /** The memory a stream's vectors may take besides the multiple of the file's size. */
  static final int MEMORY_SLACK = 1 << 20;

  private IpcStreams() {}

  /** An open stream: its reader, its limited allocator and its input, closed together. */
  record Stream(
      ArrowStreamReader reader,
      BufferAllocator allocator,
      InputStream in,
      URI file,
      Bounded channel)
      implements AutoCloseable {
    /** Loads the next batch, validated; returns false at the end of the stream. */
    boolean loadNextBatch(int batch) throws IOException {
      try {
        if (!reader.loadNextBatch()) {
          return false;
        }
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        ValueVectorUtility.validateFull(root);
        return true;
      } catch (IOException | RuntimeException | LinkageError e) {
        throw CorruptDatasetException.of(FORMAT, file, "batch " + batch, e);
      }
    }

    /** Returns the root of the stream, reading its schema first if needed. */
    VectorSchemaRoot root() throws IOException {
      try {
        return reader.getVectorSchemaRoot();
      } catch (IOException | RuntimeException | LinkageError e) {
        throw CorruptDatasetException.of(FORMAT, file, "schema", e);
      }
    }

    @Override
    public void close() throws IOException {
      try (in) {
        try {
          reader.close();
        } finally {
          channel.releaseLastBody();
        }
      } finally {
        try {
          allocator.close();
        } catch (IllegalStateException leaked) {
          // Arrow can lose a buffer it allocated while it failed to load a corrupt batch (a
          // vector's reAlloc whose copy fails): say so as the data error it comes from
          throw new CorruptDatasetException(
              FORMAT, file, "stream", "Arrow did not release its memory: " + leaked, leaked);
        }
      }
    }
  }

  /** Returns the stream of the file {@code file}, its vectors from a child of {@code parent}. */
  static Stream open(BlobStore store, URI file, BufferAllocator parent) throws IOException {
    BlobInfo info =
        store.stat(file).orElseThrow(() -> new FileNotFoundException("no arrow stream at " + file));
    long size = info.size();
    long limit =
        size > (Long.MAX_VALUE - MEMORY_SLACK) / MEMORY_FACTOR
            ? Long.MAX_VALUE
            : size * MEMORY_FACTOR + MEMORY_SLACK;
    BufferAllocator allocator = parent.newChildAllocator("arrow stream " + file, 0, limit);
    InputStream in = null;
    try {
      in = store.open(file);
      Bounded channel = new Bounded(in, size, file);
      MessageChannelReader messages = new MessageChannelReader(channel, allocator);
      return new Stream(new ArrowStreamReader(messages, allocator), allocator, in, file, channel);
    } catch (IOException | RuntimeException e) {
      try {
        allocator.close();
      } finally {
        if (in != null) {
          try {
            in.close();
          } catch (IOException suppressed) {
            e.addSuppressed(suppressed);
          }
        }
      }
      throw e;
    }
  }

  /**
   * A channel that knows how many bytes the file has left and checks each length Arrow reads
   * against them: the 4-byte message length (after the optional continuation marker) before Arrow
   * allocates the message, and the body length in the message before Arrow allocates the body.
   */
  static final class Bounded extends ReadChannel {
    private final long size;
    private final URI file;
    private boolean expectLength = true;
    private @Nullable ArrowBuf lastBody;

    Bounded(InputStream in, long size, URI file) {
      super(Channels.newChannel(in));
      this.size = size;
      this.file = file;
    }

    @Override
    public long readFully(ArrowBuf buffer, long length) throws IOException {
      lastBody = buffer;
      return super.readFully(buffer, length);
    }

    /**
     * Releases the last message body if anything still holds it once the reader and its root are
     * closed: Arrow leaks the body of a message whose record batch does not deserialize.
     */
    void releaseLastBody() {
      ArrowBuf b = lastBody;
      lastBody = null;
      if (b != null && b.refCnt() > 0) {
        b.getReferenceManager().release(b.refCnt());
      }
    }

    private long left() {
      return size - bytesRead();
    }

    @Override
    public int readFully(ByteBuffer buffer) throws IOException {
      int from = buffer.position();
      long at = bytesRead();
      int n = super.readFully(buffer);
      if (expectLength) {
        if (n == 4 && buffer.hasArray()) {
          int length =
              ByteBuffer.wrap(buffer.array(), buffer.arrayOffset() + from, 4)
                  .order(ByteOrder.LITTLE_ENDIAN)
                  .getInt();
          if (length == -1) {
            return n; // the continuation marker: the length follows
          }
          if (length < 0 || length > left()) {
            throw corrupt(at, "a message of " + length + " bytes where " + left() + " are left");
          }
          expectLength = length == 0;
        }
        return n;
      }
      expectLength = true;
      if (buffer.hasArray() && n > 0) {
        ByteBuffer meta =
            ByteBuffer.wrap(buffer.array(), buffer.arrayOffset() + from, n)
                .slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        long body;
        try {
          body = Message.getRootAsMessage(meta).bodyLength();
        } catch (RuntimeException e) {
          throw corrupt(at, "a message that does not parse: " + e);
        }
        if (body < 0 || body > left()) {
          throw corrupt(at, "a message body of " + body + " bytes where " + left() + " are left");
        }
      }
      return n;
    }

    private CorruptDatasetException corrupt(long at, String detail) {
      return new CorruptDatasetException(FORMAT, file, "message at byte " + at, detail, null);
    }
  }
}
