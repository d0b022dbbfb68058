package dev.ferry.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.CliRun;
import dev.ferry.cli.UserClasspath;
import dev.ferry.cli.tasks.SampleTasks;
import dev.ferry.testdata.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry run} without {@code -cp} in a Maven project: the classpath is target/classes plus
 * what {@code mvn dependency:build-classpath} prints, asked once and cached. Maven is played by a
 * script (the project's {@code mvnw}) that counts its calls.
 */
@IntegrationTest
class RunMavenProjectTest {
  @TempDir Path tmp;

  private Path project() throws Exception {
    Path project = Files.createDirectories(tmp.resolve("project"));
    Files.writeString(project.resolve("pom.xml"), "<project/>");
    Files.setLastModifiedTime(
        project.resolve("pom.xml"), FileTime.from(Instant.now().minusSeconds(60)));
    Path source =
        Path.of(SampleTasks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String pkg = SampleTasks.class.getPackageName().replace('.', '/');
    Path target = Files.createDirectories(project.resolve("target/classes").resolve(pkg));
    try (Stream<Path> files = Files.list(source.resolve(pkg))) {
      for (Path f : files.toList()) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
    Path mvnw = project.resolve("mvnw");
    Files.writeString(
        mvnw,
        """
        #!/bin/sh
        echo "$@" >> "$(dirname "$0")/calls"
        for a in "$@"; do
          case "$a" in -Dmdep.outputFile=*) out="${a#-Dmdep.outputFile=}";; esac
        done
        printf '%s' "$(dirname "$0")/lib/dep.jar" > "$out"
        """);
    Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
    return project;
  }

  private CliRun run(Path project) {
    return CliRun.of(
        "run",
        "--maven-project",
        project.toString(),
        "samples.add",
        "--input",
        "a=2",
        "--input",
        "b=3",
        "--store",
        tmp.resolve("runs").toUri().toString(),
        "--no-cache",
        "--progress",
        "off");
  }

  @Test
  void noClasspath_inAMavenProject_asksMavenOnceAndCaches() throws Exception {
    Path project = project();

    CliRun first = run(project);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("\"o0\" : 5");
    assertThat(first.err()).contains("asking Maven for the classpath");
    assertThat(Files.readAllLines(project.resolve("calls")))
        .singleElement()
        .asString()
        .contains("dependency:build-classpath")
        .contains("-Dmdep.outputFile=" + project.resolve("target").resolve(UserClasspath.CACHE));
    assertThat(Files.readString(project.resolve("target").resolve(UserClasspath.CACHE)))
        .isEqualTo(project + "/lib/dep.jar");

    CliRun second = run(project);
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.err()).doesNotContain("asking Maven");
    assertThat(Files.readAllLines(project.resolve("calls"))).hasSize(1);

    // a changed pom.xml makes the cache stale
    Files.setLastModifiedTime(
        project.resolve("pom.xml"), FileTime.from(Instant.now().plusSeconds(60)));
    assertThat(run(project).exitCode()).isZero();
    assertThat(Files.readAllLines(project.resolve("calls"))).hasSize(2);
  }

  @Test
  void failingMaven_isOneLineSayingToGiveCp() throws Exception {
    Path project = project();
    Path mvn = tmp.resolve("bad-mvn");
    Files.writeString(
        mvn, "#!/bin/sh\necho 'Could not resolve dependencies for project x'\nexit 3\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

    CliRun r =
        CliRun.of(
            "run", "--maven-project", project.toString(), "--mvn", mvn.toString(), "samples.add");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("exited 3")
        .contains("Could not resolve dependencies")
        .contains("give -cp instead");
    assertThat(r.err().strip().lines().filter(l -> !l.startsWith("ferry: asking")).count())
        .isEqualTo(1);
  }

  @Test
  void noClasspath_andNoPom_saysWhatIsExpected() {
    CliRun r = CliRun.of("run", "--maven-project", tmp.toString(), "samples.add");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("no classpath: expected -cp, or a Maven project (pom.xml) in " + tmp);
  }
}
