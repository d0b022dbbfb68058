package dev.ferry.blob.spi;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobStoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class VerifyingInputStreamTest {
  private static final URI URI_ = URI.create("memory://b/k");
  private static final byte[] DATA = "123456789".getBytes(US_ASCII);
  private static final int CRC = 0xe3069283;

  private static InputStream verifying(byte[] data, long size, @Nullable Integer crc) {
    return new VerifyingInputStream(new ByteArrayInputStream(data), "read", URI_, size, crc);
  }

  @Test
  void matching_readsEverything() throws IOException {
    try (InputStream in = verifying(DATA, 9, CRC)) {
      assertThat(in.readAllBytes()).isEqualTo(DATA);
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void wrongCrc_failsAtTheLastByte_andKeepsFailing() throws IOException {
    InputStream in = verifying(DATA, 9, 7);
    assertThat(in.readNBytes(8)).hasSize(8);

    assertThatThrownBy(in::read)
        .isInstanceOf(BlobStoreException.class)
        .hasMessage(
            "read memory://b/k failed: checksum mismatch: expected crc32c 00000007 but read e3069283");
    assertThatThrownBy(in::read).isInstanceOf(BlobStoreException.class);
  }

  @Test
  void shorterThanExpected_failsAtEnd() {
    InputStream in = verifying(DATA, 10, null);

    assertThatThrownBy(in::readAllBytes)
        .isInstanceOf(BlobStoreException.class)
        .hasMessage("read memory://b/k failed: size mismatch: expected 10 bytes but read 9");
  }

  @Test
  void longerThanExpected_failsAtOnce() {
    InputStream in = verifying(DATA, 5, null);

    assertThatThrownBy(in::readAllBytes)
        .isInstanceOf(BlobStoreException.class)
        .hasMessage(
            "read memory://b/k failed: size mismatch: expected 5 bytes but read more than 5");
  }

  @Test
  void skip_readsThroughSoTheCrcStillCounts() throws IOException {
    InputStream ok = verifying(DATA, 9, CRC);
    assertThat(ok.skip(4)).isEqualTo(4);
    assertThat(ok.readAllBytes()).hasSize(5);

    InputStream bad = verifying(DATA, 9, 1);
    assertThatThrownBy(() -> bad.skip(100)).isInstanceOf(BlobStoreException.class);
  }

  @Test
  void noExpectations_passesThrough() throws IOException {
    assertThat(verifying(DATA, -1, null).readAllBytes()).isEqualTo(DATA);
  }

  @Test
  void sourceFailure_namesOperationAndUri() {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        };
    InputStream in = new VerifyingInputStream(failing, "download", URI_, -1, null);

    assertThatThrownBy(in::read)
        .isInstanceOf(BlobStoreException.class)
        .hasMessage("download memory://b/k failed: IOException: connection reset");
  }
}
