package dev.ferry.schema.maven;

import dev.ferry.schema.GenerateMain;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates Java records and enums from serialized Flyte {@code LiteralType}s and {@code
 * TypedInterface}s written by other SDKs, and adds them to the compile sources.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>dev.ferry</groupId>
 *   <artifactId>schema-gen-maven-plugin</artifactId>
 *   <executions><execution><goals><goal>generate</goal></goals></execution></executions>
 *   <configuration>
 *     <packageName>com.example.flyte</packageName>
 *     <inputs><input>src/main/flyte/order.type.pb</input></inputs>
 *   </configuration>
 * </plugin>
 * }</pre>
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {
  /** The {@code .pb} (or {@code .txt}) files holding a LiteralType or a TypedInterface. */
  @Parameter(required = true)
  List<File> inputs = new ArrayList<>();

  /** The package of the generated types. */
  @Parameter(required = true)
  String packageName = "";

  /** Where the sources are written. */
  @Parameter(defaultValue = "${project.build.directory}/generated-sources/ferry")
  File outputDirectory = new File("target/generated-sources/ferry");

  @Parameter(defaultValue = "${project}", readonly = true)
  MavenProject project;

  @Override
  public void execute() throws MojoExecutionException {
    for (File input : inputs) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status =
          GenerateMain.run(
              new String[] {input.getPath(), outputDirectory.getPath(), packageName},
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      if (status != 0) {
        throw new MojoExecutionException(
            "cannot generate Java from "
                + input
                + ": "
                + err.toString(StandardCharsets.UTF_8).trim());
      }
      getLog().info(out.toString(StandardCharsets.UTF_8).trim());
    }
    if (project != null) {
      project.addCompileSourceRoot(outputDirectory.getPath());
    }
  }
}
