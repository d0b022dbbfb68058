package dev.ferry.blob.s3;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * The part buffers of one streaming upload: hands out {@link PartBuffer}s, each reserving its
 * part's size from the store's {@link PartMemory} first, and the blocks they grow by.
 *
 * <p>Part sizes grow with the part number ({@link MultipartUpload#partSize}): the first parts are
 * the write's part size (8 MiB by default), so 10,000 parts still cover 5 TiB. Buffers grow block
 * by block as bytes arrive (16 KiB, doubling to {@link #BLOCK_SIZE}), so a small object costs
 * memory for its own size only. Blocks are at most 256 KiB: below half of G1's smallest region (1
 * MiB), so no block is ever a humongous object, and the heap the budget promises is the heap G1
 * needs (a 1 MiB block on a small heap takes a whole region of its own, often two).
 *
 * <p>The bound: every buffer holds at most its part's size, at most {@code concurrency + 1} buffers
 * of an upload live at once (the upload's permits see to that), and all buffers of the store's
 * uploads together stay within the part memory. {@link #peakRetainedBytes()} and {@link
 * #peakLiveBuffers()} let tests check it.
 */
final class PartBuffers {
  /** The largest block: below half of G1's smallest region, so never humongous. */
  static final int BLOCK_SIZE = 256 * 1024;

  /** The first block of a buffer. */
  static final int FIRST_BLOCK_SIZE = 16 * 1024;

  private final PartMemory memory;
  private final int firstPartSize;
  private final Duration wait;
  private final String operation;
  private final URI uri;
  private long retainedBytes; // reserved by live buffers, guarded by this
  private long peakRetainedBytes; // guarded by this
  private int liveBuffers; // guarded by this
  private int peakLiveBuffers; // guarded by this

  /**
   * Creates the buffers of an upload whose first parts are {@code firstPartSize} bytes, reserving
   * from {@code memory} and waiting for it at most {@code wait} plus a second per MiB of the part.
   */
  PartBuffers(PartMemory memory, int firstPartSize, Duration wait, String operation, URI uri) {
    this.memory = memory;
    this.firstPartSize = firstPartSize;
    this.wait = wait;
    this.operation = operation;
    this.uri = uri;
  }

  /**
   * Returns a new, empty buffer for part {@code partNumber}, once its size is reserved; {@code
   * written} (the bytes before it) is for the error when it cannot be.
   */
  PartBuffer allocate(int partNumber, long written, boolean crc32c) throws IOException {
    int capacity = MultipartUpload.partSize(firstPartSize, partNumber);
    memory.reserve(capacity, wait.plusSeconds(capacity >> 20), operation, uri, written);
    synchronized (this) {
      liveBuffers++;
      peakLiveBuffers = Math.max(peakLiveBuffers, liveBuffers);
      retainedBytes += capacity;
      peakRetainedBytes = Math.max(peakRetainedBytes, retainedBytes);
    }
    return new PartBuffer(this, capacity, crc32c);
  }

  /** Returns a block for a buffer that holds {@code blocks} blocks and has {@code room} left. */
  byte[] block(int blocks, int room) {
    int size = Math.min(BLOCK_SIZE, FIRST_BLOCK_SIZE << Math.min(blocks, 4));
    return new byte[Math.min(size, room)];
  }

  /** Takes back a buffer that is done: its reservation goes back to the store's part memory. */
  void release(int capacity) {
    synchronized (this) {
      liveBuffers--;
      retainedBytes -= capacity;
    }
    memory.release(capacity);
  }

  /** Returns the most buffers that were live at once. */
  synchronized int peakLiveBuffers() {
    return peakLiveBuffers;
  }

  /** Returns the buffers live now. */
  synchronized int liveBuffers() {
    return liveBuffers;
  }

  /** Returns the most bytes reserved at once by this upload's buffers. */
  synchronized long peakRetainedBytes() {
    return peakRetainedBytes;
  }
}
