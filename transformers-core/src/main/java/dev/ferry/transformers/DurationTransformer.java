package dev.ferry.transformers;

import com.google.protobuf.Value;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Primitive;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.transformers.internal.Json;
import dev.ferry.transformers.internal.Tags;
import dev.ferry.transformers.msgpack.MsgpackCodec;
import dev.ferry.transformers.msgpack.MsgpackReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;

/**
 * {@link Duration} as Flyte {@code DURATION}. Inside records a duration is a float of seconds, as
 * the Python SDK writes a {@code timedelta}.
 */
public final class DurationTransformer
    implements TypeTransformer<Duration>, MsgpackCodec<Duration> {
  static final Factory FACTORY =
      (type, engine) -> type.rawType() == Duration.class ? new DurationTransformer() : null;

  private static final LiteralType TYPE = Literals.simple(SimpleType.DURATION);
  private static final long MAX_SECONDS = 315_576_000_000L; // the protobuf Duration range

  @Override
  public LiteralType literalType() {
    return TYPE;
  }

  @Override
  public String unionTag() {
    return Tags.TIMEDELTA;
  }

  private static Duration check(@Nullable Duration value) {
    if (value == null) {
      throw new LiteralConversionException("Duration", "null", Duration.class, TYPE);
    }
    if (value.getSeconds() < -MAX_SECONDS || value.getSeconds() > MAX_SECONDS) {
      throw new LiteralConversionException(
          "a duration within +-10000 years", "'" + value + "'", Duration.class, TYPE);
    }
    return value;
  }

  @Override
  public Literal toLiteral(@Nullable Duration value, TransformContext ctx) {
    Duration d = check(value);
    // protobuf durations carry seconds and nanos of the same sign
    long seconds = d.getSeconds();
    int nanos = d.getNano();
    if (seconds < 0 && nanos > 0) {
      seconds += 1;
      nanos -= 1_000_000_000;
    }
    return Literals.of(
        Primitive.newBuilder()
            .setDuration(
                com.google.protobuf.Duration.newBuilder().setSeconds(seconds).setNanos(nanos))
            .build());
  }

  @Override
  public Duration toJava(Literal literal, TransformContext ctx) {
    if (literal.hasScalar()
        && literal.getScalar().hasPrimitive()
        && literal.getScalar().getPrimitive().hasDuration()) {
      com.google.protobuf.Duration d = literal.getScalar().getPrimitive().getDuration();
      if (d.getSeconds() < -MAX_SECONDS
          || d.getSeconds() > MAX_SECONDS
          || d.getNanos() < -999_999_999
          || d.getNanos() > 999_999_999) {
        throw new LiteralConversionException(
            "a valid duration",
            "'" + d.getSeconds() + "s " + d.getNanos() + "ns'",
            Duration.class,
            TYPE);
      }
      return Duration.ofSeconds(d.getSeconds(), d.getNanos());
    }
    throw new LiteralConversionException(
        "a duration", Literals.describe(literal), Duration.class, TYPE);
  }

  @Override
  public void pack(@Nullable Duration value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    Duration d = check(value);
    packer.packDouble(d.getSeconds() + d.getNano() / 1e9);
  }

  @Override
  public Duration unpack(MsgpackReader reader) throws IOException {
    double seconds = reader.readDouble(Duration.class);
    if (!Double.isFinite(seconds) || Math.abs(seconds) > MAX_SECONDS) {
      throw reader.error("a duration in seconds", "'" + seconds + "'", Duration.class);
    }
    BigDecimal nanos =
        new BigDecimal(seconds).movePointRight(9).setScale(0, java.math.RoundingMode.HALF_EVEN);
    BigDecimal[] parts = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
    return Duration.ofSeconds(parts[0].longValueExact(), parts[1].longValueExact());
  }

  @Override
  public Value jsonSchema() {
    return Json.obj("type", "number", "format", "time-delta");
  }
}
