package dev.ferry.cli.registration;

import dev.ferry.idl.admin.Annotations;
import dev.ferry.idl.admin.Labels;
import dev.ferry.idl.admin.LaunchPlan;
import dev.ferry.idl.admin.LaunchPlanMetadata;
import dev.ferry.idl.admin.LaunchPlanSpec;
import dev.ferry.idl.admin.RawOutputDataConfig;
import dev.ferry.idl.admin.WorkflowSpec;
import dev.ferry.idl.core.Binding;
import dev.ferry.idl.core.BindingData;
import dev.ferry.idl.core.Identifier;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.idl.core.Node;
import dev.ferry.idl.core.NodeMetadata;
import dev.ferry.idl.core.OutputReference;
import dev.ferry.idl.core.Parameter;
import dev.ferry.idl.core.ParameterMap;
import dev.ferry.idl.core.ResourceType;
import dev.ferry.idl.core.TaskNode;
import dev.ferry.idl.core.TaskTemplate;
import dev.ferry.idl.core.TypedInterface;
import dev.ferry.idl.core.Variable;
import dev.ferry.idl.core.WorkflowMetadata;
import dev.ferry.idl.core.WorkflowMetadataDefaults;
import dev.ferry.idl.core.WorkflowTemplate;
import java.util.Map;
import java.util.TreeMap;

/**
 * The single-node workflow that lets a Flyte 1 launch plan start one task, and that workflow's
 * default launch plan (CONTAINER.md section 6).
 *
 * <p>The workflow has the task's name, project, domain and version and the task's interface; its
 * one node {@value #NODE_ID} runs the task ({@code TaskNode.reference_id} = the task's id), each
 * node input bound to the workflow input of the same name (a promise on {@value #START_NODE}), each
 * workflow output bound to the node output of the same name. The default launch plan has the same
 * name and version, every input required, no fixed inputs, empty labels and annotations, and a raw
 * output config with an empty prefix, as the Python SDK makes it.
 *
 * <pre>{@code
 * WorkflowSpec wf = WrapperWorkflows.workflow(taskSpec.getTemplate());
 * LaunchPlan lp = WrapperWorkflows.defaultLaunchPlan(wf.getTemplate());
 * }</pre>
 */
public final class WrapperWorkflows {
  /** The id of the node running the task. */
  public static final String NODE_ID = "n0";

  /** The node id by which bindings refer to a workflow's inputs. */
  public static final String START_NODE = "start-node";

  private WrapperWorkflows() {}

  /** Returns the workflow running {@code task} alone, under the task's name and version. */
  public static WorkflowSpec workflow(TaskTemplate task) {
    Identifier taskId = task.getId();
    Identifier id = taskId.toBuilder().setResourceType(ResourceType.WORKFLOW).build();
    TypedInterface ti = task.getInterface();
    Node.Builder node =
        Node.newBuilder()
            .setId(NODE_ID)
            .setMetadata(NodeMetadata.newBuilder().setName(taskId.getName()))
            .setTaskNode(TaskNode.newBuilder().setReferenceId(taskId));
    for (String input : new TreeMap<>(ti.getInputs().getVariablesMap()).keySet()) {
      node.addInputs(promise(input, START_NODE, input));
    }
    WorkflowTemplate.Builder wf =
        WorkflowTemplate.newBuilder()
            .setId(id)
            .setMetadata(WorkflowMetadata.getDefaultInstance())
            .setMetadataDefaults(WorkflowMetadataDefaults.getDefaultInstance())
            .setInterface(ti)
            .addNodes(node);
    for (String output : new TreeMap<>(ti.getOutputs().getVariablesMap()).keySet()) {
      wf.addOutputs(promise(output, NODE_ID, output));
    }
    return WorkflowSpec.newBuilder().setTemplate(wf).build();
  }

  /**
   * Returns the default launch plan of {@code workflow}: same name and version, inputs required.
   */
  public static LaunchPlan defaultLaunchPlan(WorkflowTemplate workflow) {
    Identifier wfId = workflow.getId();
    ParameterMap.Builder params = ParameterMap.newBuilder();
    for (Map.Entry<String, Variable> e :
        new TreeMap<>(workflow.getInterface().getInputs().getVariablesMap()).entrySet()) {
      params.putParameters(
          e.getKey(), Parameter.newBuilder().setVar(e.getValue()).setRequired(true).build());
    }
    LaunchPlanSpec spec =
        LaunchPlanSpec.newBuilder()
            .setWorkflowId(wfId)
            .setEntityMetadata(LaunchPlanMetadata.getDefaultInstance())
            .setDefaultInputs(params)
            .setFixedInputs(LiteralMap.getDefaultInstance())
            .setLabels(Labels.getDefaultInstance())
            .setAnnotations(Annotations.getDefaultInstance())
            .setRawOutputDataConfig(RawOutputDataConfig.getDefaultInstance())
            .build();
    return LaunchPlan.newBuilder()
        .setId(wfId.toBuilder().setResourceType(ResourceType.LAUNCH_PLAN))
        .setSpec(spec)
        .build();
  }

  private static Binding promise(String var, String nodeId, String nodeVar) {
    return Binding.newBuilder()
        .setVar(var)
        .setBinding(
            BindingData.newBuilder()
                .setPromise(OutputReference.newBuilder().setNodeId(nodeId).setVar(nodeVar)))
        .build();
  }
}
