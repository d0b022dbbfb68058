package dev.ferry.transformers.msgpack;

import dev.ferry.engine.LiteralConversionException;
import java.lang.reflect.Type;

/**
 * Bounds how deep msgpack is nested on writing, to the depth {@link MsgpackReader} accepts on
 * reading, so that Ferry never writes what it cannot read back (and a cyclic or absurdly deep value
 * fails with a data error, not a {@link StackOverflowError}). Every map and array counts one level.
 */
public final class PackDepth {
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private PackDepth() {}

  /** Enters a map or array; call {@link #exit()} in a finally block. */
  public static void enter(Type javaType) {
    int[] depth = DEPTH.get();
    if (++depth[0] > MsgpackReader.MAX_DEPTH) {
      depth[0]--;
      throw new LiteralConversionException(
          "msgpack nested at most " + MsgpackReader.MAX_DEPTH + " deep",
          "deeper nesting",
          javaType,
          null);
    }
  }

  /** Leaves a map or array. */
  public static void exit() {
    DEPTH.get()[0]--;
  }
}
