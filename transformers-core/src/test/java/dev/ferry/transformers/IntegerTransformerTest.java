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
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntegerTransformerTest {
  record Counts(long big, byte small) {}

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs.n");

  @ParameterizedTest
  @CsvSource({
    "short, 32768, 'expected an integer that fits short [-32768, 32767] but was ''32768'' at inputs.n'",
    "short, -32769, 'expected an integer that fits short [-32768, 32767] but was ''-32769'' at inputs.n'",
    "byte, 128, 'expected an integer that fits byte [-128, 127] but was ''128'' at inputs.n'",
    "int, -2147483649, 'expected an integer that fits int [-2147483648, 2147483647] but was ''-2147483649'' at inputs.n'"
  })
  void toJava_narrowingIsChecked(String javaType, long value, String message) {
    Class<?> type =
        switch (javaType) {
          case "short" -> Short.class;
          case "byte" -> byte.class;
          default -> int.class;
        };
    Literal literal = Literals.ofInteger(value);

    assertThatThrownBy(() -> engine.toJava(literal, TypeRef.of(type), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> engine.fromBytes(Literals.toBytes(literal), TypeRef.of(type), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(message);
  }

  @Test
  void toJava_limitsOfEachWidthFit() {
    assertThat(engine.toJava(Literals.ofInteger(Short.MIN_VALUE), TypeRef.of(short.class), ctx))
        .isEqualTo(Short.MIN_VALUE);
    assertThat(engine.toJava(Literals.ofInteger(127), TypeRef.of(Byte.class), ctx))
        .isEqualTo((byte) 127);
  }

  @Test
  void toJava_floatIsNotAnInteger() {
    Literal f = Literals.of(Primitive.newBuilder().setFloatValue(1.0).build());

    assertThatThrownBy(() -> engine.toJava(f, TypeRef.of(long.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected an integer but was float 1.0 at inputs.n");
    assertThatThrownBy(() -> engine.fromBytes(Literals.toBytes(f), TypeRef.of(long.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected an integer but was a float at inputs.n");
  }

  @Test
  void toJava_emptyLiteralIsADataError() {
    assertThatThrownBy(() -> engine.fromBytes(new byte[0], TypeRef.of(long.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected an integer but was an empty literal at inputs.n");
  }

  @Test
  void insideRecord_uint64BeyondLongIsADataError() {
    Literal literal =
        MsgpackLiterals.of(
            p ->
                p.packMapHeader(2)
                    .packString("big")
                    .packBigInteger(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))
                    .packString("small")
                    .packLong(1));

    assertThatThrownBy(() -> engine.toJava(literal, TypeRef.of(Counts.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected an integer of 64 bits but was '18446744073709551615' at inputs.n.big");
  }

  @Test
  void insideRecord_narrowingIsChecked() {
    Literal literal =
        MsgpackLiterals.of(
            p ->
                p.packMapHeader(2)
                    .packString("big")
                    .packLong(Long.MAX_VALUE)
                    .packString("small")
                    .packLong(-129));

    assertThatThrownBy(() -> engine.toJava(literal, TypeRef.of(Counts.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected an integer that fits byte [-128, 127] but was '-129' at inputs.n.small");
  }
}
