package dev.ferry.engine;

import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralOffloadedMetadata;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fetches the literal an {@code offloaded_metadata} points to. Put one in the {@link
 * TransformContext} and offloaded literals are read transparently, by {@link TypeEngine#toJava} and
 * by the streaming path ({@link TypeEngine#read}, {@link TypeEngine#fromBytes}) alike: at the top,
 * and as elements of collections and maps. The streaming path reads the offloaded bytes through
 * {@link #open} without building the literal's message tree.
 */
@FunctionalInterface
public interface OffloadedLiteralResolver {
  /** The most offloaded literals followed from one place before giving up (a cycle, say). */
  int MAX_HOPS = 4;

  /** Returns the literal stored at {@code metadata.uri}. */
  Literal resolve(LiteralOffloadedMetadata metadata, TransformContext ctx) throws IOException;

  /**
   * Returns the serialized literal stored at {@code metadata.uri} as a stream, which the caller
   * closes; a stream that ends early or late throws. The default serializes {@link #resolve}'s
   * result; resolvers over a store stream it from there.
   */
  default InputStream open(LiteralOffloadedMetadata metadata, TransformContext ctx)
      throws IOException {
    return resolve(metadata, ctx).toByteString().newInput();
  }

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
      OffloadedLiteralResolver resolver = OffloadedLiterals.resolver(ctx, current);
      if (hop == MAX_HOPS) {
        throw OffloadedLiterals.tooManyHops(current);
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
