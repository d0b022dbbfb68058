package dev.ferry.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class BlobInfoTest {
  private static final URI URI_ = URI.create("memory://b/k");

  @Test
  void crc32c_lowerHex_accepted() {
    assertThat(new BlobInfo(URI_, 9, "e3069283", null).crc32c()).isEqualTo("e3069283");
    assertThat(new BlobInfo(URI_, 0, null, "etag").crc32c()).isNull();
  }

  @Test
  void crc32c_otherForms_rejected() {
    for (String bad : new String[] {"E3069283", "4waSgw==", "e306928", "e30692830", "e306928g"}) {
      assertThatThrownBy(() -> new BlobInfo(URI_, 9, bad, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("crc32c must be 8 lower-case hex digits but was '" + bad + "'");
    }
  }

  @Test
  void size_negative_rejected() {
    assertThatThrownBy(() -> new BlobInfo(URI_, -1, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size must not be negative");
  }
}
