package dev.ferry.transformers.contract;

import dev.ferry.engine.TypeRef;
import dev.ferry.transformers.EnumValue;
import dev.ferry.transformers.FieldName;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The types and sample values every built-in transformer is checked with. */
final class ContractCases {
  private ContractCases() {}

  enum Color {
    @EnumValue("red")
    RED,
    @EnumValue("green")
    GREEN,
    BLUE
  }

  record Point(long x, long y) {}

  record Item(String sku, @FieldName("unit_price") double unitPrice, int quantity, Color color) {}

  record Order(
      @FieldName("order_id") long orderId,
      List<Item> items,
      Map<String, Long> counts,
      Optional<String> note,
      Color priority,
      Instant placed,
      LocalDate due,
      Duration ttl,
      OffsetDateTime updated,
      ZonedDateTime zoned,
      Optional<Point> origin,
      Map<String, List<Double>> series,
      byte[] signature) {

    // a record holding an array compares it by identity: compare by content for the round trips
    @Override
    public boolean equals(Object o) {
      return o instanceof Order other
          && orderId == other.orderId
          && items.equals(other.items)
          && counts.equals(other.counts)
          && note.equals(other.note)
          && priority == other.priority
          && placed.equals(other.placed)
          && due.equals(other.due)
          && ttl.equals(other.ttl)
          && updated.equals(other.updated)
          && zoned.equals(other.zoned)
          && origin.equals(other.origin)
          && series.equals(other.series)
          && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(orderId);
    }
  }

  record Note(String text, @Nullable String author, @Nullable Integer stars) {}

  sealed interface Shape permits Circle, Rect {}

  record Circle(double radius) implements Shape {}

  record Rect(double width, double height) implements Shape {}

  record Node(String name, List<Node> children) {}

  static final Instant PLACED = Instant.parse("2024-05-01T12:30:00.123456Z");

  static Order order(long id) {
    return new Order(
        id,
        List.of(new Item("A-1", 9.5, 2, Color.RED), new Item("B-7", 120.0, 1, Color.BLUE)),
        Map.of("a", 1L, "b", -300L),
        Optional.of("leave at the door"),
        Color.GREEN,
        PLACED,
        LocalDate.of(2024, 5, 3),
        Duration.ofSeconds(3600, 500),
        PLACED.atOffset(ZoneOffset.UTC),
        PLACED.atZone(ZoneOffset.UTC),
        Optional.of(new Point(-1, Long.MAX_VALUE)),
        Map.of("s", List.of(1.0, -0.0, Double.NaN)),
        new byte[] {0, -1, 127});
  }

  static Order emptyOrder() {
    return new Order(
        0,
        List.of(),
        Map.of(),
        Optional.empty(),
        Color.RED,
        Instant.EPOCH,
        LocalDate.of(1, 1, 1),
        Duration.ZERO,
        Instant.EPOCH.atOffset(ZoneOffset.UTC),
        Instant.EPOCH.atZone(ZoneOffset.UTC),
        Optional.empty(),
        Map.of(),
        new byte[0]);
  }

  static Node tree(int depth) {
    if (depth == 0) {
      return new Node("leaf", List.of());
    }
    return new Node("n" + depth, List.of(tree(depth - 1), tree(depth - 1)));
  }

  static Map<String, Object> untyped() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("n", 2.5);
    nested.put("deeper", List.of(List.of(), Map.of("k", "v")));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("int", 1L);
    m.put("min", Long.MIN_VALUE);
    m.put("str", "x");
    m.put("null", null);
    m.put("bool", true);
    m.put("list", Arrays.asList(1L, "y", null, -0.5));
    m.put("map", nested);
    m.put("bytes", new byte[] {1, 2, 3});
    return m;
  }

  static final List<Long> LONGS =
      LongStream.range(0, 20_000).map(i -> i * i * (i % 2 == 0 ? 1 : -1)).boxed().toList();

  static Stream<ContractCase<?>> all() {
    String at = " but was null at inputs.value";
    Map<String, Long> longsByKey = new HashMap<>();
    longsByKey.put("", 0L);
    longsByKey.put("a", Long.MAX_VALUE);
    longsByKey.put("é", -1L);
    longsByKey.put("🚀", Long.MIN_VALUE);
    longsByKey.put("with space", 42L);
    List<List<String>> nested = new ArrayList<>();
    nested.add(List.of());
    nested.add(List.of("a", ""));
    return Stream.of(
        ContractCase.of(
            "long",
            TypeRef.of(long.class),
            "expected long" + at,
            0L,
            1L,
            -1L,
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            127L,
            128L,
            -33L),
        ContractCase.of("Long", TypeRef.of(Long.class), "expected long" + at, 0L, -2L),
        ContractCase.of(
            "int",
            TypeRef.of(int.class),
            "expected int" + at,
            0,
            Integer.MIN_VALUE,
            Integer.MAX_VALUE),
        ContractCase.of("Integer", TypeRef.of(Integer.class), "expected int" + at, 7),
        ContractCase.of(
            "short",
            TypeRef.of(short.class),
            "expected short" + at,
            Short.MIN_VALUE,
            Short.MAX_VALUE,
            (short) 0),
        ContractCase.of(
            "byte",
            TypeRef.of(Byte.class),
            "expected byte" + at,
            Byte.MIN_VALUE,
            Byte.MAX_VALUE,
            (byte) 0),
        ContractCase.of(
            "double",
            TypeRef.of(double.class),
            "expected double" + at,
            0.0,
            -0.0,
            1.5,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE,
            Double.MAX_VALUE),
        ContractCase.of(
            "float",
            TypeRef.of(Float.class),
            "expected float" + at,
            0.0f,
            -0.0f,
            0.1f,
            Float.NaN,
            Float.MIN_VALUE,
            Float.MAX_VALUE,
            Float.NEGATIVE_INFINITY),
        ContractCase.of("boolean", TypeRef.of(boolean.class), "expected boolean" + at, true, false),
        ContractCase.of(
            "String",
            TypeRef.of(String.class),
            "expected a string" + at,
            "",
            "a",
            "ünïcødé 🚀 中文",
            "\u0000\n\t",
            "x".repeat(70_000)),
        ContractCase.of(
            "Instant",
            TypeRef.of(Instant.class),
            "expected Instant" + at,
            Instant.EPOCH,
            PLACED,
            Instant.parse("0001-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999999999Z"),
            Instant.ofEpochSecond(-1, 1)),
        ContractCase.of(
            "OffsetDateTime",
            TypeRef.of(OffsetDateTime.class),
            "expected OffsetDateTime" + at,
            PLACED.atOffset(ZoneOffset.UTC)),
        ContractCase.of(
            "ZonedDateTime",
            TypeRef.of(ZonedDateTime.class),
            "expected ZonedDateTime" + at,
            PLACED.atZone(ZoneOffset.UTC)),
        ContractCase.of(
            "LocalDate",
            TypeRef.of(LocalDate.class),
            "expected LocalDate" + at,
            LocalDate.of(1, 1, 1),
            LocalDate.of(2024, 2, 29),
            LocalDate.of(9999, 12, 31),
            LocalDate.of(1969, 12, 31)),
        ContractCase.of(
            "Duration",
            TypeRef.of(Duration.class),
            "expected Duration" + at,
            Duration.ZERO,
            Duration.ofNanos(-1),
            Duration.ofSeconds(-5, 3),
            Duration.ofSeconds(315_576_000_000L, 999_999_999),
            Duration.ofSeconds(-315_576_000_000L)),
        ContractCase.none("Void", TypeRef.of(Void.class)),
        ContractCase.of(
            "byte[]",
            TypeRef.of(byte[].class),
            "expected byte[]" + at,
            new byte[0],
            new byte[] {0, 1, -1, 127, -128},
            new byte[100_000]),
        ContractCase.of(
            "remote file",
            TypeRef.of(dev.ferry.transformers.blob.FlyteFile.class),
            "expected a FlyteFile" + at,
            dev.ferry.transformers.blob.FlyteFile.of(java.net.URI.create("s3://bucket/a/b.csv")),
            dev.ferry.transformers.blob.FlyteFile.of(java.net.URI.create("gs://bucket/x.parquet"))
                .withFormat("parquet")),
        ContractCase.of(
            "remote directory",
            TypeRef.of(dev.ferry.transformers.blob.FlyteDirectory.class),
            "expected a FlyteDirectory" + at,
            dev.ferry.transformers.blob.FlyteDirectory.of(java.net.URI.create("s3://bucket/run/")),
            dev.ferry.transformers.blob.FlyteDirectory.of(java.net.URI.create("gs://b/out"))),
        ContractCase.of(
            "enum",
            TypeRef.of(Color.class),
            "expected one of [red, green, BLUE]" + at,
            Color.RED,
            Color.GREEN,
            Color.BLUE),
        ContractCase.of(
            "record",
            TypeRef.of(Point.class),
            "expected a record Point" + at,
            new Point(0, 0),
            new Point(Long.MIN_VALUE, Long.MAX_VALUE)),
        ContractCase.of(
            "nested record",
            TypeRef.of(Order.class),
            "expected a record Order" + at,
            order(1042),
            emptyOrder()),
        ContractCase.of(
            "@Nullable components",
            TypeRef.of(Note.class),
            "expected a record Note" + at,
            new Note("hi", null, null),
            new Note("", "ann", -1)),
        ContractCase.optional(
            "Optional<Long>",
            new TypeRef<Optional<Long>>() {},
            Optional.empty(),
            Optional.of(0L),
            Optional.of(Long.MIN_VALUE)),
        ContractCase.optional(
            "Optional<record>",
            new TypeRef<Optional<Point>>() {},
            Optional.empty(),
            Optional.of(new Point(3, 4))),
        ContractCase.optional(
            "Optional<sealed>",
            new TypeRef<Optional<Shape>>() {},
            Optional.empty(),
            Optional.of(new Rect(1, 2))),
        ContractCase.of(
            "sealed",
            TypeRef.of(Shape.class),
            "expected one of [Circle, Rect]" + at,
            new Circle(1.5),
            new Rect(2, 3)),
        ContractCase.ofList(
            "List<Long>",
            new TypeRef<List<Long>>() {},
            "expected a list" + at,
            List.of(List.of(), List.of(1L, -1L, Long.MAX_VALUE), LONGS)),
        ContractCase.of(
            "List<List<String>>",
            new TypeRef<List<List<String>>>() {},
            "expected a list" + at,
            nested,
            List.of()),
        ContractCase.of(
            "List<record>",
            new TypeRef<List<Order>>() {},
            "expected a list" + at,
            List.of(order(1), emptyOrder(), order(2))),
        ContractCase.of(
            "List<Optional<Long>>",
            new TypeRef<List<Optional<Long>>>() {},
            "expected a list" + at,
            List.of(Optional.empty(), Optional.of(5L))),
        ContractCase.of(
            "List<sealed>",
            new TypeRef<List<Shape>>() {},
            "expected a list" + at,
            List.of(new Circle(1), new Rect(1, 1))),
        ContractCase.of(
            "Map<String, Long>",
            new TypeRef<Map<String, Long>>() {},
            "expected a map" + at,
            Map.of(),
            longsByKey),
        ContractCase.of(
            "Map<String, record>",
            new TypeRef<Map<String, Point>>() {},
            "expected a map" + at,
            Map.of("origin", new Point(0, 0), "b", new Point(1, 2))),
        ContractCase.of(
            "Map<String, Optional<enum>>",
            new TypeRef<Map<String, Optional<Color>>>() {},
            "expected a map" + at,
            Map.of("x", Optional.empty(), "y", Optional.of(Color.BLUE))),
        ContractCase.of(
            "Map<String, Object>",
            new TypeRef<Map<String, Object>>() {},
            "expected a map" + at,
            Map.of(),
            untyped()),
        ContractCase.of(
            "Map<Long, String>",
            new TypeRef<Map<Long, String>>() {},
            "expected a map" + at,
            Map.of(1L, "a", -1L, "b", Long.MIN_VALUE, "")),
        ContractCase.of(
            "recursive record",
            TypeRef.of(Node.class),
            "expected a record Node" + at,
            new Node("root", List.of()),
            tree(6)));
  }
}
