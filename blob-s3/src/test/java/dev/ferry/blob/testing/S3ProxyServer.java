package dev.ferry.blob.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Gaul S3Proxy ({@code org.gaul:s3proxy:4.1.0:jar-with-dependencies}) as a subprocess on loopback,
 * over a jclouds {@code filesystem-nio2} blob store, checking AWS V2/V4 signatures with known keys.
 * It keeps no checksums, lists no multipart uploads, and answers 501 to GETs by part number. {@link
 * #shared()} starts one per test JVM, on first use.
 */
public final class S3ProxyServer implements S3Server, AutoCloseable {
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
  private static final String IDENTITY = "ferry-identity";
  private static final String CREDENTIAL = "ferry-credential";
  private static @Nullable S3ProxyServer shared;

  private final ServerProcess process;
  private final int port;

  private S3ProxyServer(ServerProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Returns the server of this JVM, started on first use. */
  public static synchronized S3ProxyServer shared() {
    if (shared == null) {
      shared = start("s3proxy");
    }
    return shared;
  }

  private static S3ProxyServer start(String name) {
    return ServerProcess.startOnFreePorts(() -> startOnce(name));
  }

  private static S3ProxyServer startOnce(String name) throws IOException {
    Path jar = ServerProcess.serverJar("s3proxy.jar");
    Path dir = ServerProcess.workDir(name);
    Path data = Files.createDirectories(dir.resolve("data"));
    int port = ServerProcess.freePort();
    Path properties = dir.resolve("s3proxy.properties");
    Files.writeString(
        properties,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + IDENTITY,
            "s3proxy.credential=" + CREDENTIAL,
            "s3proxy.ignore-unknown-headers=true",
            "jclouds.provider=filesystem-nio2",
            "jclouds.filesystem.basedir=" + data,
            "jclouds.identity=unused",
            "jclouds.credential=unused",
            ""),
        UTF_8);
    List<String> command =
        ServerProcess.java(
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-jar",
            jar.toString(),
            "--properties",
            properties.toString());
    ServerProcess process =
        ServerProcess.start(
            name,
            command,
            dir,
            data,
            URI.create("http://127.0.0.1:" + port + "/"),
            STARTUP_TIMEOUT);
    return new S3ProxyServer(process, port);
  }

  @Override
  public String name() {
    return "s3proxy";
  }

  @Override
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public String accessKeyId() {
    return IDENTITY;
  }

  @Override
  public String secretAccessKey() {
    return CREDENTIAL;
  }

  @Override
  public boolean keepsChecksums() {
    return false;
  }

  @Override
  public boolean listsMultipartUploads() {
    return false;
  }

  @Override
  public Duration startupTime() {
    return process.startupTime();
  }

  @Override
  public void close() {
    process.close();
  }

  @Override
  public String toString() {
    return "S3Proxy at " + endpoint() + ", " + process;
  }
}
