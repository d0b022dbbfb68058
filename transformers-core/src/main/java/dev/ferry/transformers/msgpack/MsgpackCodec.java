package dev.ferry.transformers.msgpack;

import com.google.protobuf.Value;
import dev.ferry.engine.TransformContext;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;

/**
 * The msgpack form of a type, used where the Python SDK serializes with msgpack: the components of
 * a record and the keys and values of untyped maps. A transformer offers it through {@code
 * transformer.as(MsgpackCodec.class)}; a type without it cannot appear inside a record.
 *
 * @param <T> the Java type
 */
public interface MsgpackCodec<T> {

  /** Writes {@code value}; throws a data error for a null the type does not allow. */
  void pack(@Nullable T value, MessagePacker packer, TransformContext ctx) throws IOException;

  /** Reads a value; throws a data error if the next msgpack value does not fit. */
  T unpack(MsgpackReader reader) throws IOException;

  /**
   * Returns the JSON Schema (draft 2020-12) of the type's msgpack form, shaped as the Python SDK
   * writes it into a dataclass schema: {@code {"type": "integer"}}, {@code {"enum": [...]}}.
   */
  Value jsonSchema();

  /** Returns true if the msgpack form of a missing value is nil (optionals and nullables). */
  default boolean acceptsNil() {
    return false;
  }
}
