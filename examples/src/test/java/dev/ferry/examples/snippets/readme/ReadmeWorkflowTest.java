package dev.ferry.examples.snippets.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.executor.LocalExecutor;
import dev.ferry.idl.core.WorkflowTemplate;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds the README's workflow and runs it on the embedded executor. */
class ReadmeWorkflowTest {
  @TempDir Path tmp;

  @Test
  void readmeWorkflow_templateAndLocalRun() {
    WorkflowTemplate t = Workflows.template();
    assertThat(t.getNodesCount()).isGreaterThanOrEqualTo(4);
    try (LocalExecutor ferry = LocalExecutor.builder().root(tmp.resolve("runs")).build()) {
      assertThat(Workflows.runLocally(ferry, new Workflows.Spec("demo", 3)).output())
          .isEqualTo(new Workflows.Report("demo: 3.0"));
    }
  }
}
