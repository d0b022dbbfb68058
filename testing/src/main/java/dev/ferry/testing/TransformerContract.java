package dev.ferry.testing;

import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The contract every transformer keeps, the one Ferry's built-in transformers pass; run it from a
 * plugin's tests:
 *
 * <pre>{@code
 * TypeEngine engine = TypeEngine.createDefault();
 * TransformerContract.check(engine, Money.class, Money.parse("12.50 EUR"), Money.parse("-1 USD"));
 * }</pre>
 *
 * For each sample it checks:
 *
 * <ul>
 *   <li>the literal type is stable (asked twice, equal);
 *   <li>the literal has the shape the literal type declares, all the way down ({@link
 *       LiteralConformance}): a transformer that declares STRING and returns an integer fails here;
 *   <li>the value survives the round trip through the literal, and through its serialized bytes;
 *   <li>the streaming path ({@link TypeEngine#toBytes}, {@link TypeEngine#write}) writes exactly
 *       the bytes of the literal tree, and reads them back ({@link TypeEngine#fromBytes}, {@link
 *       TypeEngine#read}, also from a stream that hands out a few bytes at a time);
 *   <li>converting the same value twice gives the same bytes;
 * </ul>
 *
 * then what null does ({@link #nulls}: by default it must be a {@link LiteralConversionException}
 * on both paths), and that 8 threads converting the samples at once through one engine get the same
 * results as one thread. A failure is an {@link AssertionError} naming the type, the transformer's
 * class, the check and the sample.
 *
 * @param <T> the Java type
 */
public final class TransformerContract<T> {
  /** What converting null must do. */
  public enum Nulls {
    /** A {@link LiteralConversionException} from the tree and the streaming path (the default). */
    REJECTED,
    /** The none literal, read back as null. */
    NONE,
    /** The same literal as {@code Optional.empty()}, read back as it. */
    EMPTY_OPTIONAL,
    /** Not checked. */
    UNCHECKED
  }

  private static final TransformContext CTX = TransformContext.at("contract.value");

  private final TypeEngine engine;
  private final TypeRef<T> type;
  private Nulls nulls = Nulls.REJECTED;
  private BiPredicate<Object, Object> equivalence = DeepEquals::equal;
  private int threads = 8;
  private boolean containers = true;

  private TransformerContract(TypeEngine engine, TypeRef<T> type) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.type = Objects.requireNonNull(type, "type");
  }

  /**
   * Returns the contract of {@code type} in {@code engine}, to configure and then {@link #check}.
   */
  public static <T> TransformerContract<T> of(TypeEngine engine, TypeRef<T> type) {
    return new TransformerContract<>(engine, type);
  }

  /**
   * Returns the contract of {@code type} in {@code engine}, to configure and then {@link #check}.
   */
  public static <T> TransformerContract<T> of(TypeEngine engine, Class<T> type) {
    return new TransformerContract<>(engine, TypeRef.of(type));
  }

  /** Checks the contract of {@code type} over {@code samples}; null must be rejected. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read
  public static <T> void check(TypeEngine engine, Class<T> type, T... samples) {
    of(engine, type).check(Arrays.asList(samples));
  }

  /** Checks the contract of {@code type} over {@code samples}; null must be rejected. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read
  public static <T> void check(TypeEngine engine, TypeRef<T> type, T... samples) {
    of(engine, type).check(Arrays.asList(samples));
  }

  /** Sets what converting null must do (default {@link Nulls#REJECTED}). */
  public TransformerContract<T> nulls(Nulls nulls) {
    this.nulls = Objects.requireNonNull(nulls, "nulls");
    return this;
  }

  /**
   * Sets how a value read back is compared with the sample (default: {@code equals}, arrays by
   * content wherever they sit in lists, maps and optionals).
   */
  @SuppressWarnings("unchecked")
  public TransformerContract<T> equivalence(BiPredicate<? super T, ? super T> equivalence) {
    Objects.requireNonNull(equivalence, "equivalence");
    this.equivalence = (a, b) -> equivalence.test((T) a, (T) b);
    return this;
  }

  /** Sets how many threads convert at once in the thread-safety check (default 8; 1 skips it). */
  public TransformerContract<T> threads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive");
    }
    this.threads = threads;
    return this;
  }

  /**
   * Sets whether the type is also checked as the element of a {@code List} and the value of an
   * {@code Optional}, where the engine has transformers for them (default true).
   */
  public TransformerContract<T> containers(boolean containers) {
    this.containers = containers;
    return this;
  }

  /** Checks the contract over {@code samples}. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read
  public final void check(T... samples) {
    check(Arrays.asList(samples));
  }

  /**
   * Checks the contract over {@code samples} (at least one).
   *
   * @throws AssertionError naming the check that failed
   */
  public void check(List<T> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("the contract needs at least one sample");
    }
    TypeTransformer<T> transformer = engine.transformer(type);
    LiteralType literalType;
    try {
      literalType = transformer.literalType();
    } catch (RuntimeException e) {
      throw fail("literalType() returns the type", "it threw " + e, null, e);
    }
    require(
        literalType.equals(transformer.literalType())
            && literalType.equals(engine.literalType(type)),
        "literalType() gives the same type each time",
        "two calls gave different types",
        null);
    List<byte[]> bytes = new ArrayList<>();
    for (T value : samples) {
      bytes.add(checkSample(transformer, literalType, value));
    }
    checkNull(transformer);
    if (threads > 1) {
      checkThreads(samples, bytes);
    }
    if (containers && !type.rawType().isPrimitive()) {
      checkContainers(samples);
    }
  }

  /**
   * Checks {@code List<T>} and {@code Optional<T>} with the samples, where the engine has
   * transformers for them (the built-ins): a list of all samples, and each sample as an optional.
   * This is where a type without a union tag, or whose transformer misbehaves as a component,
   * fails.
   */
  @SuppressWarnings("unchecked")
  private void checkContainers(List<T> samples) {
    TypeRef<List<T>> listType = (TypeRef<List<T>>) TypeRef.parameterized(List.class, type.type());
    if (available(listType)) {
      List<T> all = new ArrayList<>(samples);
      TransformerContract.of(engine, listType)
          .containers(false)
          .threads(1)
          .equivalence(this::sameContainer)
          .check(List.of(all, new ArrayList<T>()));
    }
    TypeRef<Optional<T>> optionalType =
        (TypeRef<Optional<T>>) TypeRef.parameterized(Optional.class, type.type());
    if (available(optionalType)) {
      List<Optional<T>> optionals = new ArrayList<>();
      for (T sample : samples) {
        optionals.add(Optional.ofNullable(sample));
      }
      TransformerContract.of(engine, optionalType)
          .containers(false)
          .threads(1)
          .nulls(Nulls.EMPTY_OPTIONAL)
          .equivalence(this::sameContainer)
          .check(optionals);
    }
  }

  /** Compares lists and optionals of samples with the samples' equivalence. */
  private boolean sameContainer(Object a, Object b) {
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        Object p = x.get(i);
        Object q = y.get(i);
        if (p == null || q == null ? p != q : !equivalence.test(p, q)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Optional<?> x && b instanceof Optional<?> y) {
      return x.isPresent() == y.isPresent()
          && (x.isEmpty() || equivalence.test(x.orElseThrow(), y.orElseThrow()));
    }
    return false;
  }

  /** Returns false if no factory of the engine accepts {@code container} at all. */
  private boolean available(TypeRef<?> container) {
    try {
      engine.transformer(container);
      return true;
    } catch (dev.ferry.engine.TypeDefinitionException e) {
      if (container.equals(e.type())) {
        return false;
      }
      throw fail(
          "the type can be a component of " + container.rawType().getSimpleName(),
          "its lookup failed: " + e.getMessage(),
          null,
          e);
    }
  }

  private byte[] checkSample(TypeTransformer<T> transformer, LiteralType literalType, T value) {
    Literal literal;
    try {
      literal = transformer.toLiteral(value, CTX);
    } catch (RuntimeException e) {
      throw fail("toLiteral accepts the sample", "it threw " + e, value, e);
    }
    List<String> problems = LiteralConformance.problems(literal, literalType);
    require(
        problems.isEmpty(),
        "the literal has the shape literalType() declares (" + shortText(literalType) + ")",
        "it does not: " + problems + " in " + Literals.describe(literal),
        value);
    byte[] tree = Literals.toBytes(literal);
    require(
        Arrays.equals(tree, Literals.toBytes(transformer.toLiteral(value, CTX))),
        "converting the same value twice gives the same literal bytes",
        "the second conversion differs",
        value);
    same(engine.toJava(literal, type, CTX), value, "toJava(toLiteral(value)) equals the value");
    Literal reparsed;
    try {
      reparsed = Literal.parseFrom(tree);
    } catch (IOException e) {
      throw fail("the literal's bytes parse", e.toString(), value, e);
    }
    same(engine.toJava(reparsed, type, CTX), value, "the serialized literal reads back equal");

    byte[] streamed = engine.toBytes(value, type, CTX);
    require(
        Arrays.equals(streamed, tree),
        "the streaming path (toBytes) writes the bytes of the literal tree",
        "it wrote " + streamed.length + " bytes that differ from the tree's " + tree.length,
        value);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      engine.write(value, type, out, CTX);
      require(
          Arrays.equals(out.toByteArray(), tree),
          "the streaming path (write) writes the bytes of the literal tree",
          "it wrote other bytes",
          value);
      same(engine.fromBytes(streamed, type, CTX), value, "fromBytes reads the value back");
      same(
          engine.read(new ByteArrayInputStream(streamed), type, CTX),
          value,
          "read(InputStream) reads the value back");
      same(
          engine.read(trickle(streamed), type, CTX),
          value,
          "read(InputStream) reads the value back from a stream of 7-byte reads");
    } catch (IOException e) {
      throw fail("the streaming path does no failing I/O in memory", e.toString(), value, e);
    }
    return tree;
  }

  @SuppressWarnings("unchecked")
  private void checkNull(TypeTransformer<T> transformer) {
    switch (nulls) {
      case REJECTED -> {
        rejects(() -> engine.toLiteral(null, type, CTX), "toLiteral(null)");
        rejects(() -> engine.toBytes(null, type, CTX), "toBytes(null)");
      }
      case NONE -> {
        Literal literal = engine.toLiteral(null, type, CTX);
        require(
            literal.equals(Literals.none()),
            "toLiteral(null) is the none literal",
            "it is " + Literals.describe(literal),
            null);
        same(engine.toJava(literal, type, CTX), null, "the none literal reads back as null");
        require(
            Arrays.equals(engine.toBytes(null, type, CTX), Literals.toBytes(literal)),
            "toBytes(null) writes the none literal",
            "it wrote other bytes",
            null);
      }
      case EMPTY_OPTIONAL -> {
        Literal empty = engine.toLiteral((T) Optional.empty(), type, CTX);
        require(
            engine.toLiteral(null, type, CTX).equals(empty),
            "toLiteral(null) is the literal of Optional.empty()",
            "it is another literal",
            null);
        require(
            Arrays.equals(engine.toBytes(null, type, CTX), Literals.toBytes(empty)),
            "toBytes(null) writes the literal of Optional.empty()",
            "it wrote other bytes",
            null);
        same(engine.toJava(empty, type, CTX), Optional.empty(), "it reads back as empty");
      }
      case UNCHECKED -> {}
    }
  }

  private void rejects(Runnable conversion, String what) {
    try {
      conversion.run();
    } catch (LiteralConversionException e) {
      return;
    } catch (RuntimeException e) {
      throw fail(what + " throws a LiteralConversionException", "it threw " + e, null, e);
    }
    throw fail(
        what + " throws a LiteralConversionException",
        "it returned (set nulls(...) if the type has a value for null)",
        null,
        null);
  }

  private void checkThreads(List<T> samples, List<byte[]> bytes) {
    int rounds = Math.max(50, 2 * samples.size());
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < rounds; i++) {
                    int k = i % samples.size();
                    T value = samples.get(k);
                    byte[] tree = Literals.toBytes(engine.toLiteral(value, type, CTX));
                    require(
                        Arrays.equals(tree, bytes.get(k)),
                        "threads converting at once get the same literal as one thread",
                        "one got other bytes",
                        value);
                    require(
                        Arrays.equals(engine.toBytes(value, type, CTX), bytes.get(k)),
                        "threads streaming at once get the same bytes as one thread",
                        "one got other bytes",
                        value);
                    same(
                        engine.fromBytes(bytes.get(k), type, CTX),
                        value,
                        "threads reading at once get the value back");
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        try {
          f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          Throwable cause = Objects.requireNonNullElse(e.getCause(), e);
          if (cause instanceof AssertionError a) {
            throw a;
          }
          throw fail("conversions on many threads succeed", cause.toString(), null, cause);
        } catch (TimeoutException e) {
          throw fail("conversions on many threads finish", "they took over 60 s", null, e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw fail("conversions on many threads finish", "interrupted", null, e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void same(@Nullable Object actual, @Nullable Object expected, String check) {
    boolean equal =
        actual == null || expected == null
            ? actual == expected
            : equivalence.test(actual, expected);
    require(equal, check, "it read back " + shortText(actual), expected);
  }

  private void require(boolean ok, String check, String actual, @Nullable Object value) {
    if (!ok) {
      throw fail(check, actual, value, null);
    }
  }

  private AssertionError fail(
      String check, String actual, @Nullable Object value, @Nullable Throwable cause) {
    String transformer;
    try {
      transformer = engine.transformer(type).getClass().getName();
    } catch (RuntimeException e) {
      transformer = "(no transformer: " + e.getMessage() + ")";
    }
    return new AssertionError(
        "transformer contract of "
            + type
            + " (transformer "
            + transformer
            + "): expected "
            + check
            + " but "
            + actual
            + (value == null ? "" : "; sample " + shortText(value)),
        cause);
  }

  private static String shortText(@Nullable Object value) {
    String s = String.valueOf(value).replace('\n', ' ').trim();
    return s.length() > 200 ? s.substring(0, 197) + "..." : s;
  }

  /** Returns a stream that hands out at most 7 bytes per read, to cross every buffer boundary. */
  private static InputStream trickle(byte[] bytes) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 7));
      }
    };
  }
}
