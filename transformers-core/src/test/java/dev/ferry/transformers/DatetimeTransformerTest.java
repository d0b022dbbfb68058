package dev.ferry.transformers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.Primitive;
import dev.ferry.transformers.testing.MsgpackLiterals;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class DatetimeTransformerTest {
  record At(Instant at) {}

  record Day(LocalDate day) {}

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs.t");

  private static Literal timestamp(long seconds, int nanos) {
    return Literals.of(
        Primitive.newBuilder()
            .setDatetime(Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos))
            .build());
  }

  @Test
  void toLiteral_isUtcTimestampWhateverTheOffset() {
    OffsetDateTime paris = OffsetDateTime.parse("2024-05-01T14:30:00.5+02:00");
    ZonedDateTime zoned = paris.atZoneSameInstant(ZoneId.of("Europe/Paris"));

    Literal fromOffset = engine.toLiteral(paris, TypeRef.of(OffsetDateTime.class), ctx);
    Literal fromZoned = engine.toLiteral(zoned, TypeRef.of(ZonedDateTime.class), ctx);

    Literal expected =
        timestamp(Instant.parse("2024-05-01T12:30:00Z").getEpochSecond(), 500_000_000);
    assertThat(fromOffset).isEqualTo(expected);
    assertThat(fromZoned).isEqualTo(expected);
    // read back in UTC: the same instant, not the same offset
    assertThat(engine.toJava(fromOffset, TypeRef.of(OffsetDateTime.class), ctx))
        .isEqualTo(paris.withOffsetSameInstant(ZoneOffset.UTC));
    assertThat(engine.toJava(fromZoned, TypeRef.of(ZonedDateTime.class), ctx))
        .isEqualTo(zoned.withZoneSameInstant(ZoneOffset.UTC));
  }

  @Test
  void toLiteral_localDateIsMidnightUtc() {
    assertThat(engine.toLiteral(LocalDate.of(1970, 1, 2), TypeRef.of(LocalDate.class), ctx))
        .isEqualTo(timestamp(86_400, 0));
  }

  @Test
  void toLiteral_beyondYear9999IsADataError() {
    assertThatThrownBy(
            () ->
                engine.toLiteral(
                    Instant.parse("+10000-01-01T00:00:00Z"), TypeRef.of(Instant.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected a datetime between years 1 and 9999 but was '+10000-01-01T00:00:00Z' at"
                + " inputs.t");
    assertThatThrownBy(
            () -> engine.toLiteral(LocalDate.of(0, 12, 31), TypeRef.of(LocalDate.class), ctx))
        .hasMessage(
            "expected a datetime between years 1 and 9999 but was '0000-12-31' at inputs.t");
  }

  @Test
  void toJava_invalidTimestampIsADataError() {
    assertThatThrownBy(() -> engine.toJava(timestamp(0, -1), TypeRef.of(Instant.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a valid timestamp but was '0s -1ns' at inputs.t");
    assertThatThrownBy(
            () -> engine.toJava(timestamp(Long.MIN_VALUE, 0), TypeRef.of(Instant.class), ctx))
        .hasMessage("expected a valid timestamp but was '-9223372036854775808s 0ns' at inputs.t");
  }

  @Test
  void toJava_localDateMustBeMidnightUtc() {
    assertThatThrownBy(() -> engine.toJava(timestamp(86_401, 0), TypeRef.of(LocalDate.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected a datetime at midnight UTC for a LocalDate but was '1970-01-02T00:00:01Z' at"
                + " inputs.t");
    assertThat(engine.toJava(timestamp(-86_400, 0), TypeRef.of(LocalDate.class), ctx))
        .isEqualTo(LocalDate.of(1969, 12, 31));
  }

  @Test
  void toJava_otherPrimitiveIsADataError() {
    assertThatThrownBy(
            () -> engine.toJava(Literals.ofString("2024-05-01"), TypeRef.of(Instant.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a datetime but was string '2024-05-01' at inputs.t");
  }

  @Test
  void insideRecord_unparseableStringsAreDataErrors() {
    Literal badInstant =
        MsgpackLiterals.of(p -> p.packMapHeader(1).packString("at").packString("noon"));
    Literal badDate =
        MsgpackLiterals.of(p -> p.packMapHeader(1).packString("day").packString("2024-02-30"));

    assertThatThrownBy(() -> engine.toJava(badInstant, TypeRef.of(At.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected an ISO-8601 datetime but was 'noon' at inputs.t.at");
    assertThatThrownBy(() -> engine.toJava(badDate, TypeRef.of(Day.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected an ISO-8601 date but was '2024-02-30' at inputs.t.day");
  }

  @Test
  void insideRecord_dateIsIsoDateString() {
    Literal literal = engine.toLiteral(new Day(LocalDate.of(1, 1, 1)), TypeRef.of(Day.class), ctx);

    assertThat(literal)
        .isEqualTo(
            MsgpackLiterals.of(p -> p.packMapHeader(1).packString("day").packString("0001-01-01")));
  }
}
