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
 * Adobe S3Mock ({@code com.adobe.testing:s3mock:5.2.0:exec}) as a subprocess on loopback: a Spring
 * Boot server that stores objects on disk, keeps their checksums and validates the ones sent.
 * {@link #shared()} starts one per test JVM, on first use; {@link #startDedicated()} starts one a
 * test may kill.
 *
 * <p>S3Mock's plain-HTTP connector ({@code --http.port}) is an extra Tomcat connector that ignores
 * {@code --server.address} and would listen on every interface. A bean definition file ({@code
 * --spring.main.sources}) replaces that connector's bean with one bound to 127.0.0.1; XML
 * definitions win over the application's own {@code @Bean} of the same name.
 */
public final class S3MockServer implements S3Server, AutoCloseable {
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
  private static @Nullable S3MockServer shared;

  private final ServerProcess process;
  private final int httpPort;

  private S3MockServer(ServerProcess process, int httpPort) {
    this.process = process;
    this.httpPort = httpPort;
  }

  /** Returns the server of this JVM, started on first use. */
  public static synchronized S3MockServer shared() {
    if (shared == null) {
      shared = start("s3mock");
    }
    return shared;
  }

  /** Returns a new server of its own; the caller closes it. */
  public static S3MockServer startDedicated() {
    return start("s3mock-dedicated");
  }

  private static S3MockServer start(String name) {
    return ServerProcess.startOnFreePorts(() -> startOnce(name));
  }

  private static S3MockServer startOnce(String name) throws IOException {
    Path jar = ServerProcess.serverJar("s3mock.jar");
    Path dir = ServerProcess.workDir(name);
    Path root = Files.createDirectories(dir.resolve("root"));
    int httpPort = ServerProcess.freePort();
    int tlsPort = ServerProcess.freePort();
    Path beans = dir.resolve("loopback-connector.xml");
    Files.writeString(beans, loopbackConnector(httpPort), UTF_8);
    List<String> command =
        ServerProcess.java(
            "-Xmx384m",
            "-XX:+UseSerialGC",
            "-Djava.net.preferIPv4Stack=true",
            "-jar",
            jar.toString(),
            "--http.port=" + httpPort,
            "--server.port=" + tlsPort,
            "--server.address=127.0.0.1",
            "--spring.main.sources=" + beans.toUri(),
            "--spring.main.allow-bean-definition-overriding=true",
            "--com.adobe.testing.s3mock.store.root=" + root,
            "--com.adobe.testing.s3mock.max-payload-size=256MB",
            "--spring.main.banner-mode=off");
    ServerProcess process =
        ServerProcess.start(
            name,
            command,
            dir,
            root,
            URI.create("http://127.0.0.1:" + httpPort + "/"),
            STARTUP_TIMEOUT);
    return new S3MockServer(process, httpPort);
  }

  private static String loopbackConnector(int port) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<beans xmlns=\"http://www.springframework.org/schema/beans\"\n"
        + "       xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
        + "       xsi:schemaLocation=\"http://www.springframework.org/schema/beans"
        + " https://www.springframework.org/schema/beans/spring-beans.xsd\">\n"
        + "  <bean id=\"httpConnector\" class=\"org.apache.catalina.connector.Connector\">\n"
        + "    <property name=\"port\" value=\""
        + port
        + "\"/>\n"
        + "  </bean>\n"
        + "  <bean id=\"ferryLoopbackOnly\" lazy-init=\"false\""
        + " class=\"org.springframework.beans.factory.config.MethodInvokingBean\">\n"
        + "    <property name=\"targetObject\" ref=\"httpConnector\"/>\n"
        + "    <property name=\"targetMethod\" value=\"setProperty\"/>\n"
        + "    <property name=\"arguments\">\n"
        + "      <list><value>address</value><value>127.0.0.1</value></list>\n"
        + "    </property>\n"
        + "  </bean>\n"
        + "</beans>\n";
  }

  @Override
  public String name() {
    return "s3mock";
  }

  @Override
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + httpPort);
  }

  @Override
  public String accessKeyId() {
    return "s3mock-key"; // S3Mock checks no signature
  }

  @Override
  public String secretAccessKey() {
    return "s3mock-secret";
  }

  @Override
  public boolean keepsChecksums() {
    return true;
  }

  @Override
  public boolean listsMultipartUploads() {
    return true;
  }

  @Override
  public Duration startupTime() {
    return process.startupTime();
  }

  /** Returns the subprocess. */
  public ServerProcess process() {
    return process;
  }

  /** Kills the server at once, as a crash would. */
  public void kill() {
    process.kill();
  }

  @Override
  public void close() {
    process.close();
  }

  @Override
  public String toString() {
    return "S3Mock at " + endpoint() + ", " + process;
  }
}
