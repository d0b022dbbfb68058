package dev.ferry.schema.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import dev.ferry.idl.core.Binary;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Scalar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * LiteralTypes of Python dataclasses written by hand as the Python SDK 1.16 writes them (WIRE.md),
 * held as protobuf JSON under {@code dev/ferry/schema/python}, and msgpack literals of their
 * values.
 */
public final class PythonTypes {
  private PythonTypes() {}

  /** Packs one msgpack value. */
  @FunctionalInterface
  public interface Packing {
    void pack(MessagePacker packer) throws IOException;
  }

  /** Returns the type held in {@code python/<name>.type.json}. */
  public static LiteralType type(String name) {
    String path = "/dev/ferry/schema/python/" + name + ".type.json";
    try (InputStream in = PythonTypes.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      LiteralType.Builder b = LiteralType.newBuilder();
      JsonFormat.parser().merge(new String(in.readAllBytes(), StandardCharsets.UTF_8), b);
      return b.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns a dataclass literal as the Python SDK writes it: {@code Binary{msgpack, "msgpack"}}.
   */
  public static Literal msgpack(Packing packing) {
    MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
    try {
      packing.pack(packer);
      packer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Literal.newBuilder()
        .setScalar(
            Scalar.newBuilder()
                .setBinary(
                    Binary.newBuilder()
                        .setValue(ByteString.copyFrom(packer.toByteArray()))
                        .setTag("msgpack")))
        .build();
  }
}
