package dev.ferry.transformers.msgpack;

import dev.ferry.engine.LiteralConversionException;
import java.io.OutputStream;
import java.lang.reflect.Type;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.buffer.OutputStreamBufferOutput;

/**
 * Bounds how deep msgpack is nested on writing, to the depth {@link MsgpackReader} accepts on
 * reading, so that Ferry never writes what it cannot read back (and a cyclic or absurdly deep value
 * fails with a data error, not a {@link StackOverflowError}). Every map and array counts one level.
 *
 * <p>The depth is counted by the packer of one encoding, not by the thread: packers made by {@link
 * #newPacker} (Ferry makes all of its own that way) carry the count. A codec called with a packer
 * made elsewhere writes without the bound.
 *
 * <pre>{@code
 * MessagePacker packer = PackDepth.newPacker(out);
 * codec.pack(value, packer, ctx);
 * packer.flush();
 * }</pre>
 */
public final class PackDepth {
  private PackDepth() {}

  /** Returns a packer writing to {@code out} that counts the nesting of what is packed. */
  public static MessagePacker newPacker(OutputStream out) {
    return new CountingPacker(out);
  }

  /**
   * Enters a map or array written with {@code packer}; call {@link #exit} in a finally block.
   *
   * @throws LiteralConversionException if the nesting exceeds {@link MsgpackReader#MAX_DEPTH}
   */
  public static void enter(MessagePacker packer, Type javaType) {
    if (packer instanceof CountingPacker counting && ++counting.depth > MsgpackReader.MAX_DEPTH) {
      counting.depth--;
      throw new LiteralConversionException(
          "msgpack nested at most " + MsgpackReader.MAX_DEPTH + " deep",
          "deeper nesting",
          javaType,
          null);
    }
  }

  /** Leaves a map or array written with {@code packer}. */
  public static void exit(MessagePacker packer) {
    if (packer instanceof CountingPacker counting) {
      counting.depth--;
    }
  }

  /** A packer that carries the nesting depth of the value being packed. */
  private static final class CountingPacker extends MessagePacker {
    int depth;

    CountingPacker(OutputStream out) {
      super(new OutputStreamBufferOutput(out), MessagePack.DEFAULT_PACKER_CONFIG);
    }
  }
}
