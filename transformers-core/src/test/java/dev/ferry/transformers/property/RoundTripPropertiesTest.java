package dev.ferry.transformers.property;

import static dev.ferry.transformers.testing.PropertyCheck.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.testing.DeepEquals;
import dev.ferry.transformers.EnumValue;
import dev.ferry.transformers.FieldName;
import dev.ferry.transformers.testing.Gen;
import dev.ferry.transformers.testing.PropertyCheck;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Generated values survive both paths: {@code toJava(toLiteral(v)) == v}, the streamed bytes equal
 * the deterministic serialization of the tree, and reading those bytes gives {@code v} back.
 */
class RoundTripPropertiesTest {
  enum Color {
    @EnumValue("red")
    RED,
    @EnumValue("green")
    GREEN,
    BLUE
  }

  record Person(
      String name,
      int age,
      double score,
      boolean active,
      Optional<String> nickname,
      @Nullable Long id,
      Color color,
      Instant born,
      @FieldName("joined_on") LocalDate joined,
      Duration tenure) {}

  sealed interface Shape permits Circle, Rect, Label {}

  record Circle(double radius) implements Shape {}

  record Rect(long width, long height) implements Shape {}

  record Label(String text, Optional<Color> color) implements Shape {}

  record Team(
      String name,
      List<Person> members,
      Map<String, Long> scores,
      Optional<Person> lead,
      Shape logo,
      Map<String, List<String>> tags,
      List<Optional<Short>> slots) {}

  private static final TypeEngine ENGINE = TypeEngine.createDefault();
  private static final TransformContext CTX = TransformContext.at("inputs.v");

  static final Gen<LocalDate> DATES =
      (r, s) -> LocalDate.ofEpochDay(r.nextLong(LocalDate.of(1, 1, 1).toEpochDay(), 2932897));

  static final Gen<Person> PERSONS =
      (r, s) ->
          new Person(
              Gen.strings().next(r, s),
              Gen.ints(Integer.MIN_VALUE, Integer.MAX_VALUE).next(r, s),
              Gen.doubles().next(r, s),
              r.nextBoolean(),
              Gen.optionalsOf(Gen.strings()).next(r, s),
              Gen.longs().orNull().next(r, s),
              Gen.enums(Color.class).next(r, s),
              Gen.instants().next(r, s),
              DATES.next(r, s),
              // inside a record a Duration travels as float seconds (a Python timedelta's
              // total_seconds()); a double keeps the nanoseconds exactly only while the seconds
              // fit in about 22 bits, so generated durations stay within +-10^6 seconds
              Gen.durations(1_000_000).next(r, s));

  static final Gen<Shape> SHAPES =
      Gen.oneOf(
          (r, s) -> new Circle(Gen.doubles().next(r, s)),
          (r, s) -> new Rect(Gen.longs().next(r, s), Gen.longs().next(r, s)),
          (r, s) ->
              new Label(
                  Gen.strings().next(r, s), Gen.optionalsOf(Gen.enums(Color.class)).next(r, s)));

  static final Gen<Team> TEAMS =
      (r, s) ->
          new Team(
              Gen.strings().next(r, s),
              Gen.listsOf(PERSONS).next(r, s),
              Gen.mapsOf(Gen.strings(), Gen.longs()).next(r, s),
              Gen.optionalsOf(PERSONS).next(r, s),
              SHAPES.next(r, s),
              Gen.mapsOf(Gen.identifiers(), Gen.listsOf(Gen.strings())).next(r, s),
              Gen.listsOf(
                      Gen.optionalsOf(
                          Gen.ints(Short.MIN_VALUE, Short.MAX_VALUE).map(i -> (short) (int) i)))
                  .next(r, s));

  /** Untyped values as {@code Map<String, Object>} holds them, nested a few levels. */
  static Gen<Object> dynamic(int depth) {
    Gen<Object> leaf =
        Gen.oneOf(
            Gen.constant(null),
            Gen.longs(),
            Gen.doubles(),
            Gen.strings(),
            Gen.booleans(),
            Gen.bytes());
    if (depth == 0) {
      return leaf;
    }
    return Gen.oneOf(
        leaf, leaf, Gen.listsOf(dynamic(depth - 1)), Gen.mapsOf(Gen.strings(), dynamic(depth - 1)));
  }

  static <T> void assertRoundTrips(T value, TypeRef<T> type) throws Exception {
    Literal literal = ENGINE.toLiteral(value, type, CTX);
    byte[] tree = Literals.toBytes(literal);
    byte[] streamed = ENGINE.toBytes(value, type, CTX);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ENGINE.write(value, type, out, CTX);

    assertEqual(ENGINE.toJava(literal, type, CTX), value, "tree");
    assertEqual(ENGINE.toJava(Literal.parseFrom(tree), type, CTX), value, "parsed tree");
    assertThat(streamed).as("streamed bytes").isEqualTo(tree);
    assertThat(out.toByteArray()).as("written bytes").isEqualTo(tree);
    assertEqual(ENGINE.fromBytes(streamed, type, CTX), value, "fromBytes");
    assertEqual(ENGINE.read(new ByteArrayInputStream(streamed), type, CTX), value, "read");
  }

  private static void assertEqual(Object actual, Object expected, String path) {
    assertThat(DeepEquals.equal(actual, expected))
        .as("%s: got %s", path, PropertyCheck.describe(actual))
        .isTrue();
  }

  @Test
  void roundTrip_generatedRecords() {
    forAll(300, 8, TEAMS, team -> assertRoundTrips(team, TypeRef.of(Team.class)));
  }

  @Test
  void roundTrip_generatedListsOfRecords() {
    forAll(100, 12, Gen.listsOf(PERSONS), list -> assertRoundTrips(list, new TypeRef<>() {}));
  }

  @Test
  void roundTrip_listOfLongsIncludingTheLimits() {
    Gen<List<Long>> lists =
        Gen.listsOf(Gen.longs())
            .map(
                l -> {
                  List<Long> withLimits = new ArrayList<>(List.of(Long.MIN_VALUE, Long.MAX_VALUE));
                  withLimits.addAll(l);
                  return withLimits;
                });
    forAll(
        300,
        200,
        lists,
        list -> {
          assertRoundTrips(list, new TypeRef<List<Long>>() {});
          assertRoundTrips(
              list.stream().map(Optional::of).toList(), new TypeRef<List<Optional<Long>>>() {});
          assertRoundTrips(List.of(list, list), new TypeRef<List<List<Long>>>() {});
        });
  }

  @Test
  void roundTrip_unicodeStrings() {
    forAll(500, 40, Gen.strings(), s -> assertRoundTrips(s, TypeRef.of(String.class)));
    forAll(
        200,
        20,
        Gen.mapsOf(Gen.strings(), Gen.strings()),
        m -> assertRoundTrips(m, new TypeRef<Map<String, String>>() {}));
  }

  @Test
  void roundTrip_maps() {
    forAll(
        200, 10, Gen.mapsOf(Gen.strings(), PERSONS), m -> assertRoundTrips(m, new TypeRef<>() {}));
    forAll(
        200,
        10,
        Gen.mapsOf(Gen.longs(), Gen.strings()),
        m -> assertRoundTrips(m, new TypeRef<Map<Long, String>>() {}));
    forAll(
        300,
        10,
        Gen.mapsOf(Gen.strings(), dynamic(3)),
        m -> assertRoundTrips(m, new TypeRef<Map<String, Object>>() {}));
  }

  @Test
  void roundTrip_optionals() {
    forAll(
        200,
        10,
        Gen.optionalsOf(Gen.longs()),
        o -> assertRoundTrips(o, new TypeRef<Optional<Long>>() {}));
    forAll(
        200,
        10,
        Gen.optionalsOf(PERSONS),
        o -> assertRoundTrips(o, new TypeRef<Optional<Person>>() {}));
    forAll(
        200,
        10,
        Gen.optionalsOf(SHAPES),
        o -> assertRoundTrips(o, new TypeRef<Optional<Shape>>() {}));
    forAll(
        200,
        10,
        Gen.listsOf(Gen.optionalsOf(Gen.instants())),
        l -> assertRoundTrips(l, new TypeRef<List<Optional<Instant>>>() {}));
  }

  @Test
  void roundTrip_sealedUnions() {
    forAll(300, 10, SHAPES, shape -> assertRoundTrips(shape, TypeRef.of(Shape.class)));
    forAll(100, 10, Gen.listsOf(SHAPES), l -> assertRoundTrips(l, new TypeRef<List<Shape>>() {}));
  }

  @Test
  void roundTrip_temporalValuesAtTopLevel() {
    // as literals (not inside records) durations are exact over the whole protobuf range
    forAll(
        300,
        1,
        Gen.durations(315_576_000_000L),
        d -> assertRoundTrips(d, TypeRef.of(Duration.class)));
    forAll(300, 1, Gen.instants(), i -> assertRoundTrips(i, TypeRef.of(Instant.class)));
    forAll(
        300,
        1,
        Gen.instants().map(i -> i.atZone(ZoneOffset.UTC)),
        z -> assertRoundTrips(z, new TypeRef<>() {}));
    forAll(300, 1, DATES, d -> assertRoundTrips(d, TypeRef.of(LocalDate.class)));
  }

  @Test
  void roundTrip_binary() {
    forAll(200, 200, Gen.bytes(), b -> assertRoundTrips(b, TypeRef.of(byte[].class)));
  }
}
