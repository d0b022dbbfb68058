package dev.ferry.blob.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.spi.TransferProgress;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ParallelTransfersTest {
  private static final URI PREFIX = URI.create("memory://b/prefix");

  @Test
  void run_resultsInTaskOrder() throws IOException {
    List<ParallelTransfers.Transfer<Integer>> transfers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int n = i;
      transfers.add(
          () -> {
            sleep(20 - n);
            return n * n;
          });
    }

    List<Integer> results =
        ParallelTransfers.run("test", PREFIX, 4, transfers, TransferProgress.silent(PREFIX));

    assertThat(results).hasSize(20);
    for (int i = 0; i < 20; i++) {
      assertThat(results.get(i)).isEqualTo(i * i);
    }
  }

  @Test
  void run_empty_noThreads() throws IOException {
    assertThat(ParallelTransfers.run("test", PREFIX, 4, List.of(), TransferProgress.silent(PREFIX)))
        .isEmpty();
  }

  @Test
  void run_atMostConcurrencyInFlight_andReachesIt() throws IOException {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch fourRunning = new CountDownLatch(4);
    List<ParallelTransfers.Transfer<String>> transfers = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      transfers.add(
          () -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            fourRunning.countDown();
            await(fourRunning);
            sleep(2);
            inFlight.decrementAndGet();
            return Thread.currentThread().getName();
          });
    }

    List<String> threads =
        ParallelTransfers.run("probe", PREFIX, 4, transfers, TransferProgress.silent(PREFIX));

    assertThat(most.get()).isEqualTo(4);
    assertThat(threads).allMatch(name -> name.startsWith("ferry-probe-"));
    assertThat(threads.stream().distinct().count()).isLessThanOrEqualTo(4);
  }

  @Test
  void run_firstFailureThrown_othersSuppressed_restCancelled() {
    AtomicInteger started = new AtomicInteger();
    CountDownLatch bothFailing = new CountDownLatch(2);
    AtomicBoolean longOnesStopped = new AtomicBoolean(true);
    TransferProgress group = TransferProgress.silent(PREFIX);
    List<ParallelTransfers.Transfer<Integer>> transfers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      int n = i;
      transfers.add(
          () -> {
            started.incrementAndGet();
            if (n < 2) {
              bothFailing.countDown();
              await(bothFailing);
              throw new BlobStoreException(
                  "upload", URI.create("memory://b/f" + n), "boom " + n, null);
            }
            if (n < 4) {
              for (int chunk = 0; chunk < 10_000; chunk++) {
                group.advance(1); // throws once the group is cancelled
                sleep(1);
              }
              longOnesStopped.set(false);
            }
            return n;
          });
    }

    assertThatThrownBy(() -> ParallelTransfers.run("test", PREFIX, 4, transfers, group))
        .isInstanceOfSatisfying(
            BlobStoreException.class,
            e -> {
              assertThat(e.reason()).isIn("boom 0", "boom 1");
              assertThat(e.getSuppressed()).hasSize(1);
              assertThat(e.getSuppressed()[0]).hasMessageContaining("boom ");
              assertThat(e.getSuppressed()[0]).isNotSameAs(e);
            });
    assertThat(group.isCancelled()).isTrue();
    assertThat(longOnesStopped).isTrue();
    assertThat(started.get()).isLessThan(50);
  }

  @Test
  void run_uncheckedFailure_rethrownAsItIs() {
    List<ParallelTransfers.Transfer<Integer>> transfers =
        List.of(
            () -> {
              throw new IllegalStateException("bug");
            });

    assertThatThrownBy(
            () ->
                ParallelTransfers.run(
                    "test", PREFIX, 2, transfers, TransferProgress.silent(PREFIX)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("bug");
  }

  @Test
  void run_callerInterrupted_stopsTheGroupAndKeepsTheFlag() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    TransferProgress group = TransferProgress.silent(PREFIX);
    List<ParallelTransfers.Transfer<Integer>> transfers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      transfers.add(
          () -> {
            running.countDown();
            while (true) {
              group.advance(1);
              sleep(1);
            }
          });
    }
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagKept = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              try {
                ParallelTransfers.run("test", PREFIX, 2, transfers, group);
              } catch (Throwable t) {
                thrown.set(t);
              }
              flagKept.set(Thread.currentThread().isInterrupted());
            });
    caller.start();
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    caller.interrupt();
    caller.join(10_000);

    assertThat(caller.isAlive()).isFalse();
    assertThat(thrown.get())
        .isInstanceOf(BlobStoreException.class)
        .hasMessage("test memory://b/prefix failed: interrupted");
    assertThat(flagKept).isTrue();
    assertThat(group.isCancelled()).isTrue();
  }

  @Test
  void run_concurrencyBelowOne_rejected() {
    assertThatThrownBy(
            () ->
                ParallelTransfers.run(
                    "test", PREFIX, 0, List.of(), TransferProgress.silent(PREFIX)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("concurrency must be at least 1");
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void await(CountDownLatch latch) throws IOException {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IOException("latch timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
