package dev.ferry.engine;

import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralOffloadedMetadata;
import java.io.IOException;

/**
 * Fetches the literal an {@code offloaded_metadata} points to. Put one in the {@link
 * TransformContext} and offloaded literals are read transparently: at the top, and as elements of
 * collections and maps.
 */
@FunctionalInterface
public interface OffloadedLiteralResolver {
  /** Returns the literal stored at {@code metadata.uri}. */
  Literal resolve(LiteralOffloadedMetadata metadata, TransformContext ctx) throws IOException;

  /**
   * Returns {@code literal}, or the literal it points to if it is offloaded (following at most four
   * hops), using the resolver of {@code ctx}.
   *
   * @throws LiteralConversionException if it is offloaded and cannot be fetched
   */
  static Literal resolve(Literal literal, TransformContext ctx) {
    Literal current = literal;
    for (int hop = 0; current.hasOffloadedMetadata(); hop++) {
      LiteralOffloadedMetadata metadata = current.getOffloadedMetadata();
      OffloadedLiteralResolver resolver = ctx.get(OffloadedLiteralResolver.class);
      if (resolver == null) {
        throw new LiteralConversionException(
            "an inline literal (the context has no OffloadedLiteralResolver)",
            Literals.describe(current),
            null,
            metadata.getInferredType());
      }
      if (hop == 4) {
        throw new LiteralConversionException(
            "an offloaded literal that resolves in 4 hops", Literals.describe(current), null, null);
      }
      try {
        current = resolver.resolve(metadata, ctx);
      } catch (IOException e) {
        throw new LiteralConversionException(
            "an offloaded literal that can be read",
            Literals.describe(current) + " (" + e.getMessage() + ")",
            null,
            metadata.getInferredType(),
            e);
      }
    }
    return current;
  }
}
