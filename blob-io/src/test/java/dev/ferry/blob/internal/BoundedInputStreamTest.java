package dev.ferry.blob.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BoundedInputStreamTest {
  private static InputStream source() {
    return new ByteArrayInputStream(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  }

  @Test
  void read_stopsAtTheLimit() throws IOException {
    InputStream in = new BoundedInputStream(source(), 4);

    assertThat(in.read()).isZero();
    assertThat(in.available()).isEqualTo(3);
    assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
    assertThat(in.read()).isEqualTo(-1);
    assertThat(in.read(new byte[4], 0, 4)).isEqualTo(-1);
  }

  @Test
  void read_shortSource_endsWithIt() throws IOException {
    assertThat(new BoundedInputStream(source(), 100).readAllBytes()).hasSize(10);
    assertThat(new BoundedInputStream(source(), 0).readAllBytes()).isEmpty();
  }

  @Test
  void skip_countsAgainstTheLimit() throws IOException {
    InputStream in = new BoundedInputStream(source(), 5);

    assertThat(in.skip(3)).isEqualTo(3);
    assertThat(in.skip(10)).isEqualTo(2);
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void negativeLimit_rejected() {
    assertThatThrownBy(() -> new BoundedInputStream(source(), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must not be negative");
  }
}
