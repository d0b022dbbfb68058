package dev.ferry.cli.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.CliRun;
import dev.ferry.cli.ExitCodes;
import dev.ferry.cli.packaging.branches.BranchWorkflows;
import dev.ferry.cli.packaging.wfbad.UnheldTask;
import dev.ferry.cli.packaging.workflows.PackagedWorkflows;
import dev.ferry.idl.admin.LaunchPlan;
import dev.ferry.idl.admin.TaskSpec;
import dev.ferry.idl.admin.WorkflowSpec;
import dev.ferry.idl.core.ComparisonExpression;
import dev.ferry.idl.core.Identifier;
import dev.ferry.idl.core.IfElseBlock;
import dev.ferry.idl.core.Node;
import dev.ferry.idl.core.ResourceType;
import dev.ferry.idl.core.WorkflowTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry package} on a classpath holding a typed workflow and a launch plan on it. */
class PackageWorkflowTest {
  private static final String IMAGE = "ghcr.io/acme/wf:1";

  @TempDir Path dir;

  @Test
  void workflow_isAWorkflowSpecWhoseNodesReferToThePackagedTasks() throws Exception {
    Path out = dir.resolve("wf.tgz");
    CliRun run =
        CliRun.of(
            "package",
            "-cp",
            classesOf(PackagedWorkflows.class).toString(),
            "--image",
            IMAGE,
            "--version",
            "v7",
            "-o",
            out.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).startsWith("packaged 3 tasks, 4 workflows, 5 launch plans into ");
    Map<String, byte[]> members = untgz(out);
    assertThat(members.keySet())
        .containsExactly(
            "000_pwf.best_1.pb",
            "001_pwf.score_1.pb",
            "002_pwf.split_1.pb",
            "003_pwf.best_2.pb",
            "004_pwf.score_2.pb",
            "005_pwf.split_2.pb",
            "006_pwf.pipeline_2.pb",
            "007_pwf.best_3.pb",
            "008_pwf.score_3.pb",
            "009_pwf.split_3.pb",
            "010_pwf.pipeline_3.pb",
            "011_pipeline_daily_3.pb");

    List<Identifier> taskIds = new ArrayList<>();
    for (String name : List.of("000_pwf.best_1.pb", "001_pwf.score_1.pb", "002_pwf.split_1.pb")) {
      taskIds.add(TaskSpec.parseFrom(members.get(name)).getTemplate().getId());
    }
    assertThat(taskIds)
        .containsExactly(
            id(ResourceType.TASK, "pwf.best"),
            id(ResourceType.TASK, "pwf.score"),
            id(ResourceType.TASK, "pwf.split"));

    WorkflowTemplate wf =
        WorkflowSpec.parseFrom(members.get("006_pwf.pipeline_2.pb")).getTemplate();
    assertThat(wf.getId()).isEqualTo(id(ResourceType.WORKFLOW, "pwf.pipeline"));
    assertThat(wf)
        .isEqualTo(
            PackagedWorkflows.PIPELINE.template(
                "{{ registration.project }}", "{{ registration.domain }}", "v7"));
    assertThat(wf.getNodesList()).hasSize(3);
    List<Identifier> referenced = new ArrayList<>();
    for (Node n : wf.getNodesList()) {
      referenced.add(
          n.hasArrayNode()
              ? n.getArrayNode().getNode().getTaskNode().getReferenceId()
              : n.getTaskNode().getReferenceId());
    }
    assertThat(referenced)
        .containsExactly(
            id(ResourceType.TASK, "pwf.split"),
            id(ResourceType.TASK, "pwf.score"),
            id(ResourceType.TASK, "pwf.best"));
    assertThat(taskIds).containsAll(referenced);
    assertThat(wf.getNodes(1).hasArrayNode()).isTrue();
    assertThat(wf.getInterface().getInputs().getVariablesMap()).containsOnlyKeys("name", "n");

    LaunchPlan byDefault = LaunchPlan.parseFrom(members.get("010_pwf.pipeline_3.pb"));
    assertThat(byDefault.getId()).isEqualTo(id(ResourceType.LAUNCH_PLAN, "pwf.pipeline"));
    assertThat(byDefault.getSpec().getWorkflowId()).isEqualTo(wf.getId());
    assertThat(byDefault.getSpec().getDefaultInputs().getParametersOrThrow("n").getRequired())
        .isTrue();

    LaunchPlan daily = LaunchPlan.parseFrom(members.get("011_pipeline_daily_3.pb"));
    assertThat(daily.getId()).isEqualTo(id(ResourceType.LAUNCH_PLAN, "pipeline_daily"));
    assertThat(daily.getSpec().getWorkflowId()).isEqualTo(wf.getId());
    assertThat(
            daily
                .getSpec()
                .getDefaultInputs()
                .getParametersOrThrow("n")
                .getDefault()
                .getScalar()
                .getPrimitive()
                .getInteger())
        .isEqualTo(4);
  }

  @Test
  void workflow_withProjectAndDomain_carriesThemInEveryReference() throws Exception {
    Path out = dir.resolve("wf.tgz");
    CliRun run =
        CliRun.of(
            "package",
            "-cp",
            classesOf(PackagedWorkflows.class).toString(),
            "--image",
            IMAGE,
            "--project",
            "flytesnacks",
            "--domain",
            "development",
            "--version",
            "v8",
            "-o",
            out.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    WorkflowTemplate wf =
        WorkflowSpec.parseFrom(untgz(out).get("006_pwf.pipeline_2.pb")).getTemplate();
    assertThat(wf.getId().getProject()).isEqualTo("flytesnacks");
    assertThat(wf.getNodes(0).getTaskNode().getReferenceId())
        .isEqualTo(
            Identifier.newBuilder()
                .setResourceType(ResourceType.TASK)
                .setProject("flytesnacks")
                .setDomain("development")
                .setName("pwf.split")
                .setVersion("v8")
                .build());
  }

  @Test
  void workflowWithABranch_isABranchNodeWhoseCasesReferToThePackagedTasks() throws Exception {
    Path out = dir.resolve("branch.tgz");
    CliRun run =
        CliRun.of(
            "package",
            "-cp",
            classesOf(BranchWorkflows.class).toString(),
            "--image",
            IMAGE,
            "--version",
            "v7",
            "-o",
            out.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).startsWith("packaged 4 tasks, 5 workflows, 5 launch plans");
    Map<String, byte[]> members = untgz(out);
    Map<String, Identifier> tasks = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> m : members.entrySet()) {
      if (m.getKey().endsWith("_1.pb")) {
        Identifier id = TaskSpec.parseFrom(m.getValue()).getTemplate().getId();
        tasks.put(id.getName(), id);
      }
    }
    assertThat(tasks).containsOnlyKeys("pbr.big", "pbr.small", "pbr.none", "pbr.length");
    String wfName =
        members.keySet().stream()
            .filter(k -> k.endsWith("_pbr.sized_2.pb"))
            .findFirst()
            .orElseThrow();
    WorkflowTemplate wf = WorkflowSpec.parseFrom(members.get(wfName)).getTemplate();
    assertThat(wf)
        .isEqualTo(
            BranchWorkflows.SIZED.template(
                "{{ registration.project }}", "{{ registration.domain }}", "v7"));
    assertThat(wf.getNodesList()).extracting(Node::getId).containsExactly("n0", "n1");
    IfElseBlock ifElse = wf.getNodes(0).getBranchNode().getIfElse();
    assertThat(ifElse.getCase().getThenNode().getTaskNode().getReferenceId())
        .isEqualTo(tasks.get("pbr.big"))
        .isEqualTo(id(ResourceType.TASK, "pbr.big"));
    assertThat(ifElse.getOther(0).getThenNode().getTaskNode().getReferenceId())
        .isEqualTo(tasks.get("pbr.small"));
    assertThat(ifElse.getElseNode().getTaskNode().getReferenceId())
        .isEqualTo(tasks.get("pbr.none"));
    ComparisonExpression gt = ifElse.getCase().getCondition().getComparison();
    assertThat(gt.getOperator()).isEqualTo(ComparisonExpression.Operator.GT);
    assertThat(gt.getLeftValue().getVar()).isEqualTo("start-node.input");
    assertThat(gt.getRightValue().getScalar().getPrimitive().getInteger()).isEqualTo(100);
    assertThat(wf.getNodes(0).getInputs(0).getVar()).isEqualTo("start-node.input");
    assertThat(wf.getNodes(1).getInputs(0).getBinding().getPromise().getNodeId()).isEqualTo("n0");
    assertThat(wf.getNodes(1).getUpstreamNodeIdsList()).containsExactly("n0");
    assertThat(wf.getNodes(1).getTaskNode().getReferenceId()).isEqualTo(tasks.get("pbr.length"));

    // ferry inspect shows the branch
    Path spec = dir.resolve("sized.pb");
    Files.write(spec, members.get(wfName));
    CliRun shown = CliRun.of("inspect", spec.toString());
    assertThat(shown.exitCode()).as(shown.err()).isEqualTo(ExitCodes.OK);
    com.fasterxml.jackson.databind.JsonNode json =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(shown.out());
    String at = "/template/nodes/0/branch_node/if_else";
    assertThat(json.at(at + "/case/condition/comparison/operator").asText()).isEqualTo("GT");
    assertThat(json.at(at + "/case/condition/comparison/left_value/var").asText())
        .isEqualTo("start-node.input");
    assertThat(json.at(at + "/case/condition/comparison/right_value").toString()).contains("100");
    assertThat(json.at(at + "/other/0/condition/conjunction/left_expression").isObject()).isTrue();
    assertThat(json.at(at + "/else_node/task_node/reference_id/name").asText())
        .isEqualTo("pbr.none");
  }

  @Test
  void workflow_runningATaskNoFieldHolds_isOneLineNamingIt() throws Exception {
    CliRun run =
        CliRun.of(
            "package",
            "-cp",
            classesOf(UnheldTask.class).toString(),
            "--image",
            IMAGE,
            "-o",
            dir.resolve("bad.tgz").toString());

    assertThat(run.exitCode()).isNotEqualTo(ExitCodes.OK);
    assertThat(run.err())
        .contains(
            "workflow " + UnheldTask.class.getName() + "#FLOW (bad.flow) runs task bad.hidden")
        .contains("no static field")
        .doesNotContain("\tat ");
    assertThat(Files.exists(dir.resolve("bad.tgz"))).isFalse();
  }

  private static Identifier id(ResourceType type, String name) {
    return Identifier.newBuilder()
        .setResourceType(type)
        .setProject("{{ registration.project }}")
        .setDomain("{{ registration.domain }}")
        .setName(name)
        .setVersion("v7")
        .build();
  }

  /** A class directory holding only the classes of {@code c}'s package. */
  private Path classesOf(Class<?> c) throws Exception {
    Path source = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    String pkg = c.getPackageName().replace('.', '/');
    Path root = dir.resolve("classes-" + c.getSimpleName());
    Path target = root.resolve(pkg);
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(source.resolve(pkg))) {
      for (Path f : files.toList()) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
    return root;
  }

  private static Map<String, byte[]> untgz(Path file) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (InputStream in = new GzipCompressorInputStream(Files.newInputStream(file));
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (e.isFile()) {
          out.put(e.getName(), tar.readAllBytes());
        }
      }
    }
    return out;
  }
}
