package dev.ferry.blob.s3;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.async.AsyncRequestBody;

/**
 * The bytes of one part while they arrive: a list of blocks from {@link PartBuffers} that grows as
 * bytes are written, never more than the part's size, with their CRC32C computed on the way in.
 * Used by one writer thread, then handed to the upload, which releases it once the part is sent.
 */
final class PartBuffer {
  private final PartBuffers pool;
  private final int capacity;
  private final @Nullable CRC32C crc;
  private final List<byte[]> blocks = new ArrayList<>();
  private int size;
  private int blockStart; // offset in the part of the last block's first byte
  private boolean released;

  PartBuffer(PartBuffers pool, int capacity, boolean crc32c) {
    this.pool = pool;
    this.capacity = capacity;
    this.crc = crc32c ? new CRC32C() : null;
  }

  /** Copies as many of {@code len} bytes as fit; returns how many that was. */
  int write(byte[] b, int off, int len) {
    int done = 0;
    while (done < len && size < capacity) {
      byte[] block = blockWithRoom();
      int at = size - blockStart;
      int n = Math.min(len - done, block.length - at);
      System.arraycopy(b, off + done, block, at, n);
      if (crc != null) {
        crc.update(b, off + done, n);
      }
      size += n;
      done += n;
    }
    return done;
  }

  /** Copies as many of {@code src}'s remaining bytes as fit, advancing it; returns how many. */
  int write(ByteBuffer src) {
    int done = 0;
    while (src.hasRemaining() && size < capacity) {
      byte[] block = blockWithRoom();
      int at = size - blockStart;
      int n = Math.min(src.remaining(), block.length - at);
      src.get(block, at, n);
      if (crc != null) {
        crc.update(block, at, n);
      }
      size += n;
      done += n;
    }
    return done;
  }

  /** Returns the bytes held. */
  int size() {
    return size;
  }

  /** Returns true when the part is full. */
  boolean isFull() {
    return size == capacity;
  }

  /** Returns the CRC32C of the bytes held; the buffer must have been made with one. */
  int crc32c() {
    if (crc == null) {
      throw new IllegalStateException("this part buffer computes no CRC32C");
    }
    return (int) crc.getValue();
  }

  /**
   * Returns the bytes as a request body, without copying them; the SDK may read it more than once
   * (retries), and the blocks stay untouched until {@link #release}.
   */
  AsyncRequestBody body() {
    if (size == 0) {
      return AsyncRequestBody.empty();
    }
    ByteBuffer[] buffers = new ByteBuffer[blocks.size()];
    int offset = 0;
    for (int i = 0; i < buffers.length; i++) {
      byte[] block = blocks.get(i);
      int n = Math.min(block.length, size - offset);
      buffers[i] = ByteBuffer.wrap(block, 0, n).asReadOnlyBuffer();
      offset += n;
    }
    return AsyncRequestBody.fromByteBuffersUnsafe(buffers);
  }

  /**
   * Gives the part's memory back ({@code uploaded}: whether the part reached S3; either way nothing
   * reads the blocks any more). Does nothing the second time.
   */
  void release(boolean uploaded) {
    synchronized (this) {
      if (released) {
        return;
      }
      released = true;
    }
    pool.release(capacity);
  }

  private byte[] blockWithRoom() {
    if (!blocks.isEmpty()) {
      byte[] last = blocks.get(blocks.size() - 1);
      if (size - blockStart < last.length) {
        return last;
      }
      blockStart += last.length;
    }
    byte[] block = pool.block(blocks.size(), capacity - size);
    blocks.add(block);
    return block;
  }
}
