package dev.ferry.blob.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A test server run as a subprocess of the test JVM: its output goes to a log file under {@code
 * target/}, it is ready once it answers HTTP on loopback, and it dies with the JVM (a shutdown hook
 * destroys its whole process tree). Failures to start carry the log's tail.
 */
public final class ServerProcess implements AutoCloseable {
  private static final int LOG_TAIL_LINES = 40;

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread shutdownHook;
  private final Duration startup;
  private final @Nullable Path scratch;

  private ServerProcess(
      String name, Process process, Path log, Duration startup, @Nullable Path scratch) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.startup = startup;
    this.scratch = scratch;
    this.shutdownHook = new Thread(this::destroyTree, "stop-" + name);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts a server on ports it chose; throws {@link IllegalStateException} if it cannot bind. */
  @FunctionalInterface
  public interface Starter<S> {
    S start() throws IOException;
  }

  /**
   * Returns {@code starter}'s server, trying a second time on other ports when the first start
   * fails (a port taken between choosing and binding it); both failures are kept.
   */
  public static <S> S startOnFreePorts(Starter<S> starter) {
    IllegalStateException failure = null;
    for (int attempt = 1; attempt <= 2; attempt++) {
      try {
        return starter.start();
      } catch (IllegalStateException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw failure;
  }

  /**
   * Starts {@code command} and waits, at most {@code timeout}, until {@code probe} answers HTTP
   * (any status).
   *
   * @param scratch a directory of the server's data, deleted once it stopped (the log stays)
   * @throws IllegalStateException if the process dies or does not answer in time; the message holds
   *     the log's tail
   */
  public static ServerProcess start(
      String name,
      List<String> command,
      Path workDir,
      @Nullable Path scratch,
      URI probe,
      Duration timeout)
      throws IOException {
    Files.createDirectories(workDir);
    Path log = workDir.resolve(name + ".log");
    long begin = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    ServerProcess server = null;
    try {
      long deadline = begin + timeout.toNanos();
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              name + " exited with " + process.exitValue() + " while starting; " + tail(log));
        }
        if (answers(probe)) {
          break;
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException(
              name + " did not answer " + probe + " within " + timeout + "; " + tail(log));
        }
        sleep(100);
      }
      server =
          new ServerProcess(
              name, process, log, Duration.ofNanos(System.nanoTime() - begin), scratch);
      System.out.printf(
          "[test-server] %s answered after %.1f s (pid %d, log %s)%n",
          name, server.startup.toMillis() / 1000.0, process.pid(), log);
      return server;
    } finally {
      if (server == null) {
        destroyTree(process);
      }
    }
  }

  /** Returns how long the server took to answer. */
  public Duration startupTime() {
    return startup;
  }

  /** Returns the log file. */
  public Path log() {
    return log;
  }

  /** Returns the process id. */
  public long pid() {
    return process.pid();
  }

  /** Returns true while the process runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the process tree at once (SIGKILL), as a crash would. */
  public void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    waitFor(process, 10);
  }

  /** Stops the process tree: politely, then forcibly after 10 s. */
  @Override
  public void close() {
    destroyTree();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs anyway
    }
  }

  /** Returns the last lines of the log, for failure messages. */
  public String logTail() {
    return tail(log);
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", log " + log + ")";
  }

  private void destroyTree() {
    destroyTree(process);
    if (scratch != null) {
      deleteRecursively(scratch);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: target/ is cleaned by the build anyway
    }
  }

  private static void destroyTree(Process process) {
    List<ProcessHandle> children = new ArrayList<>();
    process.descendants().forEach(children::add);
    children.forEach(ProcessHandle::destroy);
    process.destroy();
    if (!waitFor(process, 10)) {
      children.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      waitFor(process, 10);
    }
  }

  private static boolean waitFor(Process process, int seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean answers(URI probe) {
    try {
      HttpURLConnection connection = (HttpURLConnection) probe.toURL().openConnection();
      connection.setConnectTimeout(500);
      connection.setReadTimeout(2000);
      try {
        connection.getResponseCode();
        return true;
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  // ---- shared helpers of the test servers ----

  /** Returns a port free on 127.0.0.1 now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns a server jar the build copies into {@code target/test-servers} ({@code
   * ferry.test-servers}, set by Surefire).
   */
  public static Path serverJar(String jar) {
    Path path = serversDir().resolve(jar);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          path
              + " is missing: run the build once (./mvnw -pl blob-s3 -am test-compile) so"
              + " maven-dependency-plugin copies the test servers there");
    }
    return path;
  }

  /** Returns a fresh directory for a server's files and log, under {@code target/}. */
  public static Path workDir(String name) throws IOException {
    Path target = serversDir().getParent();
    Path dir =
        (target == null ? Paths.get("target") : target)
            .resolve("test-server-runs")
            .resolve(name + "-" + ProcessHandle.current().pid());
    Files.createDirectories(dir);
    return Files.createTempDirectory(dir, "run-");
  }

  private static Path serversDir() {
    String dir = System.getProperty("ferry.test-servers");
    return (dir != null ? Paths.get(dir) : Paths.get("target", "test-servers")).toAbsolutePath();
  }

  /** Returns the command that starts a Java program with this JVM's {@code java}. */
  public static List<String> java(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(args));
    return command;
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, UTF_8);
      int from = Math.max(0, lines.size() - LOG_TAIL_LINES);
      return "log " + log + ":\n" + String.join("\n", lines.subList(from, lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "log " + log + " unreadable: " + e;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a test server", e);
    }
  }
}
