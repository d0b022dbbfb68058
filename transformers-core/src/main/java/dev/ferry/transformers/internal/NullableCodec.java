package dev.ferry.transformers.internal;

import com.google.protobuf.Value;
import dev.ferry.engine.TransformContext;
import dev.ferry.transformers.msgpack.MsgpackCodec;
import dev.ferry.transformers.msgpack.MsgpackReader;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;

/** The msgpack form of a {@code @Nullable} component: nil for null, else the value's form. */
public final class NullableCodec<T> implements MsgpackCodec<T> {
  private final MsgpackCodec<T> codec;

  public NullableCodec(MsgpackCodec<T> codec) {
    this.codec = codec;
  }

  @Override
  public void pack(@Nullable T value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    if (value == null) {
      packer.packNil();
    } else {
      codec.pack(value, packer, ctx);
    }
  }

  @Override
  @SuppressWarnings("NullAway")
  public T unpack(MsgpackReader reader) throws IOException {
    return reader.tryNil() ? nullValue() : codec.unpack(reader);
  }

  @SuppressWarnings({"unchecked", "NullAway"}) // a nil read as T's null: this codec's purpose
  private static <T> T nullValue() {
    return (T) null;
  }

  @Override
  public boolean acceptsNil() {
    return true;
  }

  @Override
  public Value jsonSchema() {
    return Json.orNull(codec.jsonSchema());
  }
}
