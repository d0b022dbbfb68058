package dev.ferry.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.cli.CliException;
import dev.ferry.cli.tasks.SampleTasks;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {
  private static Path testClasses() throws URISyntaxException {
    return Path.of(SampleTasks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static Catalog scan() throws Exception {
    return Catalog.scan(CatalogTest.class.getClassLoader(), List.of(testClasses()));
  }

  @Test
  void findsEveryTaskOnceAndTheLaunchPlans() throws Exception {
    Catalog c = scan();
    // Other test packages hold more tasks (two named alike on purpose): check the samples.
    List<String> names =
        c.tasks().stream()
            .map(e -> e.value().name())
            .filter(n -> n.startsWith("samples."))
            .toList();
    assertThat(names)
        .contains("samples.add", "samples.stats", "samples.fail", "samples.flaky")
        .doesNotHaveDuplicates();
    assertThat(c.task("samples.add").reference()).isEqualTo("dev.ferry.cli.tasks.SampleTasks#ADD");
    assertThat(c.launchPlans())
        .extracting(e -> e.value().name())
        .contains("add_ten")
        .doesNotHaveDuplicates();
  }

  @Test
  void resolvesByReferenceWithoutAScan() {
    assertThat(
            Catalog.resolveTask(
                    CatalogTest.class.getClassLoader(), "dev.ferry.cli.tasks.SampleTasks#STATS")
                .name())
        .isEqualTo("samples.stats");
  }

  @Test
  void unknownNamesAndBadReferencesSayWhatExists() throws Exception {
    Catalog c = scan();
    assertThatThrownBy(() -> c.task("samples.nope"))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("no task 'samples.nope'")
        .hasMessageContaining("samples.add");
    ClassLoader l = CatalogTest.class.getClassLoader();
    assertThatThrownBy(() -> Catalog.resolveTask(l, "no.such.Class#X"))
        .hasMessageContaining("no class no.such.Class");
    assertThatThrownBy(() -> Catalog.resolveTask(l, "dev.ferry.cli.tasks.SampleTasks#NOPE"))
        .hasMessageContaining("has no field NOPE");
    assertThatThrownBy(() -> Catalog.resolveTask(l, "dev.ferry.cli.tasks.SampleTasks#ENV"))
        .hasMessageContaining("is not a task")
        .hasMessageContaining("dev.ferry.sdk.TaskEnvironment");
    assertThatThrownBy(() -> Catalog.resolveTask(l, "SampleTasks"))
        .hasMessageContaining("expected <class binary name>#<static field>");
  }

  @Test
  void findsStaticWorkflowFields() throws Exception {
    Catalog c = scan();

    assertThat(c.workflows())
        .filteredOn(e -> e.value().name().equals("pwf.pipeline"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.reference())
                    .isEqualTo("dev.ferry.cli.packaging.workflows.PackagedWorkflows#PIPELINE"));
    assertThat(c.others()).noneMatch(e -> e.value() instanceof dev.ferry.sdk.workflow.Workflow);
  }
}
