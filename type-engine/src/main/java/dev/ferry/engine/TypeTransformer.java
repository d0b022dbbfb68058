package dev.ferry.engine;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.ExtensionRegistryLite;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Converts one Java type to Flyte literals and back, and states its {@link LiteralType}.
 *
 * <p>A transformer is immutable and thread-safe. It is made by a {@link Factory}, which the engine
 * asks once per type; the factory does the reflection and asks the engine for the transformers of
 * the type's components, so conversions do none.
 *
 * <p>Besides the message tree ({@link #toLiteral}, {@link #toJava}), a transformer may implement
 * the streaming path: {@link #serializedSize}, {@link #writeTo} and {@link #readFrom} write and
 * read the literal's protobuf wire bytes directly, which for large collections avoids building
 * millions of message objects. The defaults fall back to the tree, so a transformer needs only the
 * first three methods.
 *
 * <pre>{@code
 * final class MoneyTransformer implements TypeTransformer<Money> {
 *   static final TypeTransformer.Factory FACTORY =
 *       (type, engine) -> type.rawType() == Money.class ? new MoneyTransformer() : null;
 *
 *   public LiteralType literalType() {
 *     return Literals.simple(SimpleType.STRING);
 *   }
 *
 *   public String unionTag() {
 *     return "Money";
 *   }
 *
 *   public Literal toLiteral(@Nullable Money value, TransformContext ctx) {
 *     if (value == null) {
 *       throw new LiteralConversionException("a Money", "null", Money.class, literalType());
 *     }
 *     return Literals.ofString(value.toString());
 *   }
 *
 *   public Money toJava(Literal literal, TransformContext ctx) {
 *     return Money.parse(Literals.stringValue(literal, Money.class, literalType()));
 *   }
 * }
 * }</pre>
 *
 * @param <T> the Java type
 */
public interface TypeTransformer<T> {

  /** Returns the Flyte type of the values this transformer converts. */
  LiteralType literalType();

  /**
   * Returns the literal for {@code value}.
   *
   * @throws LiteralConversionException if the value cannot be represented (null where the type
   *     allows none, a value out of range, ...)
   */
  Literal toLiteral(@Nullable T value, TransformContext ctx);

  /**
   * Returns the Java value of {@code literal}.
   *
   * @throws LiteralConversionException if the literal does not fit the Java type
   */
  T toJava(Literal literal, TransformContext ctx);

  /**
   * Returns the tag this type carries as a variant of a union type ({@code structure.tag}), such as
   * in {@code Optional<Money>}: the name the Python SDK gives its transformer for the same type,
   * such as {@code "int"} or {@code "Typed List"}; for a plugin type, the {@code name} its Python
   * {@code TypeTransformer} passes to its constructor. The tag is part of the task's interface, so
   * it is stated, never derived from a class name: a transformer whose type can appear in a union
   * overrides this method. The default throws a {@link TypeDefinitionException} that says so.
   */
  default String unionTag() {
    throw new TypeDefinitionException(
        TypeRef.of(getClass()),
        "transformer "
            + getClass().getName()
            + " states no union tag, so its type cannot be a variant of a union (an Optional, a"
            + " sealed interface); override unionTag() to return the name the Python SDK's"
            + " transformer for the type has (the name passed to TypeTransformer.__init__)");
  }

  /**
   * Returns this transformer seen as {@code capability} (an interface such as a msgpack codec), or
   * null if it has none. Wrappers delegate, so ask this method rather than using {@code
   * instanceof}.
   */
  default <C> @Nullable C as(Class<C> capability) {
    return capability.isInstance(this) ? capability.cast(this) : null;
  }

  /**
   * Returns the number of bytes of {@code value}'s serialized {@link Literal}, and records in
   * {@code sizes} what {@link #writeTo} needs to write it. Called once per value, before {@link
   * #writeTo}. The default builds the literal and keeps it for {@link #writeTo}.
   */
  default int serializedSize(@Nullable T value, WireSizes sizes, TransformContext ctx) {
    Literal literal = toLiteral(value, ctx);
    sizes.pushPayload(literal);
    return literal.getSerializedSize();
  }

  /**
   * Writes the fields of {@code value}'s {@link Literal} (without a length prefix), exactly the
   * bytes that deterministic serialization of {@link #toLiteral}'s result gives. Must consume what
   * {@link #serializedSize} recorded for the value, in the same order.
   */
  default void writeTo(
      @Nullable T value, CodedOutputStream out, WireSizes sizes, TransformContext ctx)
      throws IOException {
    ((Literal) sizes.nextPayload()).writeTo(out);
  }

  /**
   * Reads a {@link Literal}'s fields from {@code in} up to its current limit (or its end) and
   * returns the Java value. The default parses the message and calls {@link #toJava}, resolving an
   * offloaded literal first. An implementation that meets {@code offloaded_metadata} ({@link
   * LiteralWire#isOffloaded}) returns {@link LiteralWire#readOffloaded}.
   */
  default T readFrom(CodedInputStream in, TransformContext ctx) throws IOException {
    Literal literal = Literal.parseFrom(in, ExtensionRegistryLite.getEmptyRegistry());
    return toJava(OffloadedLiteralResolver.resolve(literal, ctx), ctx);
  }

  /**
   * Makes transformers. The engine asks its factories in order (see {@link TypeEngine}); the first
   * that returns a transformer wins, and {@code null} declines.
   *
   * <pre>{@code
   * TypeEngine engine = TypeEngine.builder().add(MoneyTransformer.FACTORY).build();
   * }</pre>
   */
  @FunctionalInterface
  interface Factory {
    /**
     * Returns a transformer for {@code type}, or null if this factory does not handle it. A factory
     * that handles the type but not one of its components throws {@link TypeDefinitionException}
     * (asking the engine for the component does that).
     */
    @Nullable TypeTransformer<?> create(TypeRef<?> type, TypeEngine engine);

    /**
     * Returns the name errors give this factory. A factory made by {@link #named} has the name it
     * was given; a class that implements {@code Factory} is named by its class name; a lambda or
     * method reference, whose class name the JVM makes up ({@code Foo$$Lambda/0x...}), is named
     * after the class that declares it: {@code lambda in com.acme.MoneyTransformer}.
     */
    default String name() {
      Class<?> c = getClass();
      String className = c.getName();
      int lambda = className.indexOf("$$Lambda");
      if (lambda > 0) {
        return "lambda in " + className.substring(0, lambda);
      }
      return c.isAnonymousClass() ? "anonymous factory " + className : className;
    }

    /**
     * Returns {@code factory} named {@code name} in errors and in {@code toString()}.
     *
     * <pre>{@code
     * static final TypeTransformer.Factory FACTORY =
     *     TypeTransformer.Factory.named(
     *         "MoneyTransformer",
     *         (type, engine) -> type.rawType() == Money.class ? new MoneyTransformer() : null);
     * }</pre>
     */
    static Factory named(String name, Factory factory) {
      return new NamedFactory(name, factory);
    }
  }
}
