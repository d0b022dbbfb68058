package dev.ferry.transformers.internal;

import dev.ferry.transformers.msgpack.PackDepth;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;

/**
 * Encodes msgpack to byte arrays with a packer and buffer kept per thread, so encoding many small
 * records allocates only their results. A re-entrant call gets a fresh packer.
 */
public final class Packers {
  private static final int MAX_POOLED = 1 << 20;
  private static final ThreadLocal<@Nullable Packers> POOL = new ThreadLocal<>();

  private final Buffer buffer = new Buffer();
  private final MessagePacker packer = PackDepth.newPacker(buffer);

  private Packers() {}

  /** Something that writes msgpack. */
  @FunctionalInterface
  public interface Writer {
    /** Writes with {@code packer}. */
    void write(MessagePacker packer) throws IOException;
  }

  /** Returns the bytes {@code writer} packs. */
  public static byte[] encode(Writer writer) {
    Packers p = POOL.get();
    POOL.set(null);
    if (p == null) {
      p = new Packers();
    }
    boolean reusable = false;
    try {
      p.buffer.count = 0;
      writer.write(p.packer);
      p.packer.flush();
      byte[] out = Arrays.copyOf(p.buffer.bytes, p.buffer.count);
      reusable = true;
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("msgpack to memory failed", e);
    } finally {
      // after a failure the packer may hold unflushed bytes: drop it
      if (reusable && p.buffer.bytes.length <= MAX_POOLED) {
        POOL.set(p);
      }
    }
  }

  private static final class Buffer extends OutputStream {
    byte[] bytes = new byte[256];
    int count;

    private void ensure(int extra) {
      if (count + extra > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + extra));
      }
    }

    @Override
    public void write(int b) {
      ensure(1);
      bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, bytes, count, len);
      count += len;
    }
  }
}
