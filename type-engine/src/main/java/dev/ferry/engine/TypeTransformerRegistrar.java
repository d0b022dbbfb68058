package dev.ferry.engine;

import java.util.List;

/**
 * Contributes transformer factories to every engine that discovers registrars, through {@link
 * java.util.ServiceLoader}: list the implementation in {@code
 * META-INF/services/dev.ferry.engine.TypeTransformerRegistrar}. Registrars are asked in the order
 * of their class names, so the result does not depend on the class path.
 *
 * <pre>{@code
 * public final class MoneyRegistrar implements TypeTransformerRegistrar {
 *   public List<TypeTransformer.Factory> factories() {
 *     return List.of(MoneyTransformer.FACTORY);
 *   }
 * }
 * }</pre>
 */
public interface TypeTransformerRegistrar {

  /** Returns the factories, in the order they are asked. */
  List<TypeTransformer.Factory> factories();

  /**
   * Returns where the factories go: {@link Precedence#PLUGIN} (the default) before Ferry's built-in
   * transformers, {@link Precedence#BUILT_IN} for Ferry's own modules.
   */
  default Precedence precedence() {
    return Precedence.PLUGIN;
  }

  /** Where a registrar's factories go in the lookup order. */
  enum Precedence {
    /** Before the built-ins: a plugin may override how a built-in type is converted. */
    PLUGIN,
    /** Ferry's own transformers. */
    BUILT_IN
  }
}
