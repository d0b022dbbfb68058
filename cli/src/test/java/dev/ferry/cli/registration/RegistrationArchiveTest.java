package dev.ferry.cli.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.idl.admin.LaunchPlan;
import dev.ferry.idl.admin.LaunchPlanSpec;
import dev.ferry.idl.admin.TaskSpec;
import dev.ferry.idl.admin.WorkflowSpec;
import dev.ferry.idl.core.Identifier;
import dev.ferry.idl.core.ResourceType;
import dev.ferry.idl.core.TaskTemplate;
import dev.ferry.idl.core.WorkflowTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrationArchiveTest {
  @TempDir Path dir;

  private static Identifier id(ResourceType type, String name) {
    return Identifier.newBuilder()
        .setResourceType(type)
        .setProject("{{ registration.project }}")
        .setDomain("{{ registration.domain }}")
        .setName(name)
        .setVersion("{{ registration.version }}")
        .build();
  }

  private static TaskSpec task(String name) {
    return TaskSpec.newBuilder()
        .setTemplate(
            TaskTemplate.newBuilder().setId(id(ResourceType.TASK, name)).setType("java-task"))
        .build();
  }

  @Test
  void write_numberedFilesInDependencyOrder_asFlytectlSortsThem() throws IOException {
    RegistrationArchive.Builder builder = RegistrationArchive.builder();
    // Eleven tasks: without zero padding "10_" would sort before "2_".
    for (int i = 0; i < 11; i++) {
      builder.addTask(task("com.acme.Tasks.t" + i));
    }
    WorkflowSpec wf =
        WorkflowSpec.newBuilder()
            .setTemplate(
                WorkflowTemplate.newBuilder().setId(id(ResourceType.WORKFLOW, "com.acme.Flow")))
            .build();
    LaunchPlan lp =
        LaunchPlan.newBuilder()
            .setId(id(ResourceType.LAUNCH_PLAN, "com.acme.Flow"))
            .setSpec(
                LaunchPlanSpec.newBuilder()
                    .setWorkflowId(id(ResourceType.WORKFLOW, "com.acme.Flow")))
            .build();
    Path out = dir.resolve("flyte-package.tgz");
    builder.addLaunchPlan(lp).addWorkflow(wf).build().write(out);

    // Unpacked as flytectl does: every member, sorted by name.
    Map<String, byte[]> files = untgz(out);
    List<String> sorted = new ArrayList<>(files.keySet());
    sorted.sort(null);

    assertThat(new ArrayList<>(files.keySet())).isEqualTo(sorted);
    assertThat(sorted).hasSize(13);
    assertThat(sorted.get(0)).isEqualTo("000_com.acme.Tasks.t0_1.pb");
    assertThat(sorted.get(10)).isEqualTo("010_com.acme.Tasks.t10_1.pb");
    assertThat(sorted.get(11)).isEqualTo("011_com.acme.Flow_2.pb");
    assertThat(sorted.get(12)).isEqualTo("012_com.acme.Flow_3.pb");
    assertThat(TaskSpec.parseFrom(files.get(sorted.get(10)))).isEqualTo(task("com.acme.Tasks.t10"));
    assertThat(WorkflowSpec.parseFrom(files.get(sorted.get(11)))).isEqualTo(wf);
    LaunchPlan back = LaunchPlan.parseFrom(files.get(sorted.get(12)));
    assertThat(back).isEqualTo(lp);
    assertThat(back.getId().getProject()).isEqualTo("{{ registration.project }}");
    assertThat(files).doesNotContainKey(out.getFileName().toString());
  }

  @Test
  void write_isReproducible() throws IOException {
    RegistrationArchive archive = RegistrationArchive.builder().addTask(task("a")).build();
    archive.write(dir.resolve("one.tgz"));
    archive.write(dir.resolve("two.tgz"));

    assertThat(Files.readAllBytes(dir.resolve("two.tgz")))
        .isEqualTo(Files.readAllBytes(dir.resolve("one.tgz")));
    try (var listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("one.tgz", "two.tgz");
    }
  }

  @Test
  void build_twoTasksOfOneName_fails() {
    assertThatThrownBy(
            () -> RegistrationArchive.builder().addTask(task("a")).addTask(task("a")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two entities of kind 1 named 'a'");
  }

  private static Map<String, byte[]> untgz(Path file) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (InputStream in = new GzipCompressorInputStream(Files.newInputStream(file));
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        out.put(e.getName(), tar.readAllBytes());
      }
    }
    return out;
  }
}
