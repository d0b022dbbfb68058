package dev.ferry.sdk.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.ArrayNode;
import dev.ferry.idl.core.Binding;
import dev.ferry.idl.core.BindingData;
import dev.ferry.idl.core.Identifier;
import dev.ferry.idl.core.Node;
import dev.ferry.idl.core.OutputReference;
import dev.ferry.idl.core.PromiseAttribute;
import dev.ferry.idl.core.ResourceType;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.idl.core.WorkflowMetadata;
import dev.ferry.idl.core.WorkflowTemplate;
import dev.ferry.schema.NamedOutputs;
import dev.ferry.sdk.LaunchPlan;
import dev.ferry.sdk.MapOptions;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WorkflowTest {
  record Spec(String name, int n) {}

  record Stats(double best, int count) implements NamedOutputs {}

  record ReportIn(String name, double best) {}

  record Report(String name, double best) {}

  static List<Integer> split(Spec spec) {
    return IntStream.range(0, spec.n()).boxed().toList();
  }

  static double score(int shard) {
    return shard * 1.5;
  }

  static Stats best(List<Double> scores) {
    return new Stats(
        scores.stream().mapToDouble(Double::doubleValue).max().orElse(0), scores.size());
  }

  static Report report(ReportIn in) {
    return new Report(in.name(), in.best());
  }

  static final TaskEnvironment ENV = TaskEnvironment.of("wft");
  static final Task<Spec, List<Integer>> SPLIT =
      ENV.task(
          "split", new TypeRef<Spec>() {}, new TypeRef<List<Integer>>() {}, WorkflowTest::split);
  static final Task<Integer, Double> SCORE = ENV.task("score", WorkflowTest::score);
  static final Task<List<Double>, Stats> BEST =
      ENV.task("best", new TypeRef<List<Double>>() {}, TypeRef.of(Stats.class), WorkflowTest::best);
  static final Task<ReportIn, Report> REPORT = ENV.task("report", WorkflowTest::report);

  static final TypeEngine ENGINE = TypeEngine.createDefault();

  static Workflow<Spec, Report> pipeline() {
    return Workflow.builder("wft.pipeline", TypeRef.of(Spec.class), TypeRef.of(Report.class))
        .engine(ENGINE)
        .onFailure(Workflow.OnFailure.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE)
        .define(
            (b, in) -> {
              Promise<List<Integer>> shards = b.call(SPLIT, in);
              Promise<List<Double>> scores = b.map(SCORE, shards, new MapOptions(4, 0.75));
              Promise<Stats> stats = b.call(BEST, scores);
              return b.call(
                  REPORT,
                  b.record(
                      ReportIn.class,
                      in.field("name", String.class),
                      stats.field("best", Double.class)));
            });
  }

  private static BindingData ref(String node, String var, Object... path) {
    OutputReference.Builder r = OutputReference.newBuilder().setNodeId(node).setVar(var);
    for (Object p : path) {
      r.addAttrPath(
          p instanceof Integer i
              ? PromiseAttribute.newBuilder().setIntValue(i)
              : PromiseAttribute.newBuilder().setStringValue((String) p));
    }
    return BindingData.newBuilder().setPromise(r).build();
  }

  private static Binding binding(String var, BindingData data) {
    return Binding.newBuilder().setVar(var).setBinding(data).build();
  }

  private static Identifier taskId(String name) {
    return Identifier.newBuilder()
        .setResourceType(ResourceType.TASK)
        .setProject("{{ registration.project }}")
        .setDomain("{{ registration.domain }}")
        .setName(name)
        .setVersion("{{ registration.version }}")
        .build();
  }

  @Test
  void template_fieldByField() {
    Workflow<Spec, Report> wf = pipeline();
    WorkflowTemplate t = wf.template();

    assertThat(t.getId())
        .isEqualTo(
            taskId("wft.pipeline").toBuilder().setResourceType(ResourceType.WORKFLOW).build());
    assertThat(t.getMetadata().getOnFailure())
        .isEqualTo(WorkflowMetadata.OnFailurePolicy.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE);
    assertThat(t.getInterface().getInputs().getVariablesMap().keySet())
        .containsExactlyInAnyOrder("name", "n");
    assertThat(t.getInterface().getInputs().getVariablesOrThrow("n").getType().getSimple())
        .isEqualTo(SimpleType.INTEGER);
    assertThat(t.getInterface().getOutputs().getVariablesMap().keySet()).containsExactly("o0");
    assertThat(t.getInterface()).isEqualTo(wf.asTask().typedInterface(ENGINE));
    assertThat(t.getNodesList()).extracting(Node::getId).containsExactly("n0", "n1", "n2", "n3");

    Node n0 = t.getNodes(0);
    assertThat(n0.getTaskNode().getReferenceId()).isEqualTo(taskId("wft.split"));
    assertThat(n0.getMetadata().getName()).isEqualTo("wft.split");
    assertThat(n0.getInputsList())
        .containsExactly(
            binding("name", ref("start-node", "name")), binding("n", ref("start-node", "n")));
    assertThat(n0.getUpstreamNodeIdsList()).isEmpty();

    Node n1 = t.getNodes(1);
    assertThat(n1.hasArrayNode()).isTrue();
    assertThat(n1.getInputsList()).containsExactly(binding("shard", ref("n0", "o0")));
    assertThat(n1.getUpstreamNodeIdsList()).containsExactly("n0");
    ArrayNode array = n1.getArrayNode();
    assertThat(array.getParallelism()).isEqualTo(4);
    assertThat(array.getMinSuccessRatio()).isEqualTo(0.75f);
    assertThat(array.getIsOriginalSubNodeInterface().getValue()).isTrue();
    assertThat(array.getDataMode()).isEqualTo(ArrayNode.DataMode.INDIVIDUAL_INPUT_FILES);
    assertThat(array.getNode().getTaskNode().getReferenceId()).isEqualTo(taskId("wft.score"));
    assertThat(array.getNode().getInputsList()).isEqualTo(n1.getInputsList());
    assertThat(array.getNode().getId()).isEqualTo("array_node_subnode");
    assertThat(array.getNode().getUpstreamNodeIdsList()).isEmpty();
    assertThat(array.getExecutionMode()).isEqualTo(ArrayNode.ExecutionMode.MINIMAL_STATE);
    assertThat(array.hasMinSuccesses()).isFalse();

    Node n2 = t.getNodes(2);
    assertThat(n2.getTaskNode().getReferenceId()).isEqualTo(taskId("wft.best"));
    assertThat(n2.getInputsList()).containsExactly(binding("input", ref("n1", "o0")));
    assertThat(n2.getUpstreamNodeIdsList()).containsExactly("n1");

    Node n3 = t.getNodes(3);
    assertThat(n3.getInputsList())
        .containsExactly(
            binding("name", ref("start-node", "name")), binding("best", ref("n2", "best")));
    assertThat(n3.getUpstreamNodeIdsList()).containsExactly("n2");

    assertThat(t.getOutputsList()).containsExactly(binding("o0", ref("n3", "o0")));
    assertThat(wf.tasks()).containsExactly(SPLIT, SCORE, BEST, REPORT);
  }

  @Test
  void template_givenIds_replacePlaceholders() {
    WorkflowTemplate t = pipeline().template("flytesnacks", "development", "v1");
    assertThat(t.getId().getProject()).isEqualTo("flytesnacks");
    assertThat(t.getNodes(1).getArrayNode().getNode().getTaskNode().getReferenceId())
        .isEqualTo(
            Identifier.newBuilder()
                .setResourceType(ResourceType.TASK)
                .setProject("flytesnacks")
                .setDomain("development")
                .setName("wft.score")
                .setVersion("v1")
                .build());
  }

  @Test
  void constants_areLiteralBindings_andFieldOfSingleOutput_isAnAttrPath() {
    Workflow<Spec, Double> wf =
        Workflow.builder("wft.consts", TypeRef.of(Spec.class), TypeRef.of(Double.class))
            .engine(ENGINE)
            .define(
                (b, in) -> {
                  Promise<Double> one = b.call(SCORE, 3);
                  Promise<List<Double>> many = b.map(SCORE, List.of(1, 2), MapOptions.DEFAULT);
                  Promise<Report> r = b.callWith(REPORT, Map.of("name", "fixed", "best", one));
                  b.call(BEST, many);
                  return b.call(
                          REPORT, b.record(ReportIn.class, "x", r.field("best", Double.class)))
                      .field("best", Double.class);
                });
    WorkflowTemplate t = wf.template();

    assertThat(t.getNodes(0).getInputs(0).getBinding().getScalar().getPrimitive().getInteger())
        .isEqualTo(3);
    assertThat(t.getNodes(0).getUpstreamNodeIdsList()).isEmpty();
    BindingData list = t.getNodes(1).getInputs(0).getBinding();
    assertThat(list.getCollection().getBindingsList())
        .extracting(d -> d.getScalar().getPrimitive().getInteger())
        .containsExactly(1L, 2L);
    assertThat(t.getNodes(1).getArrayNode().hasParallelism()).isFalse();
    assertThat(t.getNodes(1).getArrayNode().getMinSuccessRatio()).isEqualTo(1.0f);
    assertThat(t.getNodes(2).getInputsList())
        .containsExactly(
            binding("name", t.getNodes(2).getInputs(0).getBinding()),
            binding("best", ref("n0", "o0")));
    assertThat(t.getNodes(2).getInputs(0).getBinding().getScalar().getPrimitive().getStringValue())
        .isEqualTo("fixed");
    assertThat(t.getNodes(4).getInputsList())
        .containsExactly(
            binding("name", t.getNodes(4).getInputs(0).getBinding()),
            binding("best", ref("n2", "o0", "best")));
    assertThat(t.getNodes(4).getUpstreamNodeIdsList()).containsExactly("n2");
    assertThat(t.getOutputsList()).containsExactly(binding("o0", ref("n4", "o0", "best")));
    assertThat(t.getMetadata().getOnFailure())
        .isEqualTo(WorkflowMetadata.OnFailurePolicy.FAIL_IMMEDIATELY);
  }

  @Test
  void wrongBindingType_namesNodeInputExpectedAndActual() {
    assertThatThrownBy(
            () ->
                Workflow.builder("wft.bad", TypeRef.of(Spec.class), TypeRef.of(Stats.class))
                    .engine(ENGINE)
                    .define(
                        (b, in) -> {
                          Promise<List<Integer>> shards = b.call(SPLIT, in);
                          return b.callWith(BEST, Map.of("input", shards));
                        }))
        .isInstanceOfSatisfying(
            WorkflowDefinitionException.class,
            e -> {
              assertThat(e.node()).isEqualTo("n1");
              assertThat(e.input()).isEqualTo("input");
            })
        .hasMessage(
            "workflow wft.bad: node n1 (task wft.best) input 'input': expected List[float]"
                + " (java.util.List<java.lang.Double>) but got List[int]"
                + " (java.util.List<java.lang.Integer>)");
  }

  @Test
  void wrongRecordComponent_namesComponent() {
    assertThatThrownBy(
            () ->
                Workflow.builder("wft.bad", TypeRef.of(Spec.class), TypeRef.of(Report.class))
                    .engine(ENGINE)
                    .define(
                        (b, in) ->
                            b.call(
                                REPORT,
                                b.record(ReportIn.class, in.field("n", Integer.class), 1.0))))
        .isInstanceOf(WorkflowDefinitionException.class)
        .hasMessage(
            "record dev.ferry.sdk.workflow.WorkflowTest$ReportIn component 'name': expected str"
                + " (java.lang.String) but got int (java.lang.Integer)");
  }

  @Test
  void missingAndUnknownInputs_areNamed() {
    assertThatThrownBy(
            () ->
                Workflow.builder("wft.bad", TypeRef.of(Spec.class), TypeRef.of(Report.class))
                    .engine(ENGINE)
                    .define((b, in) -> b.callWith(REPORT, Map.of("name", "x"))))
        .isInstanceOf(WorkflowDefinitionException.class)
        .hasMessage(
            "workflow wft.bad: node n0 (task wft.report) input 'best': not bound: expected float"
                + " (java.lang.Double)");
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("name", "x");
    extra.put("bset", 1.0);
    assertThatThrownBy(
            () ->
                Workflow.builder("wft.bad", TypeRef.of(Spec.class), TypeRef.of(Report.class))
                    .engine(ENGINE)
                    .define((b, in) -> b.callWith(REPORT, extra)))
        .isInstanceOf(WorkflowDefinitionException.class)
        .hasMessage(
            "workflow wft.bad: node n0 (task wft.report) input 'bset': the task has no such"
                + " input: its inputs are [best, name]");
  }

  @Test
  void mapOverRecordInputTask_isRefused() {
    assertThatThrownBy(
            () ->
                Workflow.builder("wft.bad", TypeRef.of(Spec.class), new TypeRef<List<Report>>() {})
                    .engine(ENGINE)
                    .define(
                        (b, in) ->
                            b.map(REPORT, List.of(new ReportIn("a", 1.0)), MapOptions.DEFAULT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node n0 maps task wft.report, which takes a record's components");
  }

  @Test
  void fieldOfWrongType_andUnknownField_areRefused() {
    assertThatThrownBy(
            () ->
                Workflow.builder("wft.bad", TypeRef.of(Spec.class), TypeRef.of(Integer.class))
                    .engine(ENGINE)
                    .define((b, in) -> in.field("name", Integer.class)))
        .hasMessage(
            "component 'name' of dev.ferry.sdk.workflow.WorkflowTest$Spec is a java.lang.String"
                + " but was read as a java.lang.Integer");
    assertThatThrownBy(
            () ->
                Workflow.builder("wft.bad", TypeRef.of(Spec.class), TypeRef.of(Integer.class))
                    .engine(ENGINE)
                    .define((b, in) -> in.field("size", Integer.class)))
        .hasMessage(
            "record dev.ferry.sdk.workflow.WorkflowTest$Spec has no component 'size': it has [n,"
                + " name]");
  }

  @Test
  void asTask_isATaskOfTheWorkflowsTypes_andGoesIntoALaunchPlan() {
    Workflow<Spec, Report> wf = pipeline();
    Task<Spec, Report> task = wf.asTask();
    assertThat(task.name()).isEqualTo("wft.pipeline");
    assertThat(task.inputKind()).isEqualTo(Task.InputKind.RECORD);
    assertThat(wf.nodeIds()).containsExactly("n0", "n1", "n2", "n3");
    LaunchPlan<Spec, Report> lp =
        LaunchPlan.builder("wft.nightly", task).defaultInput("n", 3).build();
    assertThat(lp.input(Map.of("name", "x"))).isEqualTo(new Spec("x", 3));
    assertThat(wf.isTaskOf(lp.entry())).isTrue();
    assertThat(wf.isTaskOf(REPORT)).isFalse();
    assertThat(pipeline().isTaskOf(lp.entry())).isFalse();
  }
}
