package dev.ferry.transformers.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.testing.DeepEquals;
import dev.ferry.testing.LiteralConformance;
import dev.ferry.transformers.BinaryTransformer;
import dev.ferry.transformers.BooleanTransformer;
import dev.ferry.transformers.DatetimeTransformer;
import dev.ferry.transformers.DurationTransformer;
import dev.ferry.transformers.EnumTransformer;
import dev.ferry.transformers.FloatTransformer;
import dev.ferry.transformers.IntegerTransformer;
import dev.ferry.transformers.ListTransformer;
import dev.ferry.transformers.MapTransformer;
import dev.ferry.transformers.NoneTransformer;
import dev.ferry.transformers.OptionalTransformer;
import dev.ferry.transformers.RecordTransformer;
import dev.ferry.transformers.SealedUnionTransformer;
import dev.ferry.transformers.StringTransformer;
import dev.ferry.transformers.UntypedMapTransformer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every built-in transformer keeps, checked over {@link ContractCases}: values survive
 * the round trip through the literal tree and through the streaming path, both paths give the same
 * bytes, the literal type is stable and describes the literals, null is handled as the type says,
 * and one engine gives the same results to many threads at once.
 */
class TransformerContractTest {
  private static final TypeEngine ENGINE = TypeEngine.createDefault();
  private static final TransformContext CTX = TransformContext.at("inputs.value");
  private static final String CASES = "dev.ferry.transformers.contract.ContractCases#all";

  @Test
  void cases_coverEveryBuiltInTransformer() {
    Set<Class<?>> covered =
        ContractCases.all()
            .map(c -> ENGINE.transformer(c.type()).getClass())
            .collect(Collectors.toSet());

    assertThat(covered)
        .containsExactlyInAnyOrder(
            IntegerTransformer.class,
            dev.ferry.transformers.blob.FlyteFileTransformer.class,
            dev.ferry.transformers.blob.FlyteDirectoryTransformer.class,
            FloatTransformer.class,
            BooleanTransformer.class,
            StringTransformer.class,
            DatetimeTransformer.class,
            DurationTransformer.class,
            NoneTransformer.class,
            BinaryTransformer.class,
            EnumTransformer.class,
            RecordTransformer.class,
            SealedUnionTransformer.class,
            OptionalTransformer.class,
            ListTransformer.class,
            MapTransformer.class,
            UntypedMapTransformer.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(CASES)
  <T> void roundTrip_tree(ContractCase<T> c) {
    for (T value : c.samples()) {
      Literal literal = ENGINE.toLiteral(value, c.type(), CTX);
      T back = ENGINE.toJava(literal, c.type(), CTX);

      assertEqual(back, value);
      // the literal survives its own serialization unchanged
      assertThat(ENGINE.toJava(reparse(literal), c.type(), CTX))
          .satisfies(v -> assertEqual(v, value));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(CASES)
  <T> void streaming_bytesEqualTreeAndReadBack(ContractCase<T> c) throws IOException {
    for (T value : c.samples()) {
      byte[] expected = Literals.toBytes(ENGINE.toLiteral(value, c.type(), CTX));

      byte[] streamed = ENGINE.toBytes(value, c.type(), CTX);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ENGINE.write(value, c.type(), out, CTX);

      assertThat(streamed).isEqualTo(expected);
      assertThat(out.toByteArray()).isEqualTo(expected);
      assertEqual(ENGINE.fromBytes(streamed, c.type(), CTX), value);
      assertEqual(ENGINE.read(new ByteArrayInputStream(streamed), c.type(), CTX), value);
      assertEqual(ENGINE.read(trickle(streamed), c.type(), CTX), value);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(CASES)
  <T> void read_skipsHashAndMetadataBeforeOrAfterTheValue(ContractCase<T> c) {
    Literal extras = Literal.newBuilder().setHash("h").putMetadata("k", "v").build();
    for (T value : c.samples()) {
      Literal literal =
          ENGINE.toLiteral(value, c.type(), CTX).toBuilder().mergeFrom(extras).build();
      byte[] after = Literals.toBytes(literal);
      // serialized messages concatenate as a merge: the extras may also come first
      byte[] before = concat(Literals.toBytes(extras), ENGINE.toBytes(value, c.type(), CTX));

      assertEqual(ENGINE.toJava(literal, c.type(), CTX), value);
      assertEqual(ENGINE.fromBytes(after, c.type(), CTX), value);
      assertEqual(ENGINE.fromBytes(before, c.type(), CTX), value);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(CASES)
  <T> void literalType_stableAndDescribesTheLiterals(ContractCase<T> c) {
    LiteralType type = ENGINE.literalType(c.type());

    assertThat(ENGINE.literalType(c.type())).isEqualTo(type);
    assertThat(TypeEngine.createDefault().literalType(c.type())).isEqualTo(type);
    assertThat(Literals.toBytes(ENGINE.toLiteral(c.samples().get(0), c.type(), CTX)))
        .isEqualTo(
            Literals.toBytes(
                TypeEngine.createDefault().toLiteral(c.samples().get(0), c.type(), CTX)));
    for (T value : c.samples()) {
      Literal literal = ENGINE.toLiteral(value, c.type(), CTX);
      assertThat(LiteralConformance.problems(literal, type)).as("literal of %s", value).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(CASES)
  <T> void toLiteral_null(ContractCase<T> c) {
    TypeRef<T> type = c.type();
    switch (c.nulls()) {
      case REJECTED -> {
        assertThatThrownBy(() -> ENGINE.toLiteral(null, type, CTX))
            .isInstanceOf(LiteralConversionException.class)
            .hasMessage(c.nullMessage());
        assertThatThrownBy(() -> ENGINE.toBytes(null, type, CTX))
            .isInstanceOf(LiteralConversionException.class)
            .hasMessage(c.nullMessage());
      }
      case EMPTY_OPTIONAL -> {
        Literal empty = ENGINE.toLiteral(emptyOptional(), type, CTX);
        assertThat(ENGINE.toLiteral(null, type, CTX)).isEqualTo(empty);
        assertThat(ENGINE.toBytes(null, type, CTX)).isEqualTo(Literals.toBytes(empty));
        assertThat(ENGINE.toJava(empty, type, CTX)).isEqualTo(Optional.empty());
      }
      case NONE -> {
        assertThat(ENGINE.toLiteral(null, type, CTX)).isEqualTo(Literals.none());
        assertThat(ENGINE.toJava(Literals.none(), type, CTX)).isNull();
        assertThat(ENGINE.fromBytes(Literals.toBytes(Literals.none()), type, CTX)).isNull();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(CASES)
  <T> void concurrentConversions_agree(ContractCase<T> c) throws Exception {
    // the samples of up to 16 KiB: the huge ones are there for the stream buffers, not for this
    List<T> samples = new ArrayList<>();
    List<Literal> literals = new ArrayList<>();
    List<byte[]> bytes = new ArrayList<>();
    for (T value : c.samples()) {
      byte[] serialized = ENGINE.toBytes(value, c.type(), CTX);
      if (serialized.length <= 16 * 1024) {
        samples.add(value);
        literals.add(ENGINE.toLiteral(value, c.type(), CTX));
        bytes.add(serialized);
      }
    }
    assertThat(samples).isNotEmpty();
    TypeEngine shared = TypeEngine.createDefault(); // fresh: the threads race on the lookup too
    int threads = 8;
    int conversions = 200;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < conversions; i++) {
                    int k = i % samples.size();
                    T value = samples.get(k);
                    Literal literal = shared.toLiteral(value, c.type(), CTX);
                    assertThat(literal).isEqualTo(literals.get(k));
                    assertEqual(shared.toJava(literal, c.type(), CTX), value);
                    assertThat(shared.toBytes(value, c.type(), CTX)).isEqualTo(bytes.get(k));
                    assertEqual(shared.fromBytes(bytes.get(k), c.type(), CTX), value);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertEqual(Object actual, Object expected) {
    assertThat(DeepEquals.equal(actual, expected))
        .as("expected %s but got %s", describe(expected), describe(actual))
        .isTrue();
  }

  private static String describe(Object value) {
    String s = dev.ferry.transformers.testing.PropertyCheck.describe(value);
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  private static Literal reparse(Literal literal) {
    try {
      return Literal.parseFrom(Literals.toBytes(literal));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <T> T emptyOptional() {
    return (T) Optional.empty();
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
