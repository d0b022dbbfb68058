package dev.ferry.transformers.internal;

import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeRef;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.engine.internal.DeferredTransformer;
import dev.ferry.transformers.msgpack.MsgpackCodec;

/** Finds the msgpack codec of a component transformer, or says why there is none. */
public final class Codecs {
  private Codecs() {}

  /**
   * Checks at lookup that {@code transformer} can be embedded in msgpack, unless that depends on a
   * transformer whose lookup is still in progress (a recursive type): that is checked on first use.
   *
   * @throws dev.ferry.engine.TypeDefinitionException if it cannot
   */
  public static void checkEagerly(TypeTransformer<?> transformer, TypeRef<?> type, String where) {
    try {
      require(transformer, type, where);
    } catch (DeferredTransformer.Unresolved e) {
      // recursive: checked when first used
    }
  }

  /** Returns the codec of {@code transformer}, or throws the definition error for {@code type}. */
  @SuppressWarnings("unchecked")
  public static <T> MsgpackCodec<T> require(
      TypeTransformer<T> transformer, TypeRef<?> type, String where) {
    MsgpackCodec<T> codec = transformer.as(MsgpackCodec.class);
    if (codec == null) {
      TypeTransformer<?> culprit = culprit(transformer);
      String what =
          culprit == transformer
              ? "its transformer "
              : "a component's transformer (the " + type + " transformer holds it) ";
      throw new TypeDefinitionException(
          type,
          type
              + " cannot be used "
              + where
              + ": "
              + what
              + culprit.getClass().getName()
              + " has no msgpack form; implement "
              + MsgpackCodec.class.getName()
              + " in "
              + culprit.getClass().getName()
              + " (pack, unpack and jsonSchema: the value as the Python SDK writes it inside a"
              + " dataclass)");
    }
    return codec;
  }

  /**
   * Returns the transformer that has no msgpack form: {@code transformer} itself, or the innermost
   * component of a container ({@code List<Money>}) whose missing codec makes the container's
   * missing.
   */
  private static TypeTransformer<?> culprit(TypeTransformer<?> transformer) {
    Components components = transformer.as(Components.class);
    if (components != null) {
      for (TypeTransformer<?> c : components.components()) {
        if (c.as(MsgpackCodec.class) == null) {
          return culprit(c);
        }
      }
    }
    return transformer;
  }

  /** A transformer made of the transformers of its components (lists, maps, optionals). */
  public interface Components {
    /** Returns the components' transformers. */
    java.util.List<TypeTransformer<?>> components();
  }
}
