package dev.ferry.blob.s3;

import java.util.ArrayDeque;

/**
 * The memory of one streaming upload: hands out {@link PartBuffer}s and the blocks they grow by,
 * and counts both. Buffers grow block by block as bytes arrive (64 KiB, doubling to 1 MiB, then 1
 * MiB blocks), so a small object costs memory for its own size only; full 1 MiB blocks of uploaded
 * parts are kept for reuse.
 *
 * <p>The bound: every buffer holds at most {@code partSize} bytes of blocks, at most {@code
 * concurrency + 1} buffers live at once (the stream's semaphore sees to that), and the blocks kept
 * for reuse never push the total past {@code partSize x (concurrency + 1)}: a new block is made
 * only when none is kept, or after dropping a kept one. {@link #peakRetainedBytes()} and {@link
 * #peakLiveBuffers()} let tests check it.
 */
final class PartBuffers {
  /** The largest block. */
  static final int BLOCK_SIZE = 1024 * 1024;

  /** The first block of a buffer that reuses nothing. */
  static final int FIRST_BLOCK_SIZE = 64 * 1024;

  private final int partSize;
  private final long limit;
  private final ArrayDeque<byte[]> kept = new ArrayDeque<>(); // guarded by this
  private long retainedBytes; // blocks in live buffers and kept, guarded by this
  private long peakRetainedBytes; // guarded by this
  private int liveBuffers; // guarded by this
  private int peakLiveBuffers; // guarded by this

  /** Creates the memory of an upload in parts of {@code partSize} with this many in flight. */
  PartBuffers(int partSize, int concurrency) {
    this.partSize = partSize;
    this.limit = (long) partSize * (concurrency + 1);
  }

  /** Returns a new, empty buffer of {@code partSize} bytes at most. */
  PartBuffer allocate(boolean crc32c) {
    synchronized (this) {
      liveBuffers++;
      peakLiveBuffers = Math.max(peakLiveBuffers, liveBuffers);
    }
    return new PartBuffer(this, partSize, crc32c);
  }

  /**
   * Returns a block for a buffer that holds {@code size} bytes in {@code blocks} blocks and has
   * {@code room} bytes left: a kept 1 MiB block when one fits, else a new one of at most {@code
   * room} bytes.
   */
  synchronized byte[] block(int blocks, int room) {
    if (room >= BLOCK_SIZE && !kept.isEmpty()) {
      return kept.pop();
    }
    if (!kept.isEmpty()) {
      retainedBytes -= kept.pop().length; // drop one, so the new block cannot pass the bound
    }
    int size = blocks >= 5 ? BLOCK_SIZE : Math.min(BLOCK_SIZE, FIRST_BLOCK_SIZE << blocks);
    size = Math.min(size, room);
    retainedBytes += size;
    peakRetainedBytes = Math.max(peakRetainedBytes, retainedBytes);
    return new byte[size];
  }

  /**
   * Takes back the blocks of a buffer that is done; full-size ones are kept for reuse when {@code
   * reuse} (its upload succeeded, so nothing reads them any more).
   */
  synchronized void release(Iterable<byte[]> blocks, boolean reuse) {
    liveBuffers--;
    for (byte[] block : blocks) {
      if (reuse && block.length == BLOCK_SIZE && retainedBytes <= limit) {
        kept.push(block);
      } else {
        retainedBytes -= block.length;
      }
    }
  }

  /** Drops the kept blocks. */
  synchronized void clear() {
    while (!kept.isEmpty()) {
      retainedBytes -= kept.pop().length;
    }
  }

  /** Returns the most buffers that were live at once. */
  synchronized int peakLiveBuffers() {
    return peakLiveBuffers;
  }

  /** Returns the buffers live now. */
  synchronized int liveBuffers() {
    return liveBuffers;
  }

  /** Returns the most bytes of blocks held at once, by buffers and for reuse. */
  synchronized long peakRetainedBytes() {
    return peakRetainedBytes;
  }
}
