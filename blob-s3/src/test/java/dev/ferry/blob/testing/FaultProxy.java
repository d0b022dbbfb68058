package dev.ferry.blob.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on loopback between an S3 client and a server, reading the HTTP/1.1 requests that
 * pass through so it can misbehave on chosen ones:
 *
 * <ul>
 *   <li>pass everything through (the default, and {@link #passThrough()});
 *   <li>{@link #cutRequestBody}: forward the first N bytes of a matching request's body, then reset
 *       both connections (a connection cut mid-part);
 *   <li>{@link #cutResponse}: reset the connection after N bytes of the answer to a matching
 *       request (a download cut mid-body);
 *   <li>{@link #corruptRequestBody} and {@link #corruptResponse}: flip one bit of a matching
 *       request's body or of its answer (bytes damaged on the way, which checksums must catch);
 *   <li>{@link #respondSlowDown}: answer matching requests with HTTP 503 {@code SlowDown} and an S3
 *       XML error body, without forwarding them;
 *   <li>{@link #kill()}: reset every open connection and every new one until {@link #revive()} (a
 *       server that died);
 *   <li>{@link #slowLink}: add latency to every request and throttle every connection in both
 *       directions (a distant object store; this kernel has no netem).
 * </ul>
 *
 * Rules count matching requests from 1 and fire on the {@code nth} to the {@code (nth + times -
 * 1)}th. Two threads per connection; everything stops on {@link #close()}.
 */
public final class FaultProxy implements AutoCloseable {
  private static final int BUFFER = 64 * 1024;
  private static final String SLOW_DOWN_BODY =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"
          + "<RequestId>FERRYFAULTPROXY</RequestId><HostId>ferry-fault-proxy</HostId></Error>";

  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final Thread acceptor;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<HttpRequestHead> requestLog = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger connectionCount = new AtomicInteger();
  private volatile boolean killed;
  private volatile boolean closed;
  private volatile @Nullable SlowLink slowLink;

  private FaultProxy(ServerSocket listener, InetSocketAddress target) {
    this.listener = listener;
    this.target = target;
    this.acceptor = new Thread(this::acceptLoop, "fault-proxy-accept-" + listener.getLocalPort());
    this.acceptor.setDaemon(true);
  }

  /** Starts a proxy on a free loopback port in front of {@code endpoint} (an http URI). */
  public static FaultProxy start(URI endpoint) throws IOException {
    ServerSocket listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    int port = endpoint.getPort() < 0 ? 80 : endpoint.getPort();
    FaultProxy proxy = new FaultProxy(listener, new InetSocketAddress(endpoint.getHost(), port));
    proxy.acceptor.start();
    return proxy;
  }

  /** Returns the proxy's endpoint: {@code http://127.0.0.1:port}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  // ---- behaviours ----

  /** Drops every rule, revives the proxy and ends the slow link. */
  public FaultProxy passThrough() {
    rules.clear();
    killed = false;
    slowLink = null;
    return this;
  }

  /**
   * Forwards only {@code afterBytes} bytes of the body of the {@code nth} matching request, then
   * resets the connection.
   */
  public Rule cutRequestBody(Predicate<HttpRequestHead> match, int nth, long afterBytes) {
    return add(new Rule(match, nth, 1, Action.CUT_REQUEST_BODY, afterBytes));
  }

  /** Resets the connection after {@code afterBytes} bytes of the answer to the nth match. */
  public Rule cutResponse(Predicate<HttpRequestHead> match, int nth, long afterBytes) {
    return add(new Rule(match, nth, 1, Action.CUT_RESPONSE, afterBytes));
  }

  /** Flips the lowest bit of byte {@code offset} of the body of the nth matching request. */
  public Rule corruptRequestBody(Predicate<HttpRequestHead> match, int nth, long offset) {
    return add(new Rule(match, nth, 1, Action.CORRUPT_REQUEST_BODY, offset));
  }

  /**
   * Flips the lowest bit of byte {@code offset} of the answer (status line and headers included) to
   * the nth matching request.
   */
  public Rule corruptResponse(Predicate<HttpRequestHead> match, int nth, long offset) {
    return add(new Rule(match, nth, 1, Action.CORRUPT_RESPONSE, offset));
  }

  /**
   * Answers matching requests {@code nth} to {@code nth + times - 1} with 503 {@code SlowDown},
   * without forwarding them.
   */
  public Rule respondSlowDown(Predicate<HttpRequestHead> match, int nth, int times) {
    return add(new Rule(match, nth, times, Action.SLOW_DOWN, 0));
  }

  /** Resets every connection now and every new one until {@link #revive()}. */
  public void kill() {
    killed = true;
    for (Connection c : connections) {
      c.reset();
    }
  }

  /** Lets connections through again after {@link #kill()}. */
  public void revive() {
    killed = false;
  }

  /**
   * Adds {@code latency} before every request and throttles every connection to {@code
   * bytesPerSecond} in each direction.
   */
  public void slowLink(Duration latency, long bytesPerSecond) {
    if (bytesPerSecond <= 0) {
      throw new IllegalArgumentException("bytes per second must be positive");
    }
    slowLink = new SlowLink(latency.toNanos(), bytesPerSecond);
  }

  /** Returns the requests seen so far, in order. */
  public List<HttpRequestHead> requests() {
    synchronized (requestLog) {
      return List.copyOf(requestLog);
    }
  }

  /** Returns the requests seen so far that {@code match}. */
  public List<HttpRequestHead> requests(Predicate<HttpRequestHead> match) {
    return requests().stream().filter(match).toList();
  }

  /** Forgets the requests seen so far. */
  public void clearRequests() {
    requestLog.clear();
  }

  /** Returns how many connections were accepted. */
  public int connectionsAccepted() {
    return connectionCount.get();
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Connection c : connections) {
      c.reset();
    }
    try {
      acceptor.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- request matchers ----

  /** Returns a matcher of UploadPart requests. */
  public static Predicate<HttpRequestHead> uploadPart() {
    return r -> r.method.equals("PUT") && r.hasQuery("partNumber") && r.hasQuery("uploadId");
  }

  /** Returns a matcher of PutObject requests (PUTs that are no part). */
  public static Predicate<HttpRequestHead> putObject() {
    return r -> r.method.equals("PUT") && !r.hasQuery("uploadId") && r.path.indexOf('/', 1) > 0;
  }

  /** Returns a matcher of CompleteMultipartUpload requests. */
  public static Predicate<HttpRequestHead> completeMultipartUpload() {
    return r -> r.method.equals("POST") && r.hasQuery("uploadId");
  }

  /** Returns a matcher of CreateMultipartUpload requests. */
  public static Predicate<HttpRequestHead> createMultipartUpload() {
    return r -> r.method.equals("POST") && r.hasQuery("uploads");
  }

  /** Returns a matcher of GetObject requests. */
  public static Predicate<HttpRequestHead> getObject() {
    return r -> r.method.equals("GET") && r.path.indexOf('/', 1) > 0 && r.query.isEmpty();
  }

  /** Returns a matcher of every request. */
  public static Predicate<HttpRequestHead> anyRequest() {
    return r -> true;
  }

  private enum Action {
    CUT_REQUEST_BODY,
    CUT_RESPONSE,
    CORRUPT_REQUEST_BODY,
    CORRUPT_RESPONSE,
    SLOW_DOWN
  }

  /** A misbehaviour on matching requests; tells how often it fired. */
  public static final class Rule {
    private final Predicate<HttpRequestHead> match;
    private final int first;
    private final int last;
    private final Action action;
    private final long bytes;
    private final AtomicInteger seen = new AtomicInteger();
    private final AtomicInteger fired = new AtomicInteger();

    Rule(Predicate<HttpRequestHead> match, int nth, int times, Action action, long bytes) {
      if (nth < 1 || times < 1) {
        throw new IllegalArgumentException("nth and times must be at least 1");
      }
      this.match = match;
      this.first = nth;
      this.last = nth + times - 1;
      this.action = action;
      this.bytes = bytes;
    }

    /** Returns how many matching requests were seen. */
    public int seen() {
      return seen.get();
    }

    /** Returns how many times the rule fired. */
    public int fired() {
      return fired.get();
    }

    boolean fires(HttpRequestHead request) {
      if (!match.test(request)) {
        return false;
      }
      int n = seen.incrementAndGet();
      if (n >= first && n <= last) {
        fired.incrementAndGet();
        return true;
      }
      return false;
    }
  }

  private Rule add(Rule rule) {
    rules.add(rule);
    return rule;
  }

  private record SlowLink(long latencyNanos, long bytesPerSecond) {}

  // ---- plumbing ----

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      connectionCount.incrementAndGet();
      if (killed) {
        resetQuietly(client);
        continue;
      }
      Socket server = new Socket();
      try {
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        server.connect(target, 5000);
      } catch (IOException e) {
        resetQuietly(client);
        resetQuietly(server);
        continue;
      }
      Connection c = new Connection(client, server);
      connections.add(c);
      c.start();
    }
  }

  private static void resetQuietly(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (SocketException e) {
      // closing anyway
    }
    try {
      socket.close();
    } catch (IOException e) {
      // closed
    }
  }

  /** One client connection and the server connection it is forwarded to. */
  private final class Connection {
    private final Socket client;
    private final Socket server;
    private final Object clientWrite = new Object();
    private final AtomicLong cutResponseAfter = new AtomicLong(-1);
    private final AtomicLong corruptResponseAt = new AtomicLong(-1);
    private final Throttle up = new Throttle();
    private final Throttle down = new Throttle();

    Connection(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void start() {
      int id = connectionCount.get();
      Thread c2s = new Thread(this::clientToServer, "fault-proxy-c2s-" + id);
      Thread s2c = new Thread(this::serverToClient, "fault-proxy-s2c-" + id);
      c2s.setDaemon(true);
      s2c.setDaemon(true);
      c2s.start();
      s2c.start();
    }

    void reset() {
      resetQuietly(client);
      resetQuietly(server);
      connections.remove(this);
    }

    private void clientToServer() {
      try {
        InputStream in = new BufferedInputStream(client.getInputStream(), BUFFER);
        OutputStream out = server.getOutputStream();
        while (!closed) {
          HttpRequestHead request = HttpRequestHead.read(in);
          if (request == null) {
            break;
          }
          byte[] head = request.bytes();
          requestLog.add(request);
          if (killed) {
            break;
          }
          SlowLink slow = slowLink;
          if (slow != null) {
            Throttle.sleepNanos(slow.latencyNanos);
          }
          Rule rule = null;
          for (Rule r : rules) {
            if (r.fires(request)) {
              rule = r;
              break;
            }
          }
          long length = request.contentLength();
          if (rule != null && rule.action == Action.SLOW_DOWN) {
            slowDown(request, in, length);
            return;
          }
          if (rule != null && rule.action == Action.CUT_RESPONSE) {
            cutResponseAfter.set(rule.bytes);
          }
          if (rule != null && rule.action == Action.CORRUPT_RESPONSE) {
            corruptResponseAt.set(rule.bytes);
          }
          write(out, head, 0, head.length, up);
          if (rule != null && rule.action == Action.CUT_REQUEST_BODY) {
            copy(in, out, Math.min(length, rule.bytes), up);
            break;
          }
          if (rule != null && rule.action == Action.CORRUPT_REQUEST_BODY && rule.bytes < length) {
            copy(in, out, rule.bytes, up);
            int b = in.read();
            if (b < 0) {
              throw new IOException("the client closed mid-body");
            }
            out.write(b ^ 0x01);
            copy(in, out, length - rule.bytes - 1, up);
            continue;
          }
          if (length >= 0) {
            copy(in, out, length, up);
          } else {
            copyChunked(in, out);
          }
        }
      } catch (IOException e) {
        // the connection ended
      }
      reset();
    }

    private void serverToClient() {
      byte[] buffer = new byte[BUFFER];
      try {
        InputStream in = server.getInputStream();
        OutputStream out = client.getOutputStream();
        while (!closed) {
          int n = in.read(buffer);
          if (n < 0) {
            break;
          }
          long corrupt = corruptResponseAt.get();
          if (corrupt >= 0) {
            if (corrupt < n) {
              buffer[(int) corrupt] ^= 0x01;
              corruptResponseAt.set(-1);
            } else {
              corruptResponseAt.addAndGet(-n);
            }
          }
          long cut = cutResponseAfter.get();
          if (cut >= 0) {
            int allowed = (int) Math.min(n, cut);
            synchronized (clientWrite) {
              write(out, buffer, 0, allowed, down);
            }
            if (allowed < n || cutResponseAfter.addAndGet(-allowed) == 0) {
              break;
            }
            continue;
          }
          synchronized (clientWrite) {
            write(out, buffer, 0, n, down);
          }
        }
      } catch (IOException e) {
        // the connection ended
      }
      reset();
    }

    private void slowDown(HttpRequestHead request, InputStream in, long length) throws IOException {
      byte[] body = request.method.equals("HEAD") ? new byte[0] : SLOW_DOWN_BODY.getBytes(UTF_8);
      String head =
          "HTTP/1.1 503 Slow Down\r\n"
              + "Content-Type: application/xml\r\n"
              + "Content-Length: "
              + body.length
              + "\r\n"
              + "x-amz-request-id: FERRYFAULTPROXY\r\n"
              + "Connection: close\r\n\r\n";
      synchronized (clientWrite) {
        OutputStream out = client.getOutputStream();
        out.write(head.getBytes(ISO_8859_1));
        out.write(body);
        out.flush();
      }
      boolean expectContinue =
          "100-continue".equalsIgnoreCase(request.headers.getOrDefault("expect", ""));
      client.setSoTimeout(5000);
      try {
        if (!expectContinue && length > 0) {
          copy(in, OutputStream.nullOutputStream(), length, null); // let the client finish
        }
        // a graceful close, so the client reads the answer before the connection ends
        client.shutdownOutput();
        in.transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        // the client went away first
      }
      resetQuietly(server);
      try {
        client.close();
      } catch (IOException e) {
        // closed
      }
      connections.remove(this);
    }

    private void write(OutputStream out, byte[] b, int off, int len, Throttle throttle)
        throws IOException {
      SlowLink slow = slowLink;
      if (slow == null) {
        out.write(b, off, len);
        return;
      }
      int done = 0;
      while (done < len) {
        int n = Math.min(16 * 1024, len - done);
        throttle.acquire(n, slow.bytesPerSecond);
        out.write(b, off + done, n);
        done += n;
      }
    }

    private void copy(InputStream in, OutputStream out, long length, @Nullable Throttle throttle)
        throws IOException {
      byte[] buffer = new byte[BUFFER];
      long left = length;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException("the client closed mid-body");
        }
        if (throttle == null) {
          out.write(buffer, 0, n);
        } else {
          write(out, buffer, 0, n, throttle);
        }
        left -= n;
      }
    }

    private void copyChunked(InputStream in, OutputStream out) throws IOException {
      while (true) {
        byte[] line = HttpRequestHead.readLine(in);
        write(out, line, 0, line.length, up);
        String size = new String(line, ISO_8859_1).trim();
        int semicolon = size.indexOf(';');
        long n = Long.parseLong(semicolon < 0 ? size : size.substring(0, semicolon), 16);
        if (n == 0) {
          while (true) { // trailers, then the empty line
            byte[] trailer = HttpRequestHead.readLine(in);
            write(out, trailer, 0, trailer.length, up);
            if (trailer.length <= 2) {
              return;
            }
          }
        }
        copy(in, out, n + 2, up);
      }
    }
  }
}
