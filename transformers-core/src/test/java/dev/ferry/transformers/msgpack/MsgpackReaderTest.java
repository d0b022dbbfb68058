package dev.ferry.transformers.msgpack;

import static dev.ferry.transformers.testing.Structs.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.msgpack.value.ValueType;

class MsgpackReaderTest {
  @Test
  void fork_readsAheadWithoutMovingTheReader() throws IOException {
    MsgpackReader reader = MsgpackReader.of(hex("92 a1 61 07"));
    assertThat(reader.readArrayHeader(Object.class)).isEqualTo(2);

    MsgpackReader ahead = reader.fork();
    assertThat(ahead.readString(String.class)).isEqualTo("a");
    assertThat(ahead.readLong(long.class)).isEqualTo(7);
    assertThat(ahead.atEnd()).isTrue();

    assertThat(reader.remaining()).isEqualTo(3);
    assertThat(reader.readString(String.class)).isEqualTo("a");
  }

  @Test
  void skip_skipsANestedValue() throws IOException {
    MsgpackReader reader = MsgpackReader.of(hex("92 81 a1 6b 93 01 02 03 c3"));
    reader.readArrayHeader(Object.class);

    reader.skip();

    assertThat(reader.readBoolean(Boolean.class)).isTrue();
    assertThat(reader.atEnd()).isTrue();
  }

  @Test
  void peek_neverUsedByteIsMalformed() {
    MsgpackReader reader = MsgpackReader.of(hex("c1"));

    assertThatThrownBy(reader::peek)
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith("expected a msgpack value but was malformed msgpack (");
  }

  @Test
  void readDouble_acceptsIntegersAndBothFloatWidths() throws IOException {
    MsgpackReader reader = MsgpackReader.of(hex("05 ca 3f 00 00 00 cb 3f f8 00 00 00 00 00 00"));

    assertThat(reader.readDouble(double.class)).isEqualTo(5.0);
    assertThat(reader.readDouble(double.class)).isEqualTo(0.5);
    assertThat(reader.readDouble(double.class)).isEqualTo(1.5);
    assertThat(reader.atEnd()).isTrue();
  }

  @Test
  void read_wrongFamilyIsADataError() {
    assertThatThrownBy(() -> MsgpackReader.of(hex("a1 61")).readLong(long.class))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected an integer but was a string at <root>");
    assertThatThrownBy(() -> MsgpackReader.of(hex("c0")).readBinary(byte[].class))
        .hasMessage("expected binary but was nil at <root>");
    assertThatThrownBy(() -> MsgpackReader.of(new byte[0]).readString(String.class))
        .hasMessage("expected a msgpack value but was the end of the payload at <root>");
  }

  @Test
  void read_truncatedValueIsMalformed() {
    assertThatThrownBy(() -> MsgpackReader.of(hex("cd 01")).readLong(long.class))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith("expected well-formed msgpack but was malformed msgpack (");
  }

  @Test
  void nesting_boundedAtMaxDepth() throws IOException {
    byte[] bytes = new byte[MsgpackReader.MAX_DEPTH + 2];
    java.util.Arrays.fill(bytes, (byte) 0x91); // arrays of one, nested
    bytes[bytes.length - 1] = (byte) 0xc0;
    MsgpackReader reader = MsgpackReader.of(bytes);
    for (int i = 0; i < MsgpackReader.MAX_DEPTH; i++) {
      reader.readArrayHeader(Object.class);
    }

    assertThat(reader.peek()).isEqualTo(ValueType.ARRAY);
    assertThatThrownBy(() -> reader.readArrayHeader(Object.class))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected msgpack nested at most 256 deep but was deeper nesting at <root>");
  }
}
