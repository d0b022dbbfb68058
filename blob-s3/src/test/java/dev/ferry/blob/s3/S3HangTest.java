package dev.ferry.blob.s3;

import static dev.ferry.blob.s3.S3StreamingTests.PART;
import static dev.ferry.blob.s3.S3StreamingTests.options;
import static dev.ferry.blob.s3.S3StreamingTests.random;
import static dev.ferry.blob.s3.S3StreamingTests.writeInChunks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.testing.FaultProxy;
import dev.ferry.blob.testing.S3MockServer;
import dev.ferry.blob.testing.S3StoreExtension;
import dev.ferry.testdata.IntegrationTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Nothing hangs: an abort against a server that never answers returns within the store's abort
 * timeout and says what it left behind, and aborts still pending when the JVM exits are drained by
 * the store's shutdown hook.
 */
@IntegrationTest
class S3HangTest {
  @RegisterExtension static final S3StoreExtension s3 = S3StoreExtension.on(S3MockServer::shared);

  @Test
  void abort_serverNeverAnswers_returnsWithinTheAbortTimeout_namesWhatIsLeft() throws Exception {
    try (BlackHole hole = new BlackHole()) {
      S3Settings settings =
          s3.server()
              .settings(hole.endpoint())
              .withRetries(1, Duration.ZERO, Duration.ZERO)
              .withAbortTimeout(Duration.ofMillis(500));
      URI uri = s3.uri("black-hole.bin");
      try (S3BlobStore store = new S3BlobStore(settings)) {
        BlobOutputStream out = store.create(uri, options(3));
        out.write(random(2 * PART + 1, 31)); // two parts handed over: CreateMultipartUpload hangs
        dev.ferry.blob.s3.MultipartUpload upload = ((S3OutputStream) out).upload();

        assertTimeoutPreemptively(Duration.ofSeconds(20), out::abort);

        assertThat(upload.lastAbortLeft())
            .isEqualTo(
                "CreateMultipartUpload did not answer: an upload whose id is unknown may exist"
                    + " (only a bucket lifecycle rule removes it)");
        assertThat(hole.connections()).isPositive();
      }
    }
  }

  @Test
  void shutdownHook_registeredWithTheStore_removedOnClose() throws IOException {
    S3BlobStore store = new S3BlobStore(s3.server().settings());
    Thread hook = store.shutdownDrain();
    store.close();

    // close() removed it: removing it again answers false
    assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isFalse();
    S3BlobStore open = new S3BlobStore(s3.server().settings());
    try {
      // an open store's hook is registered: removing it answers true
      assertThat(Runtime.getRuntime().removeShutdownHook(open.shutdownDrain())).isTrue();
    } finally {
      open.close();
    }
  }

  @Test
  @SuppressWarnings("DoNotCall") // the hook is run here as the JVM runs it at exit, on purpose
  void shutdownHook_drainsTheAbortsOfAFailedUpload() throws Exception {
    try (FaultProxy proxy = FaultProxy.start(s3.server().endpoint());
        S3BlobStore faulty = new S3BlobStore(s3.server().settings(proxy.endpoint()))) {
      URI uri = s3.uri("drained-at-exit.bin");
      AtomicBoolean killed = new AtomicBoolean();
      BlobOutputStream out =
          faulty.create(
              uri,
              options(2)
                  .withProgress(
                      (u, done, total) -> {
                        if (done >= PART && killed.compareAndSet(false, true)) {
                          proxy.kill(); // the first part is in: the server dies
                        }
                      }));
      assertThatThrownBy(
              () -> {
                writeInChunks(out, random(4 * PART, 32), 256 * 1024);
                out.commit();
              })
          .isInstanceOf(BlobStoreException.class);
      assertThat(faulty.pendingAborts()).isEqualTo(1);
      assertThat(uploads("drained-at-exit.bin")).hasSize(1);

      proxy.revive();
      Thread hook = faulty.shutdownDrain();
      hook.run(); // what the JVM runs at exit: one bounded attempt at every pending abort

      assertThat(faulty.pendingAborts()).isZero();
      assertThat(uploads("drained-at-exit.bin")).isEmpty();
    }
  }

  private static List<MultipartUpload> uploads(String key) {
    return s3.store()
        .client()
        .listMultipartUploads(r -> r.bucket(s3.bucket()).prefix(s3.key(key)))
        .join()
        .uploads();
  }

  /** A port that accepts connections and never answers (nor reads). */
  private static final class BlackHole implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    BlackHole() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    held.add(server.accept());
                  } catch (IOException e) {
                    return;
                  }
                }
              },
              "black-hole");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    URI endpoint() {
      return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    int connections() {
      return held.size();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
