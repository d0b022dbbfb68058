package dev.ferry.transformers.testing;

import com.google.protobuf.ByteString;
import dev.ferry.idl.core.Binary;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.Scalar;
import java.io.IOException;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** Literals holding msgpack written by hand, as another SDK would write it. */
public final class MsgpackLiterals {
  private MsgpackLiterals() {}

  /** Writes msgpack. */
  @FunctionalInterface
  public interface Packing {
    /** Packs values with {@code packer}. */
    void pack(MessageBufferPacker packer) throws IOException;
  }

  /** Returns the bytes {@code packing} writes. */
  public static byte[] bytes(Packing packing) {
    try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
      packing.pack(packer);
      return packer.toByteArray();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Returns {@code Scalar.binary{value = the bytes packing writes, tag "msgpack"}}. */
  public static Literal of(Packing packing) {
    return of(bytes(packing));
  }

  /** Returns {@code Scalar.binary{value = bytes, tag "msgpack"}}. */
  public static Literal of(byte[] bytes) {
    return Literal.newBuilder()
        .setScalar(
            Scalar.newBuilder()
                .setBinary(
                    Binary.newBuilder().setTag("msgpack").setValue(ByteString.copyFrom(bytes))))
        .build();
  }
}
