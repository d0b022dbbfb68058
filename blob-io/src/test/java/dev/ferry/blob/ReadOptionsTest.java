package dev.ferry.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadOptionsTest {
  @Test
  void defaults() {
    ReadOptions d = ReadOptions.defaults();

    assertThat(d.concurrency()).isEqualTo(ReadOptions.DEFAULT_CONCURRENCY).isEqualTo(4);
    assertThat(d.checksum()).isTrue();
    assertThat(d.progress()).isSameAs(ProgressListener.NONE);
    assertThat(d)
        .hasToString("ReadOptions{chunkSize=8388608, readAhead=4, concurrency=4, checksum=true}");
  }

  @Test
  void withConcurrency_keepsTheRest() {
    ProgressListener listener = (uri, done, total) -> {};
    ReadOptions o =
        ReadOptions.defaults()
            .withChunkSize(128 * 1024)
            .withReadAhead(0)
            .withChecksum(false)
            .withProgress(listener)
            .withConcurrency(9);

    assertThat(o.concurrency()).isEqualTo(9);
    assertThat(o.chunkSize()).isEqualTo(128 * 1024);
    assertThat(o.readAhead()).isZero();
    assertThat(o.checksum()).isFalse();
    assertThat(o.progress()).isSameAs(listener);
    assertThat(o.withChunkSize(64 * 1024).concurrency()).isEqualTo(9);
  }

  @Test
  void withConcurrency_belowOne_rejected() {
    assertThatThrownBy(() -> ReadOptions.defaults().withConcurrency(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("concurrency must be at least 1");
  }
}
