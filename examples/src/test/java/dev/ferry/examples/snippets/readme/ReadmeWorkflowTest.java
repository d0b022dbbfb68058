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

  @Test
  void readmeBranch_runsOneCaseLocally_andCompilesToABranchNode() {
    assertThat(Workflows.MEDAL.template().getNodes(3).hasBranchNode()).isTrue();
    try (LocalExecutor ferry = LocalExecutor.builder().root(tmp.resolve("runs")).build()) {
      // shards 0, 1, 2 score 0, 1.5, 3.0
      assertThat(ferry.run(Workflows.MEDAL.asTask(), new Workflows.Spec("a", 3)).output())
          .isEqualTo("gold 3.0");
      var silver = ferry.run(Workflows.MEDAL.asTask(), new Workflows.Spec("b", 2));
      assertThat(silver.output()).isEqualTo("silver 1.5");
      assertThat(silver.actionsOf("examples.gold")).isEmpty();
      assertThat(ferry.run(Workflows.MEDAL.asTask(), new Workflows.Spec("c", 1)).error())
          .hasValueSatisfying(e -> assertThat(e.getMessage()).contains("no shard scored"));
    }
  }
}
