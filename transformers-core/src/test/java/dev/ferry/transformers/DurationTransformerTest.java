package dev.ferry.transformers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.Primitive;
import dev.ferry.transformers.testing.MsgpackLiterals;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTransformerTest {
  record Took(Duration took) {}

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs.d");
  private final TypeRef<Duration> type = TypeRef.of(Duration.class);

  private static Literal duration(long seconds, int nanos) {
    return Literals.of(
        Primitive.newBuilder()
            .setDuration(
                com.google.protobuf.Duration.newBuilder().setSeconds(seconds).setNanos(nanos))
            .build());
  }

  @Test
  void toLiteral_negativeDurationHasSecondsAndNanosOfOneSign() {
    assertThat(engine.toLiteral(Duration.ofNanos(-1), type, ctx)).isEqualTo(duration(0, -1));
    assertThat(engine.toLiteral(Duration.ofSeconds(-5, 3), type, ctx))
        .isEqualTo(duration(-4, -999_999_997));
    assertThat(engine.toJava(duration(-4, -999_999_997), type, ctx))
        .isEqualTo(Duration.ofSeconds(-5, 3));
  }

  @Test
  void toLiteral_beyondTheProtobufRangeIsADataError() {
    assertThatThrownBy(() -> engine.toLiteral(Duration.ofSeconds(315_576_000_001L), type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a duration within +-10000 years but was 'PT87660000H1S' at inputs.d");
  }

  @Test
  void toLiteral_longMinSecondsIsADataError() {
    // Math.abs(Long.MIN_VALUE) is negative: a range check built on it lets the value through
    assertThatThrownBy(() -> engine.toLiteral(Duration.ofSeconds(Long.MIN_VALUE), type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected a duration within +-10000 years but was 'PT-2562047788015215H-30M-8S' at"
                + " inputs.d");
  }

  @Test
  void toJava_secondsOutOfRangeIsADataError() {
    assertThatThrownBy(() -> engine.toJava(duration(315_576_000_001L, 0), type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a valid duration but was '315576000001s 0ns' at inputs.d");
    assertThatThrownBy(() -> engine.toJava(duration(Long.MIN_VALUE, -1), type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a valid duration but was '-9223372036854775808s -1ns' at inputs.d");
    assertThatThrownBy(
            () -> engine.fromBytes(Literals.toBytes(duration(Long.MIN_VALUE, -1)), type, ctx))
        .isInstanceOf(LiteralConversionException.class);
  }

  @Test
  void toJava_otherPrimitiveIsADataError() {
    assertThatThrownBy(() -> engine.toJava(Literals.ofInteger(5), type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a duration but was integer 5 at inputs.d");
  }

  @Test
  void insideRecord_floatSecondsExactToTheNanosecondForDays() {
    Took took = new Took(Duration.ofDays(10).plusNanos(123_456_789));

    Literal literal = engine.toLiteral(took, TypeRef.of(Took.class), ctx);

    assertThat(engine.toJava(literal, TypeRef.of(Took.class), ctx)).isEqualTo(took);
  }

  @Test
  void insideRecord_readsIntegerSecondsAndRejectsNaN() {
    Literal whole = MsgpackLiterals.of(p -> p.packMapHeader(1).packString("took").packLong(90));
    Literal nan =
        MsgpackLiterals.of(p -> p.packMapHeader(1).packString("took").packDouble(Double.NaN));

    assertThat(engine.toJava(whole, TypeRef.of(Took.class), ctx))
        .isEqualTo(new Took(Duration.ofSeconds(90)));
    assertThatThrownBy(() -> engine.toJava(nan, TypeRef.of(Took.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a duration in seconds but was 'NaN' at inputs.d.took");
  }
}
