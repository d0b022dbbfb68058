package dev.ferry.schema.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.testdata.TestData;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateMojoTest {
  @TempDir Path tmp;

  @Test
  void execute_writesTheSources() throws Exception {
    Path pb = tmp.resolve("order.type.pb");
    Files.write(pb, TestData.bytes("golden/order-record.type.pb"));
    GenerateMojo mojo = new GenerateMojo();
    mojo.inputs = List.of(pb.toFile());
    mojo.packageName = "com.example";
    mojo.outputDirectory = tmp.resolve("gen").toFile();

    mojo.execute();

    assertThat(tmp.resolve("gen/com/example/Order.java")).exists();
  }

  @Test
  void execute_badInputFailsTheBuild() throws Exception {
    Path junk = tmp.resolve("junk.pb");
    Files.write(junk, new byte[] {(byte) 0xff, 0x01});
    GenerateMojo mojo = new GenerateMojo();
    mojo.inputs = List.of(new File(junk.toString()));
    mojo.packageName = "p";
    mojo.outputDirectory = tmp.toFile();

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith("cannot generate Java from " + junk + ": error: ");
  }
}
