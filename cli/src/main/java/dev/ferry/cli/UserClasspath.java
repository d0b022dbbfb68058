package dev.ferry.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The user's classpath as the commands take it: {@code -cp} entries (directories or jars, separated
 * by the platform's path separator), or a Maven project's {@code target/classes} plus its runtime
 * dependencies.
 *
 * <p>A Maven project's dependencies are asked of Maven once, with {@code mvn -q
 * dependency:build-classpath -Dmdep.outputFile=target/ferry-classpath.txt}, and read from that file
 * afterwards until {@code pom.xml} changes (it is newer than the file) or {@code mvn clean} removes
 * it.
 *
 * <pre>{@code
 * List<Path> cp = UserClasspath.parse("target/classes:lib/a.jar", "-cp");
 * List<Path> maven = UserClasspath.ofMavenProject(Path.of("."), null, err);
 * try (URLClassLoader loader = new URLClassLoader(UserClasspath.urls(cp), parent)) { ... }
 * }</pre>
 */
public final class UserClasspath {
  /** The file, under {@code target/}, caching the dependencies' classpath Maven printed. */
  public static final String CACHE = "ferry-classpath.txt";

  private UserClasspath() {}

  /**
   * Returns the entries of {@code path}, each an existing directory or {@code .jar} file.
   *
   * @param what the option the path came from, named in errors
   * @throws CliException naming the entry that is missing or neither a directory nor a jar
   */
  public static List<Path> parse(String path, String what) {
    List<Path> out = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path p = Path.of(entry).toAbsolutePath();
      if (!Files.exists(p)) {
        throw new CliException(what + " entry " + entry + " does not exist");
      }
      if (!Files.isDirectory(p) && !entry.endsWith(".jar")) {
        throw new CliException(
            what + " entry " + entry + " is neither a directory nor a .jar file");
      }
      out.add(p);
    }
    if (out.isEmpty()) {
      throw new CliException(what + " '" + path + "' names no entry");
    }
    return out;
  }

  /** Returns the URLs of {@code entries}, for a class loader. */
  public static URL[] urls(List<Path> entries) {
    URL[] urls = new URL[entries.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = entries.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new CliException(
            "classpath entry " + entries.get(i) + " is not a path: " + e.getMessage(), e);
      }
    }
    return urls;
  }

  /** Returns the directories among {@code entries}: where a command looks for tasks. */
  public static List<Path> directories(List<Path> entries) {
    return entries.stream().filter(Files::isDirectory).toList();
  }

  /** Returns true if {@code dir} holds a {@code pom.xml}. */
  public static boolean isMavenProject(Path dir) {
    return Files.isRegularFile(dir.resolve("pom.xml"));
  }

  /**
   * Returns the classpath of the Maven project in {@code dir}: {@code target/classes} first, then
   * the runtime dependencies, from the cache {@code target/ferry-classpath.txt} when it is newer
   * than {@code pom.xml}, else from Maven (which then writes the cache).
   *
   * @param mvn the Maven command, or null: the project's {@code mvnw} when it has one, else {@code
   *     mvn} on the PATH
   * @param log where the Maven call is announced
   * @throws CliException if {@code target/classes} is missing or Maven fails
   */
  public static List<Path> ofMavenProject(Path dir, @Nullable String mvn, PrintWriter log) {
    Path project = dir.toAbsolutePath().normalize();
    Path classes = project.resolve("target").resolve("classes");
    if (!Files.isDirectory(classes)) {
      throw new CliException(
          "no classes in the Maven project "
              + project
              + ": expected "
              + classes
              + " (run `mvn compile` first)");
    }
    Path cache = project.resolve("target").resolve(CACHE);
    try {
      if (!fresh(cache, project.resolve("pom.xml"))) {
        runMaven(project, cache, mvn, log);
      }
      List<Path> cp = new ArrayList<>(List.of(classes));
      String text = Files.readString(cache, StandardCharsets.UTF_8).strip();
      for (String entry : text.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          cp.add(Path.of(entry.strip()));
        }
      }
      return cp;
    } catch (IOException e) {
      throw new CliException(
          "cannot read the classpath of the Maven project " + project + ": " + e.getMessage(), e);
    }
  }

  private static boolean fresh(Path cache, Path pom) throws IOException {
    if (!Files.isRegularFile(cache)) {
      return false;
    }
    FileTime cached = Files.getLastModifiedTime(cache);
    return cached.compareTo(Files.getLastModifiedTime(pom)) >= 0;
  }

  private static void runMaven(Path project, Path cache, @Nullable String mvn, PrintWriter log)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    if (mvn != null) {
      cmd.addAll(List.of(mvn.strip().split("\\s+")));
    } else if (Files.isExecutable(project.resolve("mvnw"))) {
      cmd.add(project.resolve("mvnw").toString());
    } else {
      cmd.add("mvn");
    }
    cmd.addAll(
        List.of(
            "-q",
            "dependency:build-classpath",
            "-Dmdep.includeScope=runtime",
            "-Dmdep.outputFile=" + cache));
    log.println(
        "ferry: asking Maven for the classpath (cached in "
            + cache
            + "): "
            + String.join(" ", cmd));
    log.flush();
    Files.createDirectories(cache.getParent());
    Path output = Files.createTempFile("ferry-mvn-", ".log");
    try {
      Process p;
      try {
        p =
            new ProcessBuilder(cmd)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
      } catch (IOException e) {
        throw new CliException(
            "cannot run Maven ("
                + cmd.get(0)
                + ") to resolve the classpath of "
                + project
                + ": "
                + e.getMessage()
                + "; give -cp instead",
            e);
      }
      boolean done;
      try {
        done = p.waitFor(10, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new CliException("interrupted while Maven resolved the classpath of " + project);
      }
      if (!done) {
        p.destroyForcibly();
        throw new CliException("Maven took over 10 minutes to resolve the classpath of " + project);
      }
      if (p.exitValue() != 0 || !Files.isRegularFile(cache)) {
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        String tail =
            String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        throw new CliException(
            "`"
                + String.join(" ", cmd)
                + "` in "
                + project
                + " exited "
                + p.exitValue()
                + (Files.isRegularFile(cache) ? "" : " without writing " + cache)
                + (tail.isBlank() ? "" : ": " + tail)
                + "; give -cp instead");
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
