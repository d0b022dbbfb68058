package dev.ferry.transformers.functional;

import static dev.ferry.transformers.testing.Structs.hex;
import static dev.ferry.transformers.testing.Structs.spaced;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Binary;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.Scalar;
import dev.ferry.transformers.EnumValue;
import dev.ferry.transformers.FieldName;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The msgpack payload of a record, byte for byte, as the Python SDK 1.16 writes a dataclass: {@code
 * Scalar.binary{value, tag "msgpack"}}, keys in declaration order, integers in their smallest
 * encoding, floats as float64, nil for null, datetimes as strings with microseconds and {@code
 * +00:00}, enums as their value strings. Expected bytes are written out from the msgpack
 * specification, not produced by a msgpack library.
 */
class RecordPayloadWireTest {
  enum Color {
    @EnumValue("red")
    RED,
    @EnumValue("green")
    GREEN
  }

  record Ints(long a, long b, int c, long d, long e, short f) {}

  record Floats(double x, float y) {}

  record Nulls(@Nullable String a, Optional<Long> b) {}

  record Order(@FieldName("order_id") long orderId, String sku) {}

  record Reversed(long z, long a) {}

  record When(Instant at, LocalDate day, Duration took, Color color) {}

  record Lists(List<Long> ids, List<String> tags) {}

  private final TypeEngine engine = TypeEngine.createDefault();

  private <T> byte[] payload(T value, TypeRef<T> type) {
    Literal literal = engine.toLiteral(value, type, TransformContext.at("inputs.x"));
    assertThat(literal.getValueCase()).isEqualTo(Literal.ValueCase.SCALAR);
    assertThat(literal.getScalar().getValueCase()).isEqualTo(Scalar.ValueCase.BINARY);
    Binary binary = literal.getScalar().getBinary();
    assertThat(binary.getTag()).isEqualTo("msgpack");
    return binary.getValue().toByteArray();
  }

  @Test
  void toLiteral_integersInSmallestEncoding() {
    byte[] bytes =
        payload(new Ints(1, 200, -1, 70_000, Long.MIN_VALUE, (short) -200), TypeRef.of(Ints.class));

    assertThat(hex(bytes))
        .isEqualTo(
            spaced(
                "86"
                    + " a1 61 01" // positive fixint
                    + " a1 62 cc c8" // uint8
                    + " a1 63 ff" // negative fixint
                    + " a1 64 ce 00 01 11 70" // uint32
                    + " a1 65 d3 80 00 00 00 00 00 00 00" // int64
                    + " a1 66 d1 ff 38")); // int16
  }

  @Test
  void toLiteral_floatsAlwaysFloat64() {
    byte[] bytes = payload(new Floats(1.0, 0.5f), TypeRef.of(Floats.class));

    assertThat(hex(bytes))
        .isEqualTo(spaced("82 a1 78 cb 3f f0 00 00 00 00 00 00 a1 79 cb 3f e0 00 00 00 00 00 00"));
  }

  @Test
  void toLiteral_nullIsNilWithTheKeyKept() {
    byte[] bytes = payload(new Nulls(null, Optional.empty()), TypeRef.of(Nulls.class));

    assertThat(hex(bytes)).isEqualTo(spaced("82 a1 61 c0 a1 62 c0"));
  }

  @Test
  void toLiteral_keysInDeclarationOrderUnderTheirFieldNames() {
    assertThat(hex(payload(new Reversed(1, 2), TypeRef.of(Reversed.class))))
        .isEqualTo(spaced("82 a1 7a 01 a1 61 02"));
    assertThat(hex(payload(new Order(7, "A"), TypeRef.of(Order.class))))
        .isEqualTo(spaced("82 a8 6f 72 64 65 72 5f 69 64 07 a3 73 6b 75 a1 41"));
  }

  @Test
  void toLiteral_datetimeAsIsoStringWithMicrosecondsAndUtcOffset() {
    When when =
        new When(
            Instant.parse("2024-05-01T12:30:00Z"),
            LocalDate.of(2024, 5, 1),
            Duration.ofMillis(1500),
            Color.GREEN);

    byte[] bytes = payload(when, TypeRef.of(When.class));

    String at = "2024-05-01T12:30:00+00:00"; // no fraction, as datetime.isoformat()
    assertThat(hex(bytes))
        .isEqualTo(
            spaced(
                "84 a2 61 74 b9 "
                    + hex(at.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    + " a3 64 61 79 aa "
                    + hex("2024-05-01".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    + " a4 74 6f 6f 6b cb 3f f8 00 00 00 00 00 00" // 1.5 seconds
                    + " a5 63 6f 6c 6f 72 a5 67 72 65 65 6e")); // "green", the value
  }

  @Test
  void toLiteral_datetimeKeepsNanosecondsInNineDigits() {
    When when =
        new When(
            Instant.parse("2024-05-01T12:30:00.123456789Z"),
            LocalDate.of(2024, 5, 1),
            Duration.ZERO,
            Color.RED);

    String text =
        new String(
            payload(when, TypeRef.of(When.class)), java.nio.charset.StandardCharsets.ISO_8859_1);

    assertThat(text).contains("2024-05-01T12:30:00.123456789+00:00");
  }

  @Test
  void toLiteral_listsAsArrays() {
    byte[] bytes = payload(new Lists(List.of(1L, 300L), List.of()), TypeRef.of(Lists.class));

    assertThat(hex(bytes)).isEqualTo(spaced("82 a3 69 64 73 92 01 cd 01 2c a4 74 61 67 73 90"));
  }

  @Test
  void toJava_readsTheWrittenPayload() {
    When when =
        new When(
            Instant.parse("2024-05-01T12:30:00.000001Z"),
            LocalDate.of(1, 1, 1),
            Duration.ofSeconds(-3, 250_000_000),
            Color.GREEN);
    Literal literal =
        Literal.newBuilder()
            .setScalar(
                Scalar.newBuilder()
                    .setBinary(
                        Binary.newBuilder()
                            .setTag("msgpack")
                            .setValue(ByteString.copyFrom(payload(when, TypeRef.of(When.class))))))
            .build();

    assertThat(engine.toJava(literal, TypeRef.of(When.class), TransformContext.at("inputs.x")))
        .isEqualTo(when);
  }
}
