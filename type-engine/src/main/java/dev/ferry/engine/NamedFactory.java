package dev.ferry.engine;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A factory with the name errors give it ({@link TypeTransformer.Factory#named}). */
final class NamedFactory implements TypeTransformer.Factory {
  private final String name;
  private final TypeTransformer.Factory factory;

  NamedFactory(String name, TypeTransformer.Factory factory) {
    this.name = Objects.requireNonNull(name, "name");
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  @Override
  public @Nullable TypeTransformer<?> create(TypeRef<?> type, TypeEngine engine) {
    return factory.create(type, engine);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }
}
