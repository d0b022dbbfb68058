package dev.ferry.engine;

import dev.ferry.idl.core.Literal;

/** The errors both reading paths give for offloaded literals they cannot follow. */
final class OffloadedLiterals {
  private OffloadedLiterals() {}

  /**
   * Returns the resolver of {@code ctx}, or throws the error for an offloaded {@code literal} met
   * where none is installed.
   */
  static OffloadedLiteralResolver resolver(TransformContext ctx, Literal literal) {
    OffloadedLiteralResolver resolver = ctx.get(OffloadedLiteralResolver.class);
    if (resolver == null) {
      throw new LiteralConversionException(
          "an inline literal (the context has no OffloadedLiteralResolver)",
          Literals.describe(literal),
          null,
          literal.getOffloadedMetadata().getInferredType());
    }
    return resolver;
  }

  /**
   * Returns the error for a chain of offloaded literals longer than {@link
   * OffloadedLiteralResolver#MAX_HOPS}.
   */
  static LiteralConversionException tooManyHops(Literal literal) {
    return new LiteralConversionException(
        "an offloaded literal that resolves in " + OffloadedLiteralResolver.MAX_HOPS + " hops",
        Literals.describe(literal),
        null,
        null);
  }
}
