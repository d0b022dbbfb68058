package dev.ferry.dataframe;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The Arrow allocator of the built-in decoders, whose results (a {@link
 * org.apache.arrow.vector.VectorSchemaRoot}, an {@link org.apache.arrow.vector.ipc.ArrowReader})
 * outlive the call that made them: the caller closes those, which returns their memory here.
 */
final class Allocators {
  private Allocators() {}

  private static final class Holder {
    static final BufferAllocator ROOT = new RootAllocator(Long.MAX_VALUE);
  }

  /** Returns the shared allocator, created on first use and never closed. */
  static BufferAllocator shared() {
    return Holder.ROOT;
  }
}
