package dev.ferry.transformers;

import com.google.protobuf.Timestamp;
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
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;

/**
 * {@link Instant}, {@link OffsetDateTime}, {@link ZonedDateTime} and {@link LocalDate} as Flyte
 * {@code DATETIME}: a UTC timestamp ({@code LocalDate} at midnight UTC). Values read back are in
 * UTC. Inside records they are ISO-8601 strings, as the Python SDK writes them: {@code
 * 2024-05-01T12:30:00.250000+00:00} (six fraction digits, as {@code datetime.isoformat()}; none
 * when the value has no fraction of a second, {@code 2024-05-01T12:30:00+00:00}; nine when it has
 * nanoseconds) and {@code 2024-05-01} for dates.
 */
public final class DatetimeTransformer<T> implements TypeTransformer<T>, MsgpackCodec<T> {
  static final Factory FACTORY =
      (type, engine) -> {
        Class<?> raw = type.rawType();
        if (raw == Instant.class) {
          return new DatetimeTransformer<>(Instant.class, i -> i, i -> i, false);
        } else if (raw == OffsetDateTime.class) {
          return new DatetimeTransformer<>(
              OffsetDateTime.class,
              OffsetDateTime::toInstant,
              i -> i.atOffset(ZoneOffset.UTC),
              false);
        } else if (raw == ZonedDateTime.class) {
          return new DatetimeTransformer<>(
              ZonedDateTime.class, ZonedDateTime::toInstant, i -> i.atZone(ZoneOffset.UTC), false);
        } else if (raw == LocalDate.class) {
          return new DatetimeTransformer<>(
              LocalDate.class,
              d -> d.atStartOfDay(ZoneOffset.UTC).toInstant(),
              i -> LocalDate.ofInstant(i, ZoneOffset.UTC),
              true);
        }
        return null;
      };

  private static final LiteralType TYPE = Literals.simple(SimpleType.DATETIME);
  private static final long MIN_SECONDS = -62_135_596_800L; // 0001-01-01T00:00:00Z
  private static final long MAX_SECONDS = 253_402_300_799L; // 9999-12-31T23:59:59Z
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");
  private static final DateTimeFormatter NANOS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx");

  private final Class<T> javaType;
  private final Function<T, Instant> toInstant;
  private final Function<Instant, T> fromInstant;
  private final boolean date;

  private DatetimeTransformer(
      Class<T> javaType,
      Function<T, Instant> toInstant,
      Function<Instant, T> fromInstant,
      boolean date) {
    this.javaType = javaType;
    this.toInstant = toInstant;
    this.fromInstant = fromInstant;
    this.date = date;
  }

  @Override
  public LiteralType literalType() {
    return TYPE;
  }

  @Override
  public String unionTag() {
    return date ? Tags.DATE : Tags.DATETIME;
  }

  private Instant instant(@Nullable T value) {
    if (value == null) {
      throw new LiteralConversionException(javaType.getSimpleName(), "null", javaType, TYPE);
    }
    Instant i = toInstant.apply(value);
    if (i.getEpochSecond() < MIN_SECONDS || i.getEpochSecond() > MAX_SECONDS) {
      throw new LiteralConversionException(
          "a datetime between years 1 and 9999", "'" + value + "'", javaType, TYPE);
    }
    return i;
  }

  private T fromInstantChecked(Instant i) {
    if (date && (i.getEpochSecond() % 86_400 != 0 || i.getNano() != 0)) {
      throw new LiteralConversionException(
          "a datetime at midnight UTC for a LocalDate", "'" + i + "'", javaType, TYPE);
    }
    return fromInstant.apply(i);
  }

  @Override
  public Literal toLiteral(@Nullable T value, TransformContext ctx) {
    Instant i = instant(value);
    return Literals.of(
        Primitive.newBuilder()
            .setDatetime(
                Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()))
            .build());
  }

  @Override
  public T toJava(Literal literal, TransformContext ctx) {
    if (literal.hasScalar()
        && literal.getScalar().hasPrimitive()
        && literal.getScalar().getPrimitive().hasDatetime()) {
      Timestamp ts = literal.getScalar().getPrimitive().getDatetime();
      if (ts.getSeconds() < MIN_SECONDS
          || ts.getSeconds() > MAX_SECONDS
          || ts.getNanos() < 0
          || ts.getNanos() > 999_999_999) {
        throw new LiteralConversionException(
            "a valid timestamp",
            "'" + ts.getSeconds() + "s " + ts.getNanos() + "ns'",
            javaType,
            TYPE);
      }
      return fromInstantChecked(Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos()));
    }
    throw new LiteralConversionException("a datetime", Literals.describe(literal), javaType, TYPE);
  }

  @Override
  public void pack(@Nullable T value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    Instant i = instant(value);
    if (date) {
      packer.packString(LocalDate.ofInstant(i, ZoneOffset.UTC).toString());
    } else {
      OffsetDateTime utc = i.atOffset(ZoneOffset.UTC);
      int nanos = i.getNano();
      DateTimeFormatter f = nanos == 0 ? SECONDS : nanos % 1000 == 0 ? MICROS : NANOS;
      packer.packString(f.format(utc));
    }
  }

  @Override
  public T unpack(MsgpackReader reader) throws IOException {
    String s = reader.readString(javaType);
    try {
      if (date) {
        return fromInstant.apply(LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(s);
      Instant i =
          parsed.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)
              ? OffsetDateTime.from(parsed).toInstant()
              : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
      return fromInstant.apply(i);
    } catch (DateTimeParseException e) {
      throw reader.error(
          date ? "an ISO-8601 date" : "an ISO-8601 datetime", Literals.quote(s), javaType);
    } catch (DateTimeException e) {
      throw reader.error("a valid datetime", Literals.quote(s), javaType);
    }
  }

  @Override
  public Value jsonSchema() {
    return Json.obj("type", "string", "format", date ? "date" : "date-time");
  }
}
