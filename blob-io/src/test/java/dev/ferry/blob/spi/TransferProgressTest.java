package dev.ferry.blob.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransferProgressTest {
  private static final URI URI_ = URI.create("memory://b/prefix");

  @Test
  void advance_reportsRunningTotal() throws Exception {
    List<String> calls = new ArrayList<>();
    TransferProgress p =
        new TransferProgress(
            URI_, 10, (uri, done, total) -> calls.add(uri + " " + done + "/" + total));

    p.begin();
    p.advance(3);
    p.advance(0);
    p.advance(7);

    assertThat(calls)
        .containsExactly(
            "memory://b/prefix 0/10", "memory://b/prefix 3/10", "memory://b/prefix 10/10");
    assertThat(p.bytesDone()).isEqualTo(10);
    assertThat(p.totalBytes()).isEqualTo(10);
  }

  @Test
  void advance_fromManyThreads_serialisedAndMonotonic() throws Exception {
    List<Long> seen = new ArrayList<>();
    TransferProgress p = new TransferProgress(URI_, 8000, (uri, done, total) -> seen.add(done));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int t = 0; t < 8; t++) {
      pool.submit(
          () -> {
            for (int i = 0; i < 1000; i++) {
              p.advance(1);
            }
            return null;
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(seen).hasSize(8000).isSorted();
    assertThat(seen.get(7999)).isEqualTo(8000);
  }

  @Test
  void cancel_nextAdvanceThrows() throws Exception {
    TransferProgress p = TransferProgress.silent(URI_);
    p.advance(5);

    p.cancel();

    assertThat(p.isCancelled()).isTrue();
    assertThatThrownBy(() -> p.advance(1))
        .isInstanceOf(TransferCancelledException.class)
        .hasMessage("transfer memory://b/prefix failed: cancelled: another transfer failed");
    assertThatThrownBy(p::checkCancelled).isInstanceOf(TransferCancelledException.class);
    assertThat(p.bytesDone()).isEqualTo(5);
  }
}
