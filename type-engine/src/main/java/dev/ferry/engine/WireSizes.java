package dev.ferry.engine;

import java.util.Arrays;

/**
 * Scratch space of the streaming write path. Protobuf writes a nested message after its length, so
 * the engine first asks every transformer for its size ({@link TypeTransformer#serializedSize}) and
 * then writes ({@link TypeTransformer#writeTo}); what the first pass learns and the second needs
 * (nested sizes, encoded payloads) is queued here in the order of the traversal, which both passes
 * share. Not thread-safe: one instance per write.
 */
public final class WireSizes {
  private int[] sizes = new int[16];
  private int sizeCount;
  private int sizeRead;
  private Object[] payloads = new Object[16];
  private int payloadCount;
  private int payloadRead;

  /** Reserves a slot for a size known only after the children are sized; returns the slot. */
  public int reserve() {
    if (sizeCount == sizes.length) {
      sizes = Arrays.copyOf(sizes, sizes.length * 2);
    }
    return sizeCount++;
  }

  /** Makes room for {@code slots} more sizes at once (a collection about to size its elements). */
  public void ensureCapacity(int slots) {
    if (sizeCount + slots > sizes.length) {
      sizes = Arrays.copyOf(sizes, Math.max(sizes.length * 2, sizeCount + slots));
    }
  }

  /** Fills a reserved slot. */
  public void set(int slot, int size) {
    sizes[slot] = size;
  }

  /** Returns the next size in traversal order, during the write pass. */
  public int nextSize() {
    if (sizeRead >= sizeCount) {
      throw new IllegalStateException("write pass read more sizes than the size pass recorded");
    }
    return sizes[sizeRead++];
  }

  /** Queues a payload (an encoded body, a built message) for the write pass. */
  public void pushPayload(Object payload) {
    if (payloadCount == payloads.length) {
      payloads = Arrays.copyOf(payloads, payloads.length * 2);
    }
    payloads[payloadCount++] = payload;
  }

  /** Returns the next payload in traversal order and releases it. */
  public Object nextPayload() {
    if (payloadRead >= payloadCount) {
      throw new IllegalStateException("write pass read more payloads than the size pass recorded");
    }
    Object payload = payloads[payloadRead];
    payloads[payloadRead++] = null;
    return payload;
  }

  /** Returns true when the write pass consumed everything the size pass recorded. */
  public boolean drained() {
    return sizeRead == sizeCount && payloadRead == payloadCount;
  }
}
