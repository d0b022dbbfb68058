package dev.ferry.blob.gcs.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GCS JSON-API server for tests, good enough for the real google-cloud-storage client pointed at
 * it with a host override: buckets, object metadata, media downloads with {@code Range}, listing
 * with prefix/delimiter/pages, deletes, resumable, multipart and media uploads, generation
 * preconditions and CRC32C/MD5 checks. Bytes live on disk under a directory of the caller's; the
 * server listens on 127.0.0.1 on a free port.
 *
 * <p>Anything it does not implement is answered 501, logged, and remembered in {@link
 * #unimplemented()}, so a test can assert that the client never needed more. {@link #failNext}
 * answers the next requests with an error status, to test retries; {@link #requests()} tells what
 * the client sent.
 *
 * <pre>{@code
 * try (FakeGcsServer server = FakeGcsServer.start(dir)) {
 *   server.createBucket("b");
 *   Storage storage = StorageOptions.http().setHost(server.endpoint())
 *       .setCredentials(NoCredentials.getInstance()).build().getService();
 * }
 * }</pre>
 */
public final class FakeGcsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FakeGcsServer.class);
  private static final AtomicInteger SERVERS = new AtomicInteger();

  /** A request the server answered. */
  public record RecordedRequest(
      String method,
      String path,
      Map<String, String> query,
      @Nullable String contentRange,
      int status) {
    /** Returns true if this is a request to a resumable upload session (a chunk, a query). */
    public boolean isSessionRequest() {
      return query.containsKey("upload_id");
    }

    /**
     * Returns true if this is a chunk PUT carrying bytes ({@code Content-Range: bytes a-b/...}).
     */
    public boolean isChunk() {
      return isSessionRequest()
          && method.equals("PUT")
          && contentRange != null
          && !contentRange.startsWith("bytes */");
    }
  }

  /** A status of {@link #failNext} that means: cut the connection instead of answering. */
  private static final int CUT = -1;

  private static final class Fault {
    final Predicate<RecordedRequest> which;
    final int status;
    final AtomicInteger remaining;

    Fault(Predicate<RecordedRequest> which, int status, int count) {
      this.which = which;
      this.status = status;
      this.remaining = new AtomicInteger(count);
    }
  }

  static {
    // The JDK server writes headers and body apart; without TCP_NODELAY every response waits for
    // the client's delayed ACK (40 ms). Read once, when the first server of the JVM starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer http;
  private final ExecutorService executor;
  private final Backend backend;
  private final ObjectApi objects;
  private final UploadApi uploads;
  private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<String> unimplemented = Collections.synchronizedList(new ArrayList<>());
  private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();

  private FakeGcsServer(HttpServer http, ExecutorService executor, Backend backend) {
    this.http = http;
    this.executor = executor;
    this.backend = backend;
    this.objects = new ObjectApi(backend);
    this.uploads = new UploadApi(backend);
  }

  /** Returns a running server keeping its bytes under {@code root}. */
  public static FakeGcsServer start(Path root) throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    int id = SERVERS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-gcs-" + id + "-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    FakeGcsServer server = new FakeGcsServer(http, executor, new Backend(root));
    http.createContext("/", server::handle);
    http.setExecutor(executor);
    http.start();
    return server;
  }

  /** Returns the URL to give the client as its host: {@code http://127.0.0.1:port}. */
  public String endpoint() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  /** Creates a bucket; throws if it exists. */
  public void createBucket(String name) throws IOException {
    if (backend.createBucket(name) == null) {
      throw new IllegalStateException("bucket " + name + " exists");
    }
  }

  /** Returns the file holding the live generation of an object, to corrupt it behind our back. */
  public Optional<Path> objectFile(String bucket, String name) {
    Backend.Bucket b = backend.bucket(bucket);
    Backend.StoredObject o = b == null ? null : b.objects.get(name);
    return o == null ? Optional.empty() : Optional.of(o.file());
  }

  /** Returns the requests answered so far, oldest first. */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Forgets the requests answered so far. */
  public void clearRequests() {
    requests.clear();
  }

  /** Answers the next {@code count} requests with {@code status} (503, 429, ...). */
  public void failNext(int count, int status) {
    failNext(count, status, r -> true);
  }

  /** Answers the next {@code count} requests that {@code which} accepts with {@code status}. */
  public void failNext(int count, int status, Predicate<RecordedRequest> which) {
    faults.add(new Fault(which, status, count));
  }

  /**
   * Makes the server a broken one for the next {@code count} uploads: it flips their first byte and
   * ignores the hashes the client sent, so the object it stores (and the CRC32C it reports) is not
   * what the client wrote.
   */
  public void corruptNextUploads(int count) {
    backend.corruptUploads.set(count);
  }

  /**
   * Cuts the connection of the next {@code count} requests that {@code which} accepts: a download
   * gets its headers and half its bytes, anything else is dropped unanswered after half its body.
   */
  public void cutNext(int count, Predicate<RecordedRequest> which) {
    faults.add(new Fault(which, CUT, count));
  }

  /** Drops the faults not yet used up. */
  public void clearFaults() {
    faults.clear();
  }

  /** Returns the faults not yet used up. */
  public int pendingFaults() {
    return faults.stream().mapToInt(f -> Math.max(0, f.remaining.get())).sum();
  }

  /**
   * Returns the objects ({@code bucket/name}) of the resumable sessions neither finalized nor
   * cancelled nor failed.
   */
  public List<String> openUploadSessions() {
    return backend.openSessions().stream().map(UploadSession::object).sorted().toList();
  }

  /** Returns the objects ({@code bucket/name}) of the resumable sessions cancelled by a DELETE. */
  public List<String> cancelledUploadSessions() {
    return backend.cancelledSessions().stream().map(UploadSession::object).sorted().toList();
  }

  /** Returns the requests answered 501 because the server does not implement them. */
  public List<String> unimplemented() {
    synchronized (unimplemented) {
      return List.copyOf(unimplemented);
    }
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) {
    String contentRange = exchange.getRequestHeaders().getFirst("Content-Range");
    String path = Exchange.decodePath(exchange.getRequestURI().getRawPath());
    Exchange ex =
        new Exchange(
            exchange,
            status ->
                requests.add(
                    new RecordedRequest(
                        exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                        path,
                        Map.copyOf(Exchange.query(exchange)),
                        contentRange,
                        status)));
    boolean cut = false;
    try {
      RecordedRequest seen = new RecordedRequest(ex.method, path, ex.query, contentRange, 0);
      Fault fault = takeFault(seen);
      if (fault != null && fault.status == CUT) {
        cut = true;
        cut(ex);
      } else if (fault != null) {
        ex.sendError(
            fault.status,
            fault.status == 429 ? "rateLimitExceeded" : "backendError",
            "Injected fault: " + fault.status);
      } else {
        route(ex);
      }
    } catch (IllegalArgumentException e) {
      respondQuietly(ex, 400, "invalid", String.valueOf(e.getMessage()));
    } catch (IOException | RuntimeException e) {
      if (cut) {
        // thrown out of the handler, the JDK server closes the connection: the client sees it cut
        throw new IllegalStateException("fault: connection cut", e);
      }
      LOG.warn("fake GCS server: {} {} failed", ex.method, exchange.getRequestURI(), e);
      respondQuietly(ex, 500, "internalError", e.toString());
    } finally {
      if (!cut) {
        exchange.close();
      }
    }
  }

  private void cut(Exchange ex) throws IOException {
    LOG.debug("fake GCS server: cutting {} {}", ex.method, ex.http.getRequestURI());
    if (ex.method.equals("GET")
        && ("media".equals(ex.query.get("alt")) || ex.rawPath.startsWith("/download/"))) {
      ex.cutHalfway = true;
      route(ex); // sends the headers and half the bytes, then fails
      return;
    }
    String length = ex.header("Content-Length");
    long half = length == null ? 0 : Long.parseLong(length) / 2;
    ex.http.getRequestBody().readNBytes((int) Math.min(half, Integer.MAX_VALUE));
    requests.add(
        new RecordedRequest(
            ex.method,
            Exchange.decodePath(ex.rawPath),
            Map.copyOf(ex.query),
            ex.header("Content-Range"),
            0));
    throw new IOException("fault: connection cut before the response");
  }

  private @Nullable Fault takeFault(RecordedRequest request) {
    for (Fault f : faults) {
      if (f.which.test(request)) {
        if (f.remaining.getAndDecrement() > 0) {
          return f;
        }
        faults.remove(f);
      }
    }
    return null;
  }

  private void route(Exchange ex) throws IOException {
    String p = ex.rawPath;
    String m = ex.method;
    if (p.startsWith("/upload/storage/v1/b/")) {
      String[] target = target(p.substring("/upload/storage/v1/b/".length()));
      if (target != null && target[1] != null && target[1].isEmpty() && !m.equals("GET")) {
        uploads.upload(ex, target[0]);
        return;
      }
    } else if (p.startsWith("/download/storage/v1/b/")) {
      String[] target = target(p.substring("/download/storage/v1/b/".length()));
      if (target != null && target[1] != null && !target[1].isEmpty() && m.equals("GET")) {
        objects.getObject(ex, target[0], target[1], true);
        return;
      }
    } else if (p.equals("/storage/v1/b") || p.equals("/storage/v1/b/")) {
      if (m.equals("GET")) {
        objects.listBuckets(ex);
        return;
      }
      if (m.equals("POST")) {
        objects.createBucket(ex);
        return;
      }
    } else if (p.startsWith("/storage/v1/b/")) {
      String[] target = target(p.substring("/storage/v1/b/".length()));
      if (target != null) {
        String bucket = target[0];
        String name = target[1];
        if (name == null) {
          if (m.equals("GET")) {
            objects.getBucket(ex, bucket);
            return;
          }
          if (m.equals("DELETE")) {
            objects.deleteBucket(ex, bucket);
            return;
          }
        } else if (name.isEmpty()) {
          if (m.equals("GET")) {
            objects.list(ex, bucket);
            return;
          }
        } else if (m.equals("GET")) {
          objects.getObject(ex, bucket, name, "media".equals(ex.query.get("alt")));
          return;
        } else if (m.equals("DELETE")) {
          objects.deleteObject(ex, bucket, name);
          return;
        }
      }
    }
    String request = ex.method + " " + ex.http.getRequestURI();
    LOG.warn("fake GCS server: not implemented: {}", request);
    unimplemented.add(request);
    ex.sendError(501, "notImplemented", "The fake GCS server does not implement " + request);
  }

  /**
   * Splits {@code bucket}, {@code bucket/o} or {@code bucket/o/name} (raw): {bucket, null},
   * {bucket, ""}, {bucket, decoded name}; null for anything else.
   */
  private static String @Nullable [] target(String raw) {
    int slash = raw.indexOf('/');
    if (slash < 0) {
      return raw.isEmpty() ? null : new String[] {Exchange.decodePath(raw), null};
    }
    String bucket = Exchange.decodePath(raw.substring(0, slash));
    String rest = raw.substring(slash);
    if (rest.equals("/o") || rest.equals("/o/")) {
      return new String[] {bucket, ""};
    }
    if (rest.startsWith("/o/")) {
      return new String[] {bucket, Exchange.decodePath(rest.substring(3))};
    }
    return null;
  }

  private static void respondQuietly(Exchange ex, int code, String reason, String message) {
    if (ex.status() != 0) {
      return; // headers already went out
    }
    try {
      ex.sendError(code, reason, message);
    } catch (IOException e) {
      // the client went away
    }
  }
}
