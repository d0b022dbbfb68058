package dev.ferry.blob.spi;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Crc32csTest {
  private static final byte[] CHECK = "123456789".getBytes(US_ASCII);

  @Test
  void of_checkValue() {
    assertThat(Crc32cs.of(CHECK)).isEqualTo(0xe3069283);
    assertThat(Crc32cs.of(new byte[0])).isZero();
    assertThat(Crc32cs.of("xx123456789yy".getBytes(US_ASCII), 2, 9)).isEqualTo(0xe3069283);
  }

  @Test
  void hex_eightLowerCaseDigitsBigEndian() {
    assertThat(Crc32cs.hex(0xe3069283)).isEqualTo("e3069283");
    assertThat(Crc32cs.hex(0)).isEqualTo("00000000");
    assertThat(Crc32cs.hex(0x2a)).isEqualTo("0000002a");
    assertThat(Crc32cs.hex(-1)).isEqualTo("ffffffff");
    CRC32C running = new CRC32C();
    running.update(CHECK);
    assertThat(Crc32cs.hex(running)).isEqualTo("e3069283");
  }

  @Test
  void base64_ofFourBytesBigEndian() {
    assertThat(Crc32cs.base64(0xe3069283)).isEqualTo("4waSgw==");
    assertThat(Crc32cs.base64(0)).isEqualTo("AAAAAA==");
    assertThat(Crc32cs.base64(-1)).isEqualTo("/////w==");
  }

  @Test
  void parse_roundTrips() {
    for (int crc : new int[] {0, 1, -1, 0xe3069283, Integer.MIN_VALUE, 0x0000ff00}) {
      assertThat(Crc32cs.parseHex(Crc32cs.hex(crc))).isEqualTo(crc);
      assertThat(Crc32cs.parseBase64(Crc32cs.base64(crc))).isEqualTo(crc);
    }
    assertThat(Crc32cs.parseHex("E3069283")).isEqualTo(0xe3069283);
    assertThat(Crc32cs.hexToBase64("e3069283")).isEqualTo("4waSgw==");
    assertThat(Crc32cs.base64ToHex("4waSgw==")).isEqualTo("e3069283");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "e306928", "e30692830", "e306928g", "+3069283", "-3069283"})
  void parseHex_malformed_rejected(String hex) {
    assertThatThrownBy(() -> Crc32cs.parseHex(hex))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("crc32c must be 8 hex digits but was '" + hex + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "4waS", "4waSgwA=", "4waSgw=", "not base64!", "AAAAAAAA"})
  void parseBase64_malformed_rejected(String base64) {
    assertThatThrownBy(() -> Crc32cs.parseBase64(base64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("crc32c must be the base64 of 4 bytes but was '" + base64 + "'");
  }
}
