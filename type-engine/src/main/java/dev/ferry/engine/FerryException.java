package dev.ferry.engine;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception Ferry throws on purpose. Catch {@link TypeDefinitionException} for
 * types that cannot be converted at all, and {@link LiteralConversionException} for values or
 * literals that do not fit their type.
 */
public abstract class FerryException extends RuntimeException {
  FerryException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  FerryException(@Nullable Throwable cause) {
    super(null, cause);
  }
}
