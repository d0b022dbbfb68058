package dev.ferry.transformers.hostile;

import static dev.ferry.transformers.testing.PropertyCheck.forAll;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ferry.engine.FerryException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.transformers.EnumValue;
import dev.ferry.transformers.testing.Gen;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random and mutated input raises only Ferry's own exceptions: no {@code
 * NegativeArraySizeException}, {@code OutOfMemoryError}, {@code StackOverflowError}, index, cast or
 * null-pointer errors leak from the engine. Parsing with {@code Literal.parseFrom} may reject bytes
 * with {@code InvalidProtocolBufferException}; everything after it must be a {@link FerryException}
 * or a value.
 */
class HostileInputTest {
  enum Color {
    @EnumValue("red")
    RED,
    @EnumValue("green")
    GREEN
  }

  sealed interface Shape permits Circle, Rect {}

  record Circle(double radius) implements Shape {}

  record Rect(double width, double height) implements Shape {}

  record Item(String sku, Color color, Optional<Long> qty) {}

  record Order(
      long id,
      List<Item> items,
      Map<String, Double> prices,
      @Nullable Instant placed,
      Duration ttl,
      LocalDate day,
      Shape shape,
      Map<String, Object> extra) {}

  record Target<T>(String name, TypeRef<T> type, List<T> samples) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<String> KEYS =
      List.of(
          "id", "items", "prices", "placed", "ttl", "day", "shape", "extra", "sku", "color", "qty",
          "radius", "width", "height", "k");

  private static final TypeEngine ENGINE = TypeEngine.createDefault();
  private static final TransformContext CTX = TransformContext.at("inputs.x");
  private static final int TRIES = 1500;

  static Order order(long id) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("k", Arrays.asList(1L, "two", null, Map.of("n", 3.5)));
    return new Order(
        id,
        List.of(
            new Item("a", Color.RED, Optional.of(2L)),
            new Item("b", Color.GREEN, Optional.empty())),
        Map.of("a", 9.5),
        Instant.parse("2024-05-01T12:30:00.123456Z"),
        Duration.ofSeconds(90, 5000),
        LocalDate.of(2024, 5, 1),
        new Rect(1, 2),
        extra);
  }

  static Stream<Target<?>> targets() {
    Map<String, Object> untyped = new LinkedHashMap<>();
    untyped.put("a", List.of(1L, 2.5, "s", List.of(Map.of("b", true))));
    untyped.put("n", null);
    return Stream.of(
        new Target<>("record", TypeRef.of(Order.class), List.of(order(1), order(-70000))),
        new Target<>(
            "List<record>", new TypeRef<List<Order>>() {}, List.of(List.of(order(1), order(2)))),
        new Target<>(
            "sealed union", TypeRef.of(Shape.class), List.of(new Circle(1), new Rect(2, 3))),
        new Target<>(
            "Map<String, Object>", new TypeRef<Map<String, Object>>() {}, List.of(untyped)),
        new Target<>(
            "Optional<Long>",
            new TypeRef<Optional<Long>>() {},
            List.of(Optional.of(5L), Optional.empty())),
        new Target<>(
            "Optional<record>",
            new TypeRef<Optional<Item>>() {},
            List.of(Optional.of(new Item("a", Color.RED, Optional.empty())))),
        new Target<>("enum", TypeRef.of(Color.class), List.of(Color.GREEN)),
        new Target<>(
            "List<Long>", new TypeRef<List<Long>>() {}, List.of(List.of(1L, -1L, Long.MIN_VALUE))),
        new Target<>(
            "Map<String, Long>",
            new TypeRef<Map<String, Long>>() {},
            List.of(Map.of("a", 1L, "b", 2L))),
        new Target<>(
            "Map<Long, String>", new TypeRef<Map<Long, String>>() {}, List.of(Map.of(1L, "a"))),
        new Target<>("Duration", TypeRef.of(Duration.class), List.of(Duration.ofSeconds(-3, 7))),
        new Target<>("Instant", TypeRef.of(Instant.class), List.of(Instant.EPOCH)),
        new Target<>("LocalDate", TypeRef.of(LocalDate.class), List.of(LocalDate.of(2024, 5, 1))),
        new Target<>("String", TypeRef.of(String.class), List.of("héllo")),
        new Target<>("byte[]", TypeRef.of(byte[].class), List.of(new byte[] {1, 2})));
  }

  static Stream<Target<?>> msgpackTargets() {
    return targets()
        .filter(
            t ->
                t.name().contains("record")
                    || t.name().contains("sealed")
                    || t.name().contains("Object")
                    || t.name().contains("Map<Long"));
  }

  /** Feeds {@code bytes} to every reading path; only Ferry's exceptions may come out. */
  static void read(byte[] bytes, TypeRef<?> type) throws Exception {
    try {
      ENGINE.fromBytes(bytes, type, CTX);
    } catch (FerryException expected) {
      // a data error is the right answer to hostile bytes
    }
    try {
      ENGINE.read(new ByteArrayInputStream(bytes), type, CTX);
    } catch (FerryException expected) {
      // as above
    }
    Literal literal;
    try {
      literal = Literal.parseFrom(bytes);
    } catch (InvalidProtocolBufferException notALiteral) {
      return;
    }
    try {
      ENGINE.toJava(literal, type, CTX);
    } catch (FerryException expected) {
      // as above
    }
  }

  static <T> List<byte[]> seeds(Target<T> t) {
    List<byte[]> seeds = new ArrayList<>();
    for (T sample : t.samples()) {
      seeds.add(ENGINE.toBytes(sample, t.type(), CTX));
    }
    return seeds;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void read_randomBytes(Target<?> t) {
    forAll(TRIES, 64, Gen.bytes(), bytes -> read(bytes, t.type()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void read_mutatedLiterals(Target<?> t) {
    forAll(TRIES, 0, Mutations.mutated(seeds(t)), bytes -> read(bytes, t.type()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("msgpackTargets")
  <T> void read_mutatedMsgpackInsideValidLiterals(Target<T> t) {
    List<Literal> valid =
        t.samples().stream().map(v -> ENGINE.toLiteral(v, t.type(), CTX)).toList();
    List<byte[]> payloads = new ArrayList<>();
    for (Literal l : valid) {
      Mutations.replaceMsgpack(
          l,
          b -> {
            payloads.add(b);
            return b;
          });
    }
    Gen<byte[]> mutatedPayloads = Mutations.mutated(payloads);
    forAll(
        TRIES,
        0,
        (random, size) -> {
          Literal literal = valid.get(random.nextInt(valid.size()));
          return Mutations.replaceMsgpack(literal, b -> mutatedPayloads.next(random, size));
        },
        literal -> {
          try {
            ENGINE.toJava(literal, t.type(), CTX);
          } catch (FerryException expected) {
            // a data error
          }
          read(Literals.toBytes(literal), t.type());
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("msgpackTargets")
  <T> void read_randomMsgpackInsideValidLiterals(Target<T> t) {
    Literal valid = ENGINE.toLiteral(t.samples().get(0), t.type(), CTX);
    Gen<byte[]> msgpack = Mutations.msgpack(KEYS);
    forAll(
        TRIES,
        0,
        (random, size) -> Mutations.replaceMsgpack(valid, b -> msgpack.next(random, size)),
        literal -> {
          try {
            ENGINE.toJava(literal, t.type(), CTX);
          } catch (FerryException expected) {
            // a data error
          }
          read(Literals.toBytes(literal), t.type());
        });
  }
}
