package dev.ferry.cli.inspect;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.ferry.idl.admin.LaunchPlan;
import dev.ferry.idl.admin.LaunchPlanSpec;
import dev.ferry.idl.admin.RawOutputDataConfig;
import dev.ferry.idl.admin.TaskSpec;
import dev.ferry.idl.admin.WorkflowSpec;
import dev.ferry.idl.core.Binary;
import dev.ferry.idl.core.Binding;
import dev.ferry.idl.core.BindingData;
import dev.ferry.idl.core.Container;
import dev.ferry.idl.core.ContainerError;
import dev.ferry.idl.core.ErrorDocument;
import dev.ferry.idl.core.ExecutionError;
import dev.ferry.idl.core.Identifier;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.idl.core.LiteralOffloadedMetadata;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Node;
import dev.ferry.idl.core.OutputReference;
import dev.ferry.idl.core.Parameter;
import dev.ferry.idl.core.ParameterMap;
import dev.ferry.idl.core.Primitive;
import dev.ferry.idl.core.ResourceType;
import dev.ferry.idl.core.RuntimeMetadata;
import dev.ferry.idl.core.Scalar;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.idl.core.TaskMetadata;
import dev.ferry.idl.core.TaskNode;
import dev.ferry.idl.core.TaskTemplate;
import dev.ferry.idl.core.TypedInterface;
import dev.ferry.idl.core.Variable;
import dev.ferry.idl.core.VariableMap;
import dev.ferry.idl.core.WorkflowTemplate;

/** Documents of every kind, built the way the backend and the SDKs fill them. */
final class Documents {
  private Documents() {}

  static final LiteralType INT = LiteralType.newBuilder().setSimple(SimpleType.INTEGER).build();
  static final LiteralType STR = LiteralType.newBuilder().setSimple(SimpleType.STRING).build();

  static Literal integer(long v) {
    return Literal.newBuilder()
        .setScalar(Scalar.newBuilder().setPrimitive(Primitive.newBuilder().setInteger(v)))
        .build();
  }

  static Identifier id(ResourceType type, String name) {
    return Identifier.newBuilder()
        .setResourceType(type)
        .setProject("{{ registration.project }}")
        .setDomain("{{ registration.domain }}")
        .setName(name)
        .setVersion("{{ registration.version }}")
        .build();
  }

  static TypedInterface iface() {
    return TypedInterface.newBuilder()
        .setInputs(
            VariableMap.newBuilder()
                .putVariables("n", Variable.newBuilder().setType(INT).setDescription("n").build()))
        .setOutputs(
            VariableMap.newBuilder()
                .putVariables(
                    "o0", Variable.newBuilder().setType(STR).setDescription("o0").build()))
        .build();
  }

  static ErrorDocument error() {
    return ErrorDocument.newBuilder()
        .setError(
            ContainerError.newBuilder()
                .setCode("USER:RuntimeError")
                .setMessage("Trace:\n\n    at Task.run\nMessage:\n\n    boom")
                .setKind(ContainerError.Kind.NON_RECOVERABLE)
                .setOrigin(ExecutionError.ErrorKind.USER)
                .setTimestamp(
                    Timestamp.newBuilder().setSeconds(1_764_000_000L).setNanos(500_000_000)))
        .build();
  }

  static TaskTemplate template() {
    return TaskTemplate.newBuilder()
        .setId(id(ResourceType.TASK, "com.acme.Tasks.double"))
        .setType("java-task")
        .setMetadata(
            TaskMetadata.newBuilder()
                .setRuntime(
                    RuntimeMetadata.newBuilder()
                        .setType(RuntimeMetadata.RuntimeType.FLYTE_SDK)
                        .setVersion("1.16.0")
                        .setFlavor("java")))
        .setInterface(iface())
        .setContainer(
            Container.newBuilder()
                .setImage("ghcr.io/acme/tasks:abc")
                .addArgs("execute")
                .addArgs("--inputs")
                .addArgs("{{.input}}"))
        .build();
  }

  static TaskSpec taskSpec() {
    return TaskSpec.newBuilder().setTemplate(template()).build();
  }

  static WorkflowSpec workflowSpec() {
    Node node =
        Node.newBuilder()
            .setId("n0")
            .addInputs(
                Binding.newBuilder()
                    .setVar("n")
                    .setBinding(
                        BindingData.newBuilder()
                            .setPromise(
                                OutputReference.newBuilder().setNodeId("start-node").setVar("n"))))
            .setTaskNode(
                TaskNode.newBuilder()
                    .setReferenceId(id(ResourceType.TASK, "com.acme.Tasks.double")))
            .build();
    return WorkflowSpec.newBuilder()
        .setTemplate(
            WorkflowTemplate.newBuilder()
                .setId(id(ResourceType.WORKFLOW, "com.acme.Flow"))
                .setInterface(iface())
                .addNodes(node)
                .addOutputs(
                    Binding.newBuilder()
                        .setVar("o0")
                        .setBinding(
                            BindingData.newBuilder()
                                .setPromise(
                                    OutputReference.newBuilder().setNodeId("n0").setVar("o0")))))
        .build();
  }

  static LaunchPlan launchPlan() {
    return LaunchPlan.newBuilder()
        .setId(id(ResourceType.LAUNCH_PLAN, "com.acme.Flow"))
        .setSpec(
            LaunchPlanSpec.newBuilder()
                .setWorkflowId(id(ResourceType.WORKFLOW, "com.acme.Flow"))
                .setDefaultInputs(
                    ParameterMap.newBuilder()
                        .putParameters(
                            "n",
                            Parameter.newBuilder()
                                .setVar(Variable.newBuilder().setType(INT).setDescription("n"))
                                .setDefault(integer(3))
                                .build()))
                .setFixedInputs(LiteralMap.getDefaultInstance())
                .setRawOutputDataConfig(RawOutputDataConfig.getDefaultInstance()))
        .build();
  }

  static Literal offloaded() {
    return Literal.newBuilder()
        .setOffloadedMetadata(
            LiteralOffloadedMetadata.newBuilder()
                .setUri("s3://bucket/run/n0/o0_offloaded_metadata.pb")
                .setSizeBytes(12_345_678)
                .setInferredType(LiteralType.newBuilder().setCollectionType(INT)))
        .setHash("abc")
        .build();
  }

  static Literal msgpackPoint() {
    // {"x": 1, "y": 2} as msgpack: fixmap of 2, fixstr "x", 1, fixstr "y", 2.
    byte[] payload = {(byte) 0x82, (byte) 0xa1, 'x', 1, (byte) 0xa1, 'y', 2};
    return Literal.newBuilder()
        .setScalar(
            Scalar.newBuilder()
                .setBinary(
                    Binary.newBuilder().setValue(ByteString.copyFrom(payload)).setTag("msgpack")))
        .build();
  }
}
