package dev.ferry.cli.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Builds the image a Java task runs in on a Flyte cluster, with jib-core (no Docker daemon): a base
 * image (a registry reference, or a local {@code docker save} or OCI tar) plus the task's class
 * path as two layers, dependencies (the jars, under {@code /app/libs}) then project classes (every
 * class directory merged into {@code /app/classes}, the first directory on the class path winning
 * where two hold the same file, as the class path would resolve it). The working directory is
 * {@code /app}.
 *
 * <p>The image has <em>no entrypoint</em>: a registered task's {@code Container.command} is empty
 * and its {@code args} start with {@link #LAUNCHER} ({@code java -cp
 * /app/resources:/app/classes:/app/libs/* dev.ferry.cli.Ferry}, then {@code execute --inputs ...}),
 * as CONTAINER.md section 1 asks, so Kubernetes runs the args themselves. {@code java} comes from
 * the base image's {@code PATH}. The same launcher works in an image built by jib's Maven or Gradle
 * plugin (same directories) that has Ferry's {@code cli} jar among its dependencies. Without
 * arguments ({@code docker run IMAGE}) the image prints {@code ferry --help}.
 *
 * <p>Builds are reproducible: every file has the same fixed modification time and the image the
 * epoch as creation time. The tag is {@code ferry-} and the first 16 hex digits of a SHA-256 over
 * the base reference, the layers' paths and contents, the command and the environment, so it is
 * known before the build (a task template carries its final image) and changes exactly when the
 * content does.
 *
 * <pre>{@code
 * TaskImage image = TaskImageBuilder.fromBaseTar(Path.of("base.tar"))
 *     .classpath(List.of(Path.of("target/classes"), Path.of("lib/ferry-cli.jar")))
 *     .repository("ghcr.io/acme/tasks")
 *     .toOciTar(Path.of("image.tar"));
 * }</pre>
 */
public final class TaskImageBuilder {
  /** Where the image keeps the class path. */
  public static final String APP = "/app";

  /** The main class the entrypoint runs. */
  public static final String MAIN_CLASS = "dev.ferry.cli.Ferry";

  /**
   * The command a task's container args start with: {@code java} on the image's class path running
   * {@link #MAIN_CLASS}. Directories missing from an image are skipped by {@code java}.
   */
  public static final List<String> LAUNCHER =
      List.of("java", "-cp", APP + "/resources:" + APP + "/classes:" + APP + "/libs/*", MAIN_CLASS);

  /** The modification time of every file in the layers. */
  public static final Instant FILE_TIME = Instant.ofEpochSecond(1);

  private final String base;
  private final @Nullable Path baseTar;
  private final List<Path> classpath = new ArrayList<>();
  private final Map<String, String> environment = new TreeMap<>();
  private String repository = "ferry-task";
  private @Nullable Path cacheDirectory;

  private TaskImageBuilder(String base, @Nullable Path baseTar) {
    this.base = base;
    this.baseTar = baseTar;
  }

  /** Returns a builder on a base image in a registry ({@code eclipse-temurin:21-jre}). */
  public static TaskImageBuilder fromRegistry(String reference) {
    return new TaskImageBuilder(Objects.requireNonNull(reference, "reference"), null);
  }

  /** Returns a builder on a base image saved as a tar ({@code docker save} or OCI layout). */
  public static TaskImageBuilder fromBaseTar(Path tar) {
    return new TaskImageBuilder("tar://" + tar.toAbsolutePath(), tar);
  }

  /** Sets the class path (jars and class directories) the image runs, in order. */
  public TaskImageBuilder classpath(List<Path> entries) {
    classpath.clear();
    classpath.addAll(entries);
    return this;
  }

  /** Adds an environment variable of the image. */
  public TaskImageBuilder environment(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Sets the repository the tag is added to ({@code ghcr.io/acme/tasks}). */
  public TaskImageBuilder repository(String repository) {
    this.repository = repository;
    return this;
  }

  /** Sets jib's layer cache directory (default: jib's own under the user's cache). */
  public TaskImageBuilder cacheDirectory(Path directory) {
    this.cacheDirectory = directory;
    return this;
  }

  /** The image built: its reference (repository and content tag) and digest. */
  public record TaskImage(String reference, String tag, String digest, String imageId) {}

  /**
   * Returns the image's default command ({@code CMD}): the launcher with {@code --help}. The image
   * has no entrypoint, so a pod's args replace this command entirely.
   */
  public List<String> command() {
    List<String> cmd = new ArrayList<>(LAUNCHER);
    cmd.add("--help");
    return List.copyOf(cmd);
  }

  /** Returns the content tag, {@code ferry-<16 hex>}, computed from the inputs without building. */
  public String tag() throws IOException {
    MessageDigest sha = sha256();
    update(sha, "base " + base);
    if (baseTar != null) {
      update(sha, "base-tar " + digest(baseTar));
    }
    for (Map.Entry<String, Path> e : layerFiles().entrySet()) {
      update(sha, "file " + e.getKey() + " " + digest(e.getValue()));
    }
    update(sha, "command " + command());
    update(sha, "env " + environment);
    return "ferry-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
  }

  /** Builds the image into an OCI image tar at {@code out}. */
  public TaskImage toOciTar(Path out) throws IOException {
    String reference = reference();
    return containerize(Containerizer.to(TarImage.at(out).named(parse(reference))), reference);
  }

  /** Builds the image and pushes it to its registry (credentials from the Docker config). */
  public TaskImage toRegistry() throws IOException {
    String reference = reference();
    return containerize(
        Containerizer.to(
            RegistryImage.named(parse(reference))
                .addCredentialRetriever(
                    com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory.forImage(
                            parse(reference), e -> {})
                        .dockerConfig())),
        reference);
  }

  private String reference() throws IOException {
    return repository + ":" + tag();
  }

  private TaskImage containerize(Containerizer containerizer, String reference) throws IOException {
    if (cacheDirectory != null) {
      containerizer
          .setBaseImageLayersCache(cacheDirectory.resolve("base"))
          .setApplicationLayersCache(cacheDirectory.resolve("application"));
    }
    containerizer.setToolName("ferry");
    try {
      JibContainerBuilder builder =
          (baseTar != null ? Jib.from(TarImage.at(baseTar)) : Jib.from(base))
              .setFormat(ImageFormat.OCI)
              .setCreationTime(Instant.EPOCH)
              .setEntrypoint(List.of())
              .setProgramArguments(command())
              .setWorkingDirectory(AbsoluteUnixPath.get(APP))
              .setEnvironment(new LinkedHashMap<>(environment));
      FileEntriesLayer.Builder deps = FileEntriesLayer.builder().setName("dependencies");
      FileEntriesLayer.Builder classes = FileEntriesLayer.builder().setName("classes");
      for (Map.Entry<String, Path> e : layerFiles().entrySet()) {
        (e.getKey().startsWith(APP + "/libs/") ? deps : classes)
            .addEntry(e.getValue(), AbsoluteUnixPath.get(e.getKey()), FILE_TIME);
      }
      builder.addFileEntriesLayer(deps.build()).addFileEntriesLayer(classes.build());
      JibContainer container = builder.containerize(containerizer);
      return new TaskImage(
          reference,
          reference.substring(reference.lastIndexOf(':') + 1),
          container.getDigest().toString(),
          container.getImageId().toString());
    } catch (InvalidImageReferenceException e) {
      throw new IllegalArgumentException("not an image reference: " + base, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("image build of " + reference + " interrupted", e);
    } catch (ExecutionException | RegistryException | CacheDirectoryCreationException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new IOException("image build of " + reference + " failed: " + cause.getMessage(), e);
    }
  }

  /**
   * Returns the image path of every file of the two layers, jars first, then classes, sorted; a
   * class file present in two directories comes from the first.
   */
  private Map<String, Path> layerFiles() throws IOException {
    Map<String, Path> files = new TreeMap<>();
    Set<String> jarNames = new HashSet<>();
    List<Path> jars = jars();
    for (int i = 0; i < jars.size(); i++) {
      Path jar = jars.get(i);
      String name = jar.getFileName().toString();
      if (!jarNames.add(name)) {
        name = i + "-" + name;
      }
      files.put(APP + "/libs/" + name, jar);
    }
    List<Path> dirs = directories();
    for (int i = 0; i < dirs.size(); i++) {
      Path dir = dirs.get(i);
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
          String relative = dir.relativize(f).toString().replace('\\', '/');
          files.putIfAbsent(APP + "/classes/" + relative, f);
        }
      }
    }
    return files;
  }

  private List<Path> jars() {
    List<Path> jars = new ArrayList<>();
    for (Path p : classpath) {
      if (Files.isRegularFile(p)) {
        jars.add(p);
      } else if (!Files.isDirectory(p)) {
        throw new IllegalArgumentException(
            "class path entry " + p + " is neither a jar nor a directory");
      }
    }
    return jars;
  }

  private List<Path> directories() {
    return classpath.stream().filter(Files::isDirectory).toList();
  }

  private static ImageReference parse(String reference) {
    try {
      return ImageReference.parse(reference);
    } catch (InvalidImageReferenceException e) {
      throw new IllegalArgumentException("not an image reference: " + reference, e);
    }
  }

  private static String digest(Path file) throws IOException {
    MessageDigest sha = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void update(MessageDigest sha, String line) {
    sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
