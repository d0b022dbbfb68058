package dev.ferry.blob.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.WriteOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class AbstractBlobOutputStreamTest {
  private static final URI URI_ = URI.create("memory://b/k");

  /** Records what the base class asks of a store. */
  private static final class Probe extends AbstractBlobOutputStream {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<String> events = new ArrayList<>();
    @Nullable IOException failWrite;
    @Nullable IOException failCommit;
    @Nullable String committedCrc;

    Probe(WriteOptions options) {
      super(URI_, options);
    }

    @Override
    protected void writeBytes(byte[] b, int off, int len) throws IOException {
      if (failWrite != null) {
        throw failWrite;
      }
      bytes.write(b, off, len);
    }

    @Override
    protected BlobInfo commit(long size, @Nullable String crc32c) throws IOException {
      events.add("commit " + size);
      if (failCommit != null) {
        throw failCommit;
      }
      committedCrc = crc32c;
      return new BlobInfo(uri(), size, crc32c, null);
    }

    @Override
    protected void discard() {
      events.add("discard");
    }
  }

  @Test
  void commit_commitsOnceWithSizeAndCrc() throws IOException {
    Probe out = new Probe(WriteOptions.defaults());
    out.write("1234".getBytes());
    out.write(ByteBuffer.wrap("56789".getBytes()));

    BlobInfo first = out.commit();
    assertThat(out.commit()).isSameAs(first);
    out.close();

    assertThat(out.events).containsExactly("commit 9");
    assertThat(out.committedCrc).isEqualTo("e3069283");
    assertThat(out.info().size()).isEqualTo(9);
    assertThat(out.bytes.toString()).isEqualTo("123456789");
  }

  @Test
  void commit_checksumOff_noCrc() throws IOException {
    Probe out = new Probe(WriteOptions.defaults().withChecksum(false));
    out.write(1);
    out.commit();

    assertThat(out.committedCrc).isNull();
    assertThat(out.info().crc32c()).isNull();
  }

  @Test
  void directBuffer_copiedThroughAnArray() throws IOException {
    Probe out = new Probe(WriteOptions.defaults());
    ByteBuffer direct = ByteBuffer.allocateDirect(200_000);
    for (int i = 0; i < direct.capacity(); i++) {
      direct.put((byte) i);
    }
    direct.flip().position(10);

    assertThat(out.write(direct)).isEqualTo(199_990);
    assertThat(direct.hasRemaining()).isFalse();
    out.commit();

    byte[] written = out.bytes.toByteArray();
    assertThat(written).hasSize(199_990);
    assertThat(written[0]).isEqualTo((byte) 10);
    assertThat(written[199_989]).isEqualTo((byte) 199_999);
  }

  @Test
  void failedWrite_discardsAtOnce_andCommitRethrows() throws IOException {
    Probe out = new Probe(WriteOptions.defaults());
    out.write(new byte[3]);
    out.failWrite = new IOException("disk full");

    assertThatThrownBy(() -> out.write(new byte[3]))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage("write memory://b/k failed: IOException: disk full");
    assertThat(out.events).containsExactly("discard");
    assertThatThrownBy(out::commit)
        .isInstanceOf(BlobStoreException.class)
        .hasMessage("write memory://b/k failed: nothing committed: IOException: disk full");
    assertThatThrownBy(out::commit).isInstanceOf(BlobStoreException.class);
    out.close(); // quiet: the failure was already thrown by the write
    assertThatThrownBy(() -> out.write(1))
        .hasMessage("write memory://b/k failed: nothing committed: IOException: disk full");
    out.abort();
    assertThat(out.events).containsExactly("discard");
    assertThatThrownBy(out::info)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("info() is known after commit() of memory://b/k");
  }

  @Test
  void badArguments_failTheStream() {
    Probe out = new Probe(WriteOptions.defaults());

    assertThatThrownBy(() -> out.write(new byte[2], 1, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(out.isOpen()).isFalse();
    assertThatThrownBy(out::commit)
        .isInstanceOf(BlobStoreException.class)
        .hasMessageStartingWith(
            "write memory://b/k failed: nothing committed: IndexOutOfBoundsException: ");
    assertThat(out.events).containsExactly("discard");
  }

  @Test
  void failedCommit_discards_andFails() throws IOException {
    Probe out = new Probe(WriteOptions.defaults());
    out.write(new byte[3]);
    out.failCommit = new IOException("rename failed");

    assertThatThrownBy(out::commit)
        .isInstanceOf(BlobStoreException.class)
        .hasMessage("write memory://b/k failed: IOException: rename failed");
    assertThat(out.events).containsExactly("commit 3", "discard");
    assertThatThrownBy(out::commit)
        .hasMessage("write memory://b/k failed: nothing committed: IOException: rename failed");
  }

  @Test
  void close_withoutCommit_discardsAndNeverCommits() throws IOException {
    Probe out = new Probe(WriteOptions.defaults());
    out.write(new byte[3]);

    out.close();
    out.close();
    out.abort();

    assertThat(out.events).containsExactly("discard");
    assertThat(out.isOpen()).isFalse();
    assertThatThrownBy(out::commit)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "commit after close: memory://b/k was discarded when the stream was closed"
                + " uncommitted");
  }

  @Test
  void tryWithResources_bodyThrows_discards() {
    Probe[] holder = new Probe[1];

    assertThatThrownBy(
            () -> {
              try (Probe out = new Probe(WriteOptions.defaults())) {
                holder[0] = out;
                out.write(new byte[5]);
                throw new IOException("producer failed");
              }
            })
        .hasMessage("producer failed");

    assertThat(holder[0].events).containsExactly("discard");
  }

  @Test
  void writeAndCommit_producerReturns_commits() throws IOException {
    Probe out = new Probe(WriteOptions.defaults());

    BlobInfo info = BlobOutputStream.writeAndCommit(out, o -> o.write(new byte[4]));

    assertThat(info.size()).isEqualTo(4);
    assertThat(out.events).containsExactly("commit 4");
  }

  @Test
  void writeAndCommit_producerThrows_discardsAndRethrows() {
    Probe out = new Probe(WriteOptions.defaults());

    assertThatThrownBy(
            () ->
                BlobOutputStream.writeAndCommit(
                    out,
                    o -> {
                      o.write(new byte[4]);
                      throw new IllegalStateException("row 3 is bad");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("row 3 is bad");
    assertThat(out.events).containsExactly("discard");
  }

  @Test
  void abort_discardsOnce() throws IOException {
    Probe out = new Probe(WriteOptions.defaults());
    out.write(new byte[3]);

    out.abort();
    out.abort();
    out.close();

    assertThat(out.events).containsExactly("discard");
    assertThat(out.isOpen()).isFalse();
  }

  @Test
  void abort_afterCommit_refused() throws IOException {
    Probe out = new Probe(WriteOptions.defaults());
    out.commit();

    assertThatThrownBy(out::abort)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("abort after commit: memory://b/k is already written");
  }

  @Test
  void progress_everyMiBWhileStreaming_thenTheTotal() throws IOException {
    List<String> calls = new ArrayList<>();
    Probe out =
        new Probe(
            WriteOptions.defaults()
                .withProgress((uri, done, total) -> calls.add(done + "/" + total)));
    byte[] chunk = new byte[300 * 1024];
    for (int i = 0; i < 10; i++) {
      out.write(chunk);
    }
    out.commit();

    assertThat(calls).containsExactly("1228800/-1", "2457600/-1", "3072000/3072000");
  }

  @Test
  void zeroLengthWrites_doNothing() throws IOException {
    Probe out = new Probe(WriteOptions.defaults());
    out.write(new byte[0]);
    out.write(ByteBuffer.allocate(0));
    out.commit();

    assertThat(out.bytesWritten()).isZero();
    assertThat(out.committedCrc).isEqualTo("00000000");
  }
}
