package dev.ferry.transformers.demo;

import com.google.protobuf.TextFormat;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.transformers.EnumValue;
import dev.ferry.transformers.FieldName;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The main job on the embedded default, for now: converts a record, a list, an enum, an optional
 * and a sealed union to literals, writes them as a {@code LiteralMap} to {@code inputs.pb} (the
 * file a Flyte task container reads), reads the file back and checks every value survived.
 */
public final class InputsDemo {
  /** A Python-style enum whose values are lower case. */
  public enum Priority {
    @EnumValue("low")
    LOW,
    @EnumValue("high")
    HIGH
  }

  /** An order line. */
  public record Item(String sku, @FieldName("unit_price") double unitPrice, int quantity) {}

  /** An order. */
  public record Order(
      @FieldName("order_id") long orderId,
      List<Item> items,
      Priority priority,
      Optional<String> note,
      Instant placed) {}

  /** How an order is delivered: a sealed union of records. */
  public sealed interface Delivery permits Pickup, Courier {}

  /** Collected at a store. */
  public record Pickup(String store) implements Delivery {}

  /** Brought by a courier. */
  public record Courier(String address, int days) implements Delivery {}

  private InputsDemo() {}

  /** Writes and reads back {@code inputs.pb} (or the path given as the first argument). */
  public static void main(String[] args) throws IOException {
    Path path = Path.of(args.length > 0 ? args[0] : "inputs.pb").toAbsolutePath();
    TypeEngine engine = TypeEngine.createDefault();

    Order order =
        new Order(
            1042,
            List.of(new Item("A-1", 9.5, 2), new Item("B-7", 120.0, 1)),
            Priority.HIGH,
            Optional.of("leave at the door"),
            Instant.parse("2026-11-21T09:30:00Z"));
    Map<String, Input<?>> inputs = new LinkedHashMap<>();
    inputs.put("order", new Input<>(order, new TypeRef<Order>() {}));
    inputs.put("tags", new Input<>(List.of("gift", "fragile"), new TypeRef<List<String>>() {}));
    inputs.put("priority", new Input<>(Priority.LOW, new TypeRef<Priority>() {}));
    inputs.put("coupon", new Input<>(Optional.<String>empty(), new TypeRef<Optional<String>>() {}));
    inputs.put(
        "delivery", new Input<Delivery>(new Courier("1 Main St", 2), new TypeRef<Delivery>() {}));

    LiteralMap.Builder map = LiteralMap.newBuilder();
    for (Map.Entry<String, Input<?>> e : inputs.entrySet()) {
      map.putLiterals(e.getKey(), e.getValue().toLiteral(engine, e.getKey()));
    }
    LiteralMap written = map.build();
    try (OutputStream out = Files.newOutputStream(path)) {
      written.writeTo(out);
    }

    LiteralMap read;
    try (InputStream in = Files.newInputStream(path)) {
      read = LiteralMap.parseFrom(in);
    }
    System.out.println("wrote " + Files.size(path) + " bytes to " + path);
    boolean ok = read.equals(written);
    for (Map.Entry<String, Input<?>> e : inputs.entrySet()) {
      Object back = e.getValue().toJava(engine, read.getLiteralsOrThrow(e.getKey()), e.getKey());
      boolean same = back.equals(e.getValue().value());
      ok &= same;
      System.out.println("  " + e.getKey() + " = " + back + (same ? "" : "  <-- MISMATCH"));
    }
    System.out.println("order as the Flyte backend sees it:");
    System.out.print(TextFormat.printer().printToString(read.getLiteralsOrThrow("order")));
    if (!ok) {
      System.err.println("round trip FAILED");
      System.exit(1);
    }
    System.out.println("round trip OK");
  }

  private record Input<T>(T value, TypeRef<T> type) {
    Literal toLiteral(TypeEngine engine, String name) {
      return engine.toLiteral(value, type, TransformContext.at("inputs." + name));
    }

    T toJava(TypeEngine engine, Literal literal, String name) {
      return engine.toJava(literal, type, TransformContext.at("inputs." + name));
    }
  }
}
