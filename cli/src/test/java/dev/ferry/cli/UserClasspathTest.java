package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserClasspathTest {
  @TempDir Path tmp;

  @Test
  void parse_keepsDirectoriesAndJars_inOrder_absolute() throws Exception {
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    Path jar = Files.write(tmp.resolve("lib.jar"), new byte[0]);

    assertThat(UserClasspath.parse(jar + File.pathSeparator + File.pathSeparator + classes, "-cp"))
        .containsExactly(jar.toAbsolutePath(), classes.toAbsolutePath());
    assertThat(
            UserClasspath.directories(
                UserClasspath.parse(jar + File.pathSeparator + classes, "-cp")))
        .containsExactly(classes.toAbsolutePath());
    assertThat(UserClasspath.urls(UserClasspath.parse(classes.toString(), "-cp"))[0])
        .isEqualTo(classes.toUri().toURL());
  }

  @Test
  void parse_badEntries_nameTheOptionAndTheEntry() throws Exception {
    Path text = Files.writeString(tmp.resolve("notes.txt"), "x");

    assertThatThrownBy(() -> UserClasspath.parse(tmp.resolve("nope").toString(), "--scan"))
        .isInstanceOf(CliException.class)
        .hasMessage("--scan entry " + tmp.resolve("nope") + " does not exist");
    assertThatThrownBy(() -> UserClasspath.parse(text.toString(), "-cp"))
        .hasMessage("-cp entry " + text + " is neither a directory nor a .jar file");
    assertThatThrownBy(() -> UserClasspath.parse(File.pathSeparator, "-cp"))
        .hasMessage("-cp '" + File.pathSeparator + "' names no entry");
  }

  @Test
  void mavenProject_withoutClasses_saysToCompile() throws Exception {
    Files.writeString(tmp.resolve("pom.xml"), "<project/>");

    assertThat(UserClasspath.isMavenProject(tmp)).isTrue();
    assertThatThrownBy(
            () ->
                UserClasspath.ofMavenProject(
                    tmp, "false", new java.io.PrintWriter(java.io.Writer.nullWriter())))
        .hasMessageContaining("no classes in the Maven project " + tmp)
        .hasMessageContaining("mvn compile");
  }
}
