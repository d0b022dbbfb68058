package dev.ferry.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.cli.image.TaskImageBuilder.TaskImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskImageBuilderTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void toOciTar_layersConfigAndContentTag() throws Exception {
    Path base = baseTar();
    Path jar = Files.write(dir.resolve("dep.jar"), "a jar".getBytes(StandardCharsets.UTF_8));
    Path classes = Files.createDirectories(dir.resolve("classes/com/acme"));
    Files.writeString(classes.resolve("Task.class"), "class bytes");

    TaskImageBuilder builder =
        TaskImageBuilder.fromBaseTar(base)
            .classpath(List.of(dir.resolve("classes"), jar))
            .environment("FERRY_MODE", "cluster")
            .repository("registry.example/acme/tasks")
            .cacheDirectory(dir.resolve("cache"));
    Path out = dir.resolve("image.tar");
    TaskImage image = builder.toOciTar(out);

    assertThat(image.tag()).matches("ferry-[0-9a-f]{16}").isEqualTo(builder.tag());
    assertThat(image.reference()).isEqualTo("registry.example/acme/tasks:" + image.tag());

    Map<String, byte[]> files = untar(out);
    assertThat(files).containsKeys("oci-layout", "index.json");
    JsonNode index = MAPPER.readTree(files.get("index.json"));
    JsonNode manifest = MAPPER.readTree(blob(files, index.at("/manifests/0/digest").asText()));
    JsonNode config = MAPPER.readTree(blob(files, manifest.at("/config/digest").asText()));

    // No entrypoint: a task's container args start with the launcher and run as the command.
    assertThat(config.at("/config/Entrypoint").toString()).isIn("[]", "");
    assertThat(config.at("/config/Cmd").toString())
        .isEqualTo(
            "[\"java\",\"-cp\",\"/app/resources:/app/classes:/app/libs/*\",\"dev.ferry.cli.Ferry\","
                + "\"--help\"]");
    assertThat(TaskImageBuilder.LAUNCHER)
        .containsExactly(
            "java", "-cp", "/app/resources:/app/classes:/app/libs/*", "dev.ferry.cli.Ferry");
    assertThat(config.at("/config/WorkingDir").asText()).isEqualTo("/app");
    assertThat(config.at("/config/Env").toString())
        .contains("FERRY_MODE=cluster")
        .contains("PATH=/usr/bin");
    assertThat(config.at("/created").asText()).isEqualTo("1970-01-01T00:00:00Z");

    // Base layer, then dependencies, then classes.
    JsonNode layers = manifest.at("/layers");
    assertThat(layers).hasSize(3);
    Map<String, byte[]> baseLayer = untarGz(blob(files, layers.get(0).at("/digest").asText()));
    Map<String, byte[]> deps = untarGz(blob(files, layers.get(1).at("/digest").asText()));
    Map<String, byte[]> app = untarGz(blob(files, layers.get(2).at("/digest").asText()));
    assertThat(baseLayer).containsKey("etc/base.txt");
    assertThat(deps.keySet())
        .contains("app/libs/dep.jar")
        .noneMatch(k -> k.contains("classes/com"));
    assertThat(new String(deps.get("app/libs/dep.jar"), StandardCharsets.UTF_8)).isEqualTo("a jar");
    assertThat(app.keySet()).contains("app/classes/com/acme/Task.class");
  }

  @Test
  void classDirectories_mergeIntoOneDirectory_firstWins() throws Exception {
    Path first = Files.createDirectories(dir.resolve("first/com/acme"));
    Path second = Files.createDirectories(dir.resolve("second/com/acme"));
    Files.writeString(first.resolve("A.class"), "first A");
    Files.writeString(second.resolve("A.class"), "second A");
    Files.writeString(second.resolve("B.class"), "second B");
    Path out = dir.resolve("merged.tar");
    TaskImageBuilder.fromBaseTar(baseTar())
        .classpath(List.of(dir.resolve("first"), dir.resolve("second")))
        .cacheDirectory(dir.resolve("cache"))
        .toOciTar(out);

    Map<String, byte[]> files = untar(out);
    JsonNode index = MAPPER.readTree(files.get("index.json"));
    JsonNode manifest = MAPPER.readTree(blob(files, index.at("/manifests/0/digest").asText()));
    JsonNode layers = manifest.at("/layers");
    Map<String, byte[]> app =
        untarGz(blob(files, layers.get(layers.size() - 1).at("/digest").asText()));
    assertThat(new String(app.get("app/classes/com/acme/A.class"), StandardCharsets.UTF_8))
        .isEqualTo("first A");
    assertThat(new String(app.get("app/classes/com/acme/B.class"), StandardCharsets.UTF_8))
        .isEqualTo("second B");
  }

  @Test
  void build_isReproducible_andTagFollowsContent() throws Exception {
    Path base = baseTar();
    Path jar = Files.write(dir.resolve("dep.jar"), "a jar".getBytes(StandardCharsets.UTF_8));
    TaskImageBuilder builder =
        TaskImageBuilder.fromBaseTar(base).classpath(List.of(jar)).cacheDirectory(dir.resolve("c"));

    TaskImage first = builder.toOciTar(dir.resolve("one.tar"));
    TaskImage second = builder.toOciTar(dir.resolve("two.tar"));
    Files.write(jar, "another jar".getBytes(StandardCharsets.UTF_8));
    String changed = builder.tag();

    assertThat(second.digest()).isEqualTo(first.digest());
    assertThat(second.tag()).isEqualTo(first.tag());
    assertThat(changed).isNotEqualTo(first.tag());
  }

  /** A docker-save tar of one layer holding etc/base.txt, with PATH in its config. */
  private Path baseTar() throws IOException, NoSuchAlgorithmException {
    byte[] layer = tar(Map.of("etc/base.txt", "base".getBytes(StandardCharsets.UTF_8)));
    String diffId =
        "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(layer));
    String config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/usr/bin\"]},"
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
            + diffId
            + "\"]},\"history\":[{\"created_by\":\"test\"}]}";
    String manifest =
        "[{\"Config\":\"config.json\",\"RepoTags\":[\"base:1\"],\"Layers\":[\"layer.tar\"]}]";
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
    files.put("config.json", config.getBytes(StandardCharsets.UTF_8));
    files.put("layer.tar", layer);
    Path base = dir.resolve("base.tar");
    Files.write(base, tar(files));
    return base;
  }

  private static byte[] tar(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] blob(Map<String, byte[]> files, String digest) {
    byte[] b = files.get("blobs/sha256/" + digest.substring("sha256:".length()));
    assertThat(b).as("blob %s", digest).isNotNull();
    return java.util.Objects.requireNonNull(b);
  }

  private static Map<String, byte[]> untar(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return entries(new TarArchiveInputStream(in));
    }
  }

  private static Map<String, byte[]> untarGz(byte[] gz) throws IOException {
    try (InputStream in = new GzipCompressorInputStream(new java.io.ByteArrayInputStream(gz))) {
      return entries(new TarArchiveInputStream(in));
    }
  }

  private static Map<String, byte[]> entries(TarArchiveInputStream tar) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    TarArchiveEntry e;
    while ((e = tar.getNextEntry()) != null) {
      if (e.isFile()) {
        out.put(e.getName(), tar.readAllBytes());
      }
    }
    return out;
  }
}
