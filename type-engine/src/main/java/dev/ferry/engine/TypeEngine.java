package dev.ferry.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.ferry.engine.internal.DeferredTransformer;
import dev.ferry.engine.internal.Suggestions;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Converts Java values to Flyte literals and back, through the transformer registered for each
 * type.
 *
 * <pre>{@code
 * TypeEngine engine = TypeEngine.createDefault();
 * TypeRef<List<Order>> type = new TypeRef<>() {};
 * LiteralType literalType = engine.literalType(type);
 * Literal literal = engine.toLiteral(orders, type, TransformContext.at("inputs.orders"));
 * List<Order> back = engine.toJava(literal, type, TransformContext.at("inputs.orders"));
 * }</pre>
 *
 * <h2>Lookup order</h2>
 *
 * For a type, the engine asks its factories in this order and takes the first transformer returned:
 *
 * <ol>
 *   <li>factories added with {@link Builder#add}, in the order added;
 *   <li>factories of discovered {@link TypeTransformerRegistrar}s of precedence {@code PLUGIN}, in
 *       the order of the registrars' class names, each registrar's factories in its own order;
 *   <li>factories of discovered registrars of precedence {@code BUILT_IN} (Ferry's own transformer
 *       modules), in the same order;
 *   <li>factories added with {@link Builder#addLast}, in the order added.
 * </ol>
 *
 * If none accepts the type, lookup fails with a {@link TypeDefinitionException} that names the
 * chain of components that led to it and what to register; nothing falls back silently. Registrars
 * are discovered with {@link ServiceLoader} from the thread's context class loader (and Ferry's
 * own): plugins unless {@link Builder#discover} turned them off, built-ins unless {@link
 * Builder#builtIns} did. {@link Builder#registrar} adds registrars without discovery.
 *
 * <h2>Decorating another transformer</h2>
 *
 * A factory may wrap the transformer that the factories after it give for the same type, as Moshi's
 * {@code nextAdapter} does: {@link #nextTransformer} asks only the factories behind the one given.
 *
 * <pre>{@code
 * final class TrimmingStrings implements TypeTransformer.Factory {
 *   public @Nullable TypeTransformer<?> create(TypeRef<?> type, TypeEngine engine) {
 *     if (type.rawType() != String.class) {
 *       return null;
 *     }
 *     TypeTransformer<String> next = engine.nextTransformer(this, TypeRef.of(String.class));
 *     return new Trimming(next);
 *   }
 * }
 * }</pre>
 *
 * <p>A lookup result is cached per {@link TypeRef} (once the outermost lookup succeeded, so a
 * failed lookup caches nothing). Recursive types are supported: a record that holds a {@code List}
 * of itself gets, for the inner reference, a stand-in that delegates to the finished transformer.
 *
 * <p>An engine is immutable and thread-safe.
 */
public final class TypeEngine {
  private final List<TypeTransformer.Factory> factories;
  private final Cache<TypeRef<?>, TypeTransformer<?>> cache;
  private final Cache<TypeRef<?>, LiteralType> declaredTypes;
  private final ThreadLocal<@Nullable Lookup> lookups = new ThreadLocal<>();

  private TypeEngine(List<TypeTransformer.Factory> factories, long cacheSize) {
    this.factories = List.copyOf(factories);
    this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
    this.declaredTypes = Caffeine.newBuilder().maximumSize(cacheSize).build();
  }

  /** Returns an engine with the discovered registrars (built-ins included) and nothing else. */
  public static TypeEngine createDefault() {
    return builder().build();
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the factories in lookup order. */
  public List<TypeTransformer.Factory> factories() {
    return factories;
  }

  /** Returns the transformer for {@code type}. */
  public <T> TypeTransformer<T> transformer(Class<T> type) {
    return transformer(TypeRef.of(type), null);
  }

  /** Returns the transformer for {@code type}. */
  public <T> TypeTransformer<T> transformer(TypeRef<T> type) {
    return transformer(type, null);
  }

  /**
   * Returns the transformer for {@code type}, a component of the type being created; {@code role}
   * says which ({@code "component 'items' of record com.acme.Order"}) and appears in the chain of a
   * definition error.
   *
   * @throws TypeDefinitionException if no factory accepts the type or one of its components
   */
  @SuppressWarnings("unchecked")
  public <T> TypeTransformer<T> transformer(TypeRef<T> type, @Nullable String role) {
    Objects.requireNonNull(type, "type");
    TypeTransformer<?> cached = cache.getIfPresent(type);
    if (cached != null) {
      return (TypeTransformer<T>) cached;
    }
    Lookup lookup = lookups.get();
    boolean outermost = lookup == null;
    if (lookup == null) {
      lookup = new Lookup();
      lookups.set(lookup);
    }
    try {
      TypeTransformer<?> known = lookup.known.get(type);
      if (known != null) {
        return (TypeTransformer<T>) known;
      }
      DeferredTransformer<T> deferred = new DeferredTransformer<>(type);
      lookup.known.put(type, deferred);
      TypeTransformer<T> created = create(type);
      deferred.resolve(created);
      lookup.known.put(type, created);
      if (outermost) {
        cache.putAll(lookup.known);
      }
      return created;
    } catch (TypeDefinitionException e) {
      lookup.known.remove(type);
      if (role != null) {
        e.addChain(role);
      }
      throw e;
    } finally {
      if (outermost) {
        lookups.remove();
      }
    }
  }

  /**
   * Returns the transformer that the factories after {@code skipPast} give for {@code type}, for a
   * factory that decorates it (see "Decorating another transformer" above). Not cached: call it
   * from {@link TypeTransformer.Factory#create}, whose result the engine caches.
   *
   * @throws IllegalArgumentException if {@code skipPast} is not one of this engine's factories
   * @throws TypeDefinitionException if no factory after it accepts the type
   */
  public <T> TypeTransformer<T> nextTransformer(TypeTransformer.Factory skipPast, TypeRef<T> type) {
    Objects.requireNonNull(type, "type");
    for (int i = 0; i < factories.size(); i++) {
      if (factories.get(i) == skipPast) {
        return create(type, i + 1);
      }
    }
    throw new IllegalArgumentException(
        "factory " + skipPast.name() + " is not one of this engine's factories");
  }

  private <T> TypeTransformer<T> create(TypeRef<T> type) {
    return create(type, 0);
  }

  @SuppressWarnings("unchecked")
  private <T> TypeTransformer<T> create(TypeRef<T> type, int from) {
    for (TypeTransformer.Factory factory : factories.subList(from, factories.size())) {
      TypeTransformer<?> created;
      try {
        created = factory.create(type, this);
      } catch (TypeDefinitionException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new TypeDefinitionException(
            type, "transformer factory " + factory.name() + " failed for " + type + ": " + e, e);
      }
      if (created != null) {
        return (TypeTransformer<T>) created;
      }
    }
    throw new TypeDefinitionException(type, Suggestions.noTransformer(type));
  }

  /** Returns the Flyte type of {@code type}. */
  public LiteralType literalType(TypeRef<?> type) {
    return transformer(type).literalType();
  }

  /** Returns the Flyte type of {@code type}. */
  public LiteralType literalType(Class<?> type) {
    return transformer(TypeRef.of(type)).literalType();
  }

  /** Returns the literal of {@code value}. */
  public <T> Literal toLiteral(@Nullable T value, TypeRef<T> type, TransformContext ctx) {
    TypeTransformer<T> transformer = transformer(type);
    Literal literal;
    try {
      literal = transformer.toLiteral(value, ctx);
    } catch (LiteralConversionException e) {
      throw e.withRoot(ctx.path());
    }
    checkKind(
        literal,
        type,
        transformer,
        ctx,
        () -> "its toLiteral returned " + Literals.describe(literal));
    return literal;
  }

  /**
   * Checks that {@code literal}'s top-level kind is the one the transformer declares: cheap (the
   * declared type is cached per type), and it catches a transformer whose {@code toLiteral} or
   * {@code writeTo} disagrees with its {@code literalType()} where it is made, not where it is
   * read.
   */
  private <T> void checkKind(
      Literal literal,
      TypeRef<T> type,
      TypeTransformer<T> transformer,
      TransformContext ctx,
      Supplier<String> actual) {
    LiteralType declared = declaredTypes.get(type, t -> transformer.literalType());
    if (!Literals.fits(literal, declared)) {
      throw new TypeDefinitionException(
          type,
          "transformer "
              + transformer.getClass().getName()
              + " declares "
              + Literals.expectedKind(declared)
              + " for "
              + type
              + " but "
              + actual.get()
              + (ctx.path().isEmpty() ? "" : " at " + ctx.path())
              + "; make literalType(), toLiteral() and writeTo() agree");
    }
  }

  /** Returns the Java value of {@code literal}. */
  public <T> T toJava(Literal literal, TypeRef<T> type, TransformContext ctx) {
    TypeTransformer<T> transformer = transformer(type);
    try {
      return transformer.toJava(OffloadedLiteralResolver.resolve(literal, ctx), ctx);
    } catch (LiteralConversionException e) {
      throw e.withRoot(ctx.path());
    }
  }

  /**
   * Writes {@code value}'s serialized {@link Literal} to {@code out} without building the message
   * tree: the bytes equal the deterministic serialization of {@link #toLiteral}'s result. The
   * stream is flushed, not closed.
   */
  public <T> void write(@Nullable T value, TypeRef<T> type, OutputStream out, TransformContext ctx)
      throws IOException {
    TypeTransformer<T> transformer = transformer(type);
    try {
      WireSizes sizes = new WireSizes();
      int size = transformer.serializedSize(value, sizes, ctx);
      CodedOutputStream cos =
          CodedOutputStream.newInstance(out, Math.max(256, Math.min(size, 1 << 16)));
      cos.useDeterministicSerialization();
      transformer.writeTo(value, cos, sizes, ctx);
      cos.flush();
    } catch (LiteralConversionException e) {
      throw e.withRoot(ctx.path());
    }
  }

  /**
   * Returns {@code value}'s literal sized but not yet written, for callers that choose where the
   * bytes go by their size (literal offloading): the size pass of the streaming path runs now, the
   * write pass when the result is written.
   */
  public <T> EncodedLiteral encode(@Nullable T value, TypeRef<T> type, TransformContext ctx) {
    TypeTransformer<T> transformer = transformer(type);
    WireSizes sizes = new WireSizes();
    int size;
    try {
      size = transformer.serializedSize(value, sizes, ctx);
    } catch (LiteralConversionException e) {
      throw e.withRoot(ctx.path());
    }
    return new EncodedLiteral(
        size,
        out -> {
          try {
            transformer.writeTo(value, out, sizes, ctx);
          } catch (LiteralConversionException e) {
            throw e.withRoot(ctx.path());
          }
        },
        () -> {
          if (!sizes.drained()) {
            throw new IllegalStateException("size pass and write pass disagree for " + type);
          }
        });
  }

  /** Returns {@code value}'s serialized {@link Literal}, written by the streaming path. */
  public <T> byte[] toBytes(@Nullable T value, TypeRef<T> type, TransformContext ctx) {
    TypeTransformer<T> transformer = transformer(type);
    try {
      WireSizes sizes = new WireSizes();
      byte[] bytes = new byte[transformer.serializedSize(value, sizes, ctx)];
      CodedOutputStream cos = CodedOutputStream.newInstance(bytes);
      cos.useDeterministicSerialization();
      transformer.writeTo(value, cos, sizes, ctx);
      cos.checkNoSpaceLeft();
      Literal kind = Literals.topLevelKind(bytes);
      checkKind(kind, type, transformer, ctx, () -> "its writeTo wrote " + Literals.kindName(kind));
      return bytes;
    } catch (LiteralConversionException e) {
      throw e.withRoot(ctx.path());
    } catch (IOException e) {
      throw new IllegalStateException("size pass and write pass disagree for " + type, e);
    }
  }

  /**
   * Reads a serialized {@link Literal} from {@code in} to its end and returns the Java value,
   * without building the message tree where the transformers support it.
   *
   * @throws LiteralConversionException if the bytes are not a literal of the type
   */
  public <T> T read(InputStream in, TypeRef<T> type, TransformContext ctx) throws IOException {
    return read(CodedInputStream.newInstance(in, 1 << 16), type, ctx);
  }

  /** Returns the Java value of a serialized {@link Literal}, read by the streaming path. */
  public <T> T fromBytes(byte[] bytes, TypeRef<T> type, TransformContext ctx) {
    try {
      return read(CodedInputStream.newInstance(bytes), type, ctx);
    } catch (IOException e) {
      throw new IllegalStateException("I/O error reading a byte array", e);
    }
  }

  private <T> T read(CodedInputStream in, TypeRef<T> type, TransformContext ctx)
      throws IOException {
    TypeTransformer<T> transformer = transformer(type);
    try {
      T value = transformer.readFrom(in, ctx);
      if (!in.isAtEnd()) {
        throw new LiteralConversionException(
            "the end of the literal", "more bytes", type.type(), transformer.literalType());
      }
      return value;
    } catch (InvalidProtocolBufferException e) {
      throw new LiteralConversionException(
              "a serialized flyteidl.core.Literal",
              "malformed bytes (" + e.getMessage() + ")",
              type.type(),
              transformer.literalType(),
              e)
          .withRoot(ctx.path());
    } catch (LiteralConversionException e) {
      throw e.withRoot(ctx.path());
    }
  }

  @Override
  public String toString() {
    return "TypeEngine{" + factories.size() + " factories}";
  }

  private static final class Lookup {
    final Map<TypeRef<?>, TypeTransformer<?>> known = new LinkedHashMap<>();
  }

  /** Builds a {@link TypeEngine}; see its javadoc for the lookup order. */
  public static final class Builder {
    private final List<TypeTransformer.Factory> first = new ArrayList<>();
    private final List<TypeTransformer.Factory> last = new ArrayList<>();
    private final List<TypeTransformerRegistrar> registrars = new ArrayList<>();
    private boolean discover = true;
    private boolean builtIns = true;
    private @Nullable ClassLoader classLoader;
    private long cacheSize = 10_000;

    private Builder() {}

    /** Adds a factory in front of the discovered and built-in ones. */
    public Builder add(TypeTransformer.Factory factory) {
      first.add(Objects.requireNonNull(factory, "factory"));
      return this;
    }

    /**
     * Adds a transformer for exactly {@code type}, in front of the discovered and built-in ones.
     */
    public <T> Builder add(TypeRef<T> type, TypeTransformer<T> transformer) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(transformer, "transformer");
      return add(
          TypeTransformer.Factory.named(
              "transformer added for " + type,
              (requested, engine) -> requested.equals(type) ? transformer : null));
    }

    /**
     * Adds a transformer for exactly {@code type}, in front of the discovered and built-in ones.
     */
    public <T> Builder add(Class<T> type, TypeTransformer<T> transformer) {
      return add(TypeRef.of(type), transformer);
    }

    /** Adds a factory behind the built-in ones: it sees only types nothing else accepts. */
    public Builder addLast(TypeTransformer.Factory factory) {
      last.add(Objects.requireNonNull(factory, "factory"));
      return this;
    }

    /**
     * Adds a registrar as if it had been discovered: its factories go where its {@link
     * TypeTransformerRegistrar#precedence() precedence} says, among the discovered ones in the
     * order of class names. For class paths where {@link ServiceLoader} cannot see the services
     * files (shaded jars that drop them, GraalVM native images without the resource). A registrar
     * of a class that is also discovered is used once, this instance.
     *
     * <pre>{@code
     * TypeEngine engine =
     *     TypeEngine.builder().discover(false).registrar(new MoneyRegistrar()).build();
     * }</pre>
     */
    public Builder registrar(TypeTransformerRegistrar registrar) {
      registrars.add(Objects.requireNonNull(registrar, "registrar"));
      return this;
    }

    /**
     * Sets whether plugin registrars (precedence {@code PLUGIN}) are discovered with {@link
     * ServiceLoader} (default true). Turning it off keeps the built-in transformers; {@link
     * #builtIns(boolean)} turns those off.
     */
    public Builder discover(boolean discover) {
      this.discover = discover;
      return this;
    }

    /**
     * Sets whether the discovered built-in registrars (precedence {@code BUILT_IN}, Ferry's own
     * transformer modules) are used (default true). With both this and {@link #discover} off, the
     * engine has only what was added.
     */
    public Builder builtIns(boolean builtIns) {
      this.builtIns = builtIns;
      return this;
    }

    /**
     * Sets the class loader registrars are discovered from. By default they are discovered from the
     * thread's context class loader when {@link #build} runs (as {@link ServiceLoader} users
     * expect: a plugin on a child loader is found), and from the loader of Ferry's own classes.
     */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
      return this;
    }

    /** Sets how many types the lookup cache keeps (default 10,000). */
    public Builder cacheSize(long cacheSize) {
      if (cacheSize < 1) {
        throw new IllegalArgumentException("cache size must be positive");
      }
      this.cacheSize = cacheSize;
      return this;
    }

    /** Returns the engine. */
    public TypeEngine build() {
      List<TypeTransformer.Factory> all = new ArrayList<>(first);
      ClassLoader loader = loader();
      Map<String, TypeTransformerRegistrar> byName = new java.util.TreeMap<>();
      if (discover || builtIns) {
        for (TypeTransformerRegistrar r : Registrars.discover(loaders(loader))) {
          TypeTransformerRegistrar.Precedence p = Registrars.precedence(r, loader);
          if (p == TypeTransformerRegistrar.Precedence.PLUGIN ? discover : builtIns) {
            byName.put(r.getClass().getName(), r);
          }
        }
      }
      for (TypeTransformerRegistrar r : registrars) {
        byName.put(r.getClass().getName(), r);
      }
      for (TypeTransformerRegistrar.Precedence p : TypeTransformerRegistrar.Precedence.values()) {
        for (TypeTransformerRegistrar r : byName.values()) {
          if (Registrars.precedence(r, loader) == p) {
            all.addAll(Registrars.factories(r, loader));
          }
        }
      }
      all.addAll(last);
      return new TypeEngine(all, cacheSize);
    }

    private ClassLoader loader() {
      if (classLoader != null) {
        return classLoader;
      }
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      return context != null && Registrars.sharesFerry(context)
          ? context
          : Objects.requireNonNull(TypeEngine.class.getClassLoader());
    }

    /** The loaders to discover from: the chosen one, then Ferry's own if it is not a parent. */
    private static List<ClassLoader> loaders(ClassLoader chosen) {
      ClassLoader own = Objects.requireNonNull(TypeEngine.class.getClassLoader());
      for (ClassLoader l = chosen; l != null; l = l.getParent()) {
        if (l == own) {
          return List.of(chosen);
        }
      }
      return List.of(chosen, own);
    }
  }
}
