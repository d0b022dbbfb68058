package dev.ferry.idl;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FileDescriptor;
import dev.ferry.idl.core.ConditionProto;
import dev.ferry.idl.core.Container;
import dev.ferry.idl.core.ContainerError;
import dev.ferry.idl.core.DynamicJobProto;
import dev.ferry.idl.core.ErrorsProto;
import dev.ferry.idl.core.ExecutionError;
import dev.ferry.idl.core.ExecutionProto;
import dev.ferry.idl.core.IdentifierProto;
import dev.ferry.idl.core.InterfaceProto;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralsProto;
import dev.ferry.idl.core.ResourceType;
import dev.ferry.idl.core.Resources;
import dev.ferry.idl.core.SecurityProto;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.idl.core.TaskMetadata;
import dev.ferry.idl.core.TasksProto;
import dev.ferry.idl.core.TypesProto;
import dev.ferry.idl.core.WorkflowProto;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every row of the tables in the interop folder's WIRE.md and CONTAINER.md (sections 5 and 6) for
 * package {@code flyteidl.core}, checked against the descriptors of the generated classes: field
 * numbers, types and oneof membership of every message, and the numbers of every enum. Numbers
 * CONTAINER.md leaves out (branch and gate nodes, security, quality of service) are flyteidl
 * v1.16's.
 */
class WireNumbersTest extends WireTable {

  /** The message tables, one field a line (the form is described on {@link WireTable}). */
  private static final String FIELDS =
      """
      # Literals
      Primitive                  | integer                  | 1  | int64                     | value
      Primitive                  | float_value              | 2  | double                    | value
      Primitive                  | string_value             | 3  | string                    | value
      Primitive                  | boolean                  | 4  | bool                      | value
      Primitive                  | datetime                 | 5  | google.protobuf.Timestamp | value
      Primitive                  | duration                 | 6  | google.protobuf.Duration  | value
      Void
      BlobMetadata               | type                     | 1  | BlobType
      Blob                       | metadata                 | 1  | BlobMetadata
      Blob                       | uri                      | 3  | string
      Binary                     | value                    | 1  | bytes
      Binary                     | tag                      | 2  | string
      Schema                     | uri                      | 1  | string
      Schema                     | type                     | 3  | SchemaType
      Union                      | value                    | 1  | Literal
      Union                      | type                     | 2  | LiteralType
      StructuredDatasetMetadata  | structured_dataset_type  | 1  | StructuredDatasetType
      StructuredDataset          | uri                      | 1  | string
      StructuredDataset          | metadata                 | 2  | StructuredDatasetMetadata
      Scalar                     | primitive                | 1  | Primitive                 | value
      Scalar                     | blob                     | 2  | Blob                      | value
      Scalar                     | binary                   | 3  | Binary                    | value
      Scalar                     | schema                   | 4  | Schema                    | value
      Scalar                     | none_type                | 5  | Void                      | value
      Scalar                     | error                    | 6  | Error                     | value
      Scalar                     | generic                  | 7  | google.protobuf.Struct    | value
      Scalar                     | structured_dataset       | 8  | StructuredDataset         | value
      Scalar                     | union                    | 9  | Union                     | value
      Literal                    | scalar                   | 1  | Scalar                    | value
      Literal                    | collection               | 2  | LiteralCollection         | value
      Literal                    | map                      | 3  | LiteralMap                | value
      Literal                    | offloaded_metadata       | 8  | LiteralOffloadedMetadata  | value
      Literal                    | hash                     | 4  | string
      Literal                    | metadata                 | 5  | map<string,string>
      LiteralOffloadedMetadata   | uri                      | 1  | string
      LiteralOffloadedMetadata   | size_bytes               | 2  | uint64
      LiteralOffloadedMetadata   | inferred_type            | 3  | LiteralType
      LiteralCollection          | literals                 | 1  | repeated Literal
      LiteralMap                 | literals                 | 1  | map<string,Literal>
      Error                      | failed_node_id           | 1  | string
      Error                      | message                  | 2  | string
      KeyValuePair               | key                      | 1  | string
      KeyValuePair               | value                    | 2  | string
      RetryStrategy              | retries                  | 5  | uint32

      # Types
      SchemaType                 | columns                  | 3  | repeated SchemaType.SchemaColumn
      SchemaType.SchemaColumn    | name                     | 1  | string
      SchemaType.SchemaColumn    | type                     | 2  | SchemaType.SchemaColumn.SchemaColumnType
      StructuredDatasetType      | columns                  | 1  | repeated StructuredDatasetType.DatasetColumn
      StructuredDatasetType      | format                   | 2  | string
      StructuredDatasetType      | external_schema_type     | 3  | string
      StructuredDatasetType      | external_schema_bytes    | 4  | bytes
      StructuredDatasetType.DatasetColumn | name            | 1  | string
      StructuredDatasetType.DatasetColumn | literal_type    | 2  | LiteralType
      BlobType                   | format                   | 1  | string
      BlobType                   | dimensionality           | 2  | BlobType.BlobDimensionality
      EnumType                   | values                   | 1  | repeated string
      UnionType                  | variants                 | 1  | repeated LiteralType
      TypeStructure              | tag                      | 1  | string
      TypeStructure              | dataclass_type           | 2  | map<string,LiteralType>
      TypeAnnotation             | annotations              | 1  | google.protobuf.Struct
      LiteralType                | simple                   | 1  | SimpleType                | type
      LiteralType                | schema                   | 2  | SchemaType                | type
      LiteralType                | collection_type          | 3  | LiteralType               | type
      LiteralType                | map_value_type           | 4  | LiteralType               | type
      LiteralType                | blob                     | 5  | BlobType                  | type
      LiteralType                | enum_type                | 7  | EnumType                  | type
      LiteralType                | structured_dataset_type  | 8  | StructuredDatasetType     | type
      LiteralType                | union_type               | 10 | UnionType                 | type
      LiteralType                | metadata                 | 6  | google.protobuf.Struct
      LiteralType                | annotation               | 9  | TypeAnnotation
      LiteralType                | structure                | 11 | TypeStructure

      # Interfaces and errors
      Variable                   | type                     | 1  | LiteralType
      Variable                   | description              | 2  | string
      VariableMap                | variables                | 1  | map<string,Variable>
      TypedInterface             | inputs                   | 1  | VariableMap
      TypedInterface             | outputs                  | 2  | VariableMap
      Parameter                  | var                      | 1  | Variable
      Parameter                  | default                  | 2  | Literal                   | behavior
      Parameter                  | required                 | 3  | bool                      | behavior
      ParameterMap               | parameters               | 1  | map<string,Parameter>
      ExecutionError
      ContainerError             | code                     | 1  | string
      ContainerError             | message                  | 2  | string
      ContainerError             | kind                     | 3  | ContainerError.Kind
      ContainerError             | origin                   | 4  | ExecutionError.ErrorKind
      ContainerError             | timestamp                | 5  | google.protobuf.Timestamp
      ContainerError             | worker                   | 6  | string
      ErrorDocument              | error                    | 1  | ContainerError

      # Tasks
      Identifier                 | resource_type            | 1  | ResourceType
      Identifier                 | project                  | 2  | string
      Identifier                 | domain                   | 3  | string
      Identifier                 | name                     | 4  | string
      Identifier                 | version                  | 5  | string
      Identifier                 | org                      | 6  | string
      Resources                  | requests                 | 1  | repeated Resources.ResourceEntry
      Resources                  | limits                   | 2  | repeated Resources.ResourceEntry
      Resources.ResourceEntry    | name                     | 1  | Resources.ResourceName
      Resources.ResourceEntry    | value                    | 2  | string
      RuntimeMetadata            | type                     | 1  | RuntimeMetadata.RuntimeType
      RuntimeMetadata            | version                  | 2  | string
      RuntimeMetadata            | flavor                   | 3  | string
      TaskMetadata               | discoverable             | 1  | bool
      TaskMetadata               | runtime                  | 2  | RuntimeMetadata
      TaskMetadata               | timeout                  | 4  | google.protobuf.Duration
      TaskMetadata               | retries                  | 5  | RetryStrategy
      TaskMetadata               | discovery_version        | 6  | string
      TaskMetadata               | deprecated_error_message | 7  | string
      TaskMetadata               | interruptible            | 8  | bool                      | interruptible_value
      TaskMetadata               | cache_serializable       | 9  | bool
      TaskMetadata               | tags                     | 11 | map<string,string>
      TaskMetadata               | pod_template_name        | 12 | string
      TaskMetadata               | cache_ignore_input_vars  | 13 | repeated string
      TaskMetadata               | is_eager                 | 14 | bool
      TaskMetadata               | generates_deck           | 15 | google.protobuf.BoolValue
      TaskMetadata               | metadata                 | 16 | K8sObjectMetadata
      Container                  | image                    | 1  | string
      Container                  | command                  | 2  | repeated string
      Container                  | args                     | 3  | repeated string
      Container                  | resources                | 4  | Resources
      Container                  | env                      | 5  | repeated KeyValuePair
      Container                  | config                   | 6  | repeated KeyValuePair
      Container                  | ports                    | 7  | repeated ContainerPort
      Container                  | data_config              | 9  | DataLoadingConfig
      Container                  | architecture             | 10 | Container.Architecture
      ContainerPort              | container_port           | 1  | uint32
      ContainerPort              | name                     | 2  | string
      TaskTemplate               | id                       | 1  | Identifier
      TaskTemplate               | type                     | 2  | string
      TaskTemplate               | metadata                 | 3  | TaskMetadata
      TaskTemplate               | interface                | 4  | TypedInterface
      TaskTemplate               | custom                   | 5  | google.protobuf.Struct
      TaskTemplate               | container                | 6  | Container                 | target
      TaskTemplate               | k8s_pod                  | 17 | K8sPod                    | target
      TaskTemplate               | sql                      | 18 | Sql                       | target
      TaskTemplate               | task_type_version        | 7  | int32
      TaskTemplate               | security_context         | 8  | SecurityContext
      TaskTemplate               | extended_resources       | 9  | ExtendedResources
      TaskTemplate               | config                   | 16 | map<string,string>

      # Tasks: CONTAINER.md section 5, the rest of TaskTemplate (numbers checked against flyteidl v1.16)
      GPUAccelerator             | device                   | 1  | string
      GPUAccelerator             | unpartitioned            | 2  | bool                      | partition_size_value
      GPUAccelerator             | partition_size           | 3  | string                    | partition_size_value
      SharedMemory               | mount_path               | 1  | string
      SharedMemory               | mount_name               | 2  | string
      SharedMemory               | size_limit               | 3  | string
      ExtendedResources          | gpu_accelerator          | 1  | GPUAccelerator
      ExtendedResources          | shared_memory            | 2  | SharedMemory
      K8sObjectMetadata          | labels                   | 1  | map<string,string>
      K8sObjectMetadata          | annotations              | 2  | map<string,string>
      IOStrategy                 | download_mode            | 1  | IOStrategy.DownloadMode
      IOStrategy                 | upload_mode              | 2  | IOStrategy.UploadMode
      DataLoadingConfig          | enabled                  | 1  | bool
      DataLoadingConfig          | input_path               | 2  | string
      DataLoadingConfig          | output_path              | 3  | string
      DataLoadingConfig          | format                   | 4  | DataLoadingConfig.LiteralMapFormat
      DataLoadingConfig          | io_strategy              | 5  | IOStrategy
      K8sPod                     | metadata                 | 1  | K8sObjectMetadata
      K8sPod                     | pod_spec                 | 2  | google.protobuf.Struct
      K8sPod                     | data_config              | 3  | DataLoadingConfig
      K8sPod                     | primary_container_name   | 4  | string
      Sql                        | statement                | 1  | string
      Sql                        | dialect                  | 2  | Sql.Dialect
      Secret                     | group                    | 1  | string
      Secret                     | group_version            | 2  | string
      Secret                     | key                      | 3  | string
      Secret                     | mount_requirement        | 4  | Secret.MountType
      Secret                     | env_var                  | 5  | string
      OAuth2Client               | client_id                | 1  | string
      OAuth2Client               | client_secret            | 2  | Secret
      Identity                   | iam_role                 | 1  | string
      Identity                   | k8s_service_account      | 2  | string
      Identity                   | oauth2_client            | 3  | OAuth2Client
      Identity                   | execution_identity       | 4  | string
      OAuth2TokenRequest         | name                     | 1  | string
      OAuth2TokenRequest         | type                     | 2  | OAuth2TokenRequest.Type
      OAuth2TokenRequest         | client                   | 3  | OAuth2Client
      OAuth2TokenRequest         | idp_discovery_endpoint   | 4  | string
      OAuth2TokenRequest         | token_endpoint           | 5  | string
      SecurityContext            | run_as                   | 1  | Identity
      SecurityContext            | secrets                  | 2  | repeated Secret
      SecurityContext            | tokens                   | 3  | repeated OAuth2TokenRequest

      # Bindings: CONTAINER.md section 6
      PromiseAttribute           | string_value             | 1  | string                    | value
      PromiseAttribute           | int_value                | 2  | int32                     | value
      OutputReference            | node_id                  | 1  | string
      OutputReference            | var                      | 2  | string
      OutputReference            | attr_path                | 3  | repeated PromiseAttribute
      UnionInfo                  | targetType               | 1  | LiteralType
      BindingDataCollection      | bindings                 | 1  | repeated BindingData
      BindingDataMap             | bindings                 | 1  | map<string,BindingData>
      BindingData                | scalar                   | 1  | Scalar                    | value
      BindingData                | collection               | 2  | BindingDataCollection     | value
      BindingData                | promise                  | 3  | OutputReference           | value
      BindingData                | map                      | 4  | BindingDataMap            | value
      BindingData                | offloaded_metadata       | 6  | LiteralOffloadedMetadata  | value
      BindingData                | union                    | 5  | UnionInfo
      Binding                    | var                      | 1  | string
      Binding                    | binding                  | 2  | BindingData

      # Conditions (flyteidl v1.16)
      ComparisonExpression       | operator                 | 1  | ComparisonExpression.Operator
      ComparisonExpression       | left_value               | 2  | Operand
      ComparisonExpression       | right_value              | 3  | Operand
      Operand                    | primitive                | 1  | Primitive                 | val
      Operand                    | var                      | 2  | string                    | val
      Operand                    | scalar                   | 3  | Scalar                    | val
      BooleanExpression          | conjunction              | 1  | ConjunctionExpression     | expr
      BooleanExpression          | comparison               | 2  | ComparisonExpression      | expr
      ConjunctionExpression      | operator                 | 1  | ConjunctionExpression.LogicalOperator
      ConjunctionExpression      | left_expression          | 2  | BooleanExpression
      ConjunctionExpression      | right_expression         | 3  | BooleanExpression

      # Execution settings (flyteidl v1.16)
      WorkflowExecution
      QualityOfServiceSpec       | queueing_budget          | 1  | google.protobuf.Duration
      QualityOfService           | tier                     | 1  | QualityOfService.Tier     | designation
      QualityOfService           | spec                     | 2  | QualityOfServiceSpec      | designation

      # Workflows: CONTAINER.md section 6 (branch and gate nodes from flyteidl v1.16)
      IfBlock                    | condition                | 1  | BooleanExpression
      IfBlock                    | then_node                | 2  | Node
      IfElseBlock                | case                     | 1  | IfBlock
      IfElseBlock                | other                    | 2  | repeated IfBlock
      IfElseBlock                | else_node                | 3  | Node                      | default
      IfElseBlock                | error                    | 4  | Error                     | default
      BranchNode                 | if_else                  | 1  | IfElseBlock
      TaskNode                   | reference_id             | 1  | Identifier                | reference
      TaskNode                   | overrides                | 2  | TaskNodeOverrides
      WorkflowNode               | launchplan_ref           | 1  | Identifier                | reference
      WorkflowNode               | sub_workflow_ref         | 2  | Identifier                | reference
      ApproveCondition           | signal_id                | 1  | string
      SignalCondition            | signal_id                | 1  | string
      SignalCondition            | type                     | 2  | LiteralType
      SignalCondition            | output_variable_name     | 3  | string
      SleepCondition             | duration                 | 1  | google.protobuf.Duration
      GateNode                   | approve                  | 1  | ApproveCondition          | condition
      GateNode                   | signal                   | 2  | SignalCondition           | condition
      GateNode                   | sleep                    | 3  | SleepCondition            | condition
      ArrayNode                  | node                     | 1  | Node
      ArrayNode                  | parallelism              | 2  | uint32                    | parallelism_option
      ArrayNode                  | min_successes            | 3  | uint32                    | success_criteria
      ArrayNode                  | min_success_ratio        | 4  | float                     | success_criteria
      ArrayNode                  | execution_mode           | 5  | ArrayNode.ExecutionMode
      ArrayNode                  | is_original_sub_node_interface | 6 | google.protobuf.BoolValue
      ArrayNode                  | data_mode                | 7  | ArrayNode.DataMode
      ArrayNode                  | bound_inputs             | 8  | repeated string
      ArrayNode                  | run_all_sub_nodes        | 9  | bool
      NodeMetadata               | name                     | 1  | string
      NodeMetadata               | timeout                  | 4  | google.protobuf.Duration
      NodeMetadata               | retries                  | 5  | RetryStrategy
      NodeMetadata               | interruptible            | 6  | bool                      | interruptible_value
      NodeMetadata               | cacheable                | 7  | bool                      | cacheable_value
      NodeMetadata               | cache_version            | 8  | string                    | cache_version_value
      NodeMetadata               | cache_serializable       | 9  | bool                      | cache_serializable_value
      NodeMetadata               | config                   | 10 | map<string,string>
      Alias                      | var                      | 1  | string
      Alias                      | alias                    | 2  | string
      Node                       | id                       | 1  | string
      Node                       | metadata                 | 2  | NodeMetadata
      Node                       | inputs                   | 3  | repeated Binding
      Node                       | upstream_node_ids        | 4  | repeated string
      Node                       | output_aliases           | 5  | repeated Alias
      Node                       | task_node                | 6  | TaskNode                  | target
      Node                       | workflow_node            | 7  | WorkflowNode              | target
      Node                       | branch_node              | 8  | BranchNode                | target
      Node                       | gate_node                | 9  | GateNode                  | target
      Node                       | array_node               | 10 | ArrayNode                 | target
      WorkflowMetadata           | quality_of_service       | 1  | QualityOfService
      WorkflowMetadata           | on_failure               | 2  | WorkflowMetadata.OnFailurePolicy
      WorkflowMetadata           | tags                     | 3  | map<string,string>
      WorkflowMetadataDefaults   | interruptible            | 1  | bool
      WorkflowTemplate           | id                       | 1  | Identifier
      WorkflowTemplate           | metadata                 | 2  | WorkflowMetadata
      WorkflowTemplate           | interface                | 3  | TypedInterface
      WorkflowTemplate           | nodes                    | 4  | repeated Node
      WorkflowTemplate           | outputs                  | 5  | repeated Binding
      WorkflowTemplate           | failure_node             | 6  | Node
      WorkflowTemplate           | metadata_defaults        | 7  | WorkflowMetadataDefaults
      TaskNodeOverrides          | resources                | 1  | Resources
      TaskNodeOverrides          | extended_resources       | 2  | ExtendedResources
      TaskNodeOverrides          | container_image          | 3  | string
      TaskNodeOverrides          | pod_template             | 4  | K8sPod
      DynamicJobSpec             | nodes                    | 1  | repeated Node
      DynamicJobSpec             | min_successes            | 2  | int64
      DynamicJobSpec             | outputs                  | 3  | repeated Binding
      DynamicJobSpec             | tasks                    | 4  | repeated TaskTemplate
      DynamicJobSpec             | subworkflows             | 5  | repeated WorkflowTemplate
      """;

  /**
   * The enums of WIRE.md and CONTAINER.md (and flyteidl v1.16): {@code enum | NAME number, ...} in
   * declaration order.
   */
  private static final String ENUMS =
      """
      SimpleType                                | NONE 0, INTEGER 1, FLOAT 2, STRING 3, BOOLEAN 4, DATETIME 5, DURATION 6, BINARY 7, ERROR 8, STRUCT 9
      SchemaType.SchemaColumn.SchemaColumnType  | INTEGER 0, FLOAT 1, STRING 2, BOOLEAN 3, DATETIME 4, DURATION 5
      BlobType.BlobDimensionality               | SINGLE 0, MULTIPART 1
      ContainerError.Kind                       | NON_RECOVERABLE 0, RECOVERABLE 1
      ExecutionError.ErrorKind                  | UNKNOWN 0, USER 1, SYSTEM 2
      ResourceType                              | UNSPECIFIED 0, TASK 1, WORKFLOW 2, LAUNCH_PLAN 3, DATASET 4
      Resources.ResourceName                    | UNKNOWN 0, CPU 1, GPU 2, MEMORY 3, STORAGE 4, EPHEMERAL_STORAGE 5
      RuntimeMetadata.RuntimeType               | OTHER 0, FLYTE_SDK 1
      Container.Architecture                    | UNKNOWN 0, AMD64 1, ARM64 2, ARM_V6 3, ARM_V7 4
      IOStrategy.DownloadMode                   | DOWNLOAD_EAGER 0, DOWNLOAD_STREAM 1, DO_NOT_DOWNLOAD 2
      IOStrategy.UploadMode                     | UPLOAD_ON_EXIT 0, UPLOAD_EAGER 1, DO_NOT_UPLOAD 2
      DataLoadingConfig.LiteralMapFormat        | JSON 0, YAML 1, PROTO 2
      Sql.Dialect                               | UNDEFINED 0, ANSI 1, HIVE 2, OTHER 3
      Secret.MountType                          | ANY 0, ENV_VAR 1, FILE 2
      OAuth2TokenRequest.Type                   | CLIENT_CREDENTIALS 0
      ComparisonExpression.Operator             | EQ 0, NEQ 1, GT 2, GTE 3, LT 4, LTE 5
      ConjunctionExpression.LogicalOperator     | AND 0, OR 1
      WorkflowExecution.Phase                   | UNDEFINED 0, QUEUED 1, RUNNING 2, SUCCEEDING 3, SUCCEEDED 4, FAILING 5, FAILED 6, ABORTED 7, TIMED_OUT 8, ABORTING 9
      QualityOfService.Tier                     | UNDEFINED 0, HIGH 1, MEDIUM 2, LOW 3
      ArrayNode.ExecutionMode                   | MINIMAL_STATE 0, FULL_STATE 1
      ArrayNode.DataMode                        | SINGLE_INPUT_FILE 0, INDIVIDUAL_INPUT_FILES 1
      WorkflowMetadata.OnFailurePolicy          | FAIL_IMMEDIATELY 0, FAIL_AFTER_EXECUTABLE_NODES_COMPLETE 1
      """;

  @Override
  String protoPackage() {
    return "flyteidl.core";
  }

  @Override
  String javaPackage() {
    return "dev.ferry.idl.core";
  }

  @Override
  String fields() {
    return FIELDS;
  }

  @Override
  String enums() {
    return ENUMS;
  }

  @Override
  Map<FileDescriptor, String> files() {
    Map<FileDescriptor, String> files = new LinkedHashMap<>();
    files.put(TypesProto.getDescriptor(), "TypesProto");
    files.put(LiteralsProto.getDescriptor(), "LiteralsProto");
    files.put(InterfaceProto.getDescriptor(), "InterfaceProto");
    files.put(ErrorsProto.getDescriptor(), "ErrorsProto");
    files.put(IdentifierProto.getDescriptor(), "IdentifierProto");
    files.put(TasksProto.getDescriptor(), "TasksProto");
    files.put(SecurityProto.getDescriptor(), "SecurityProto");
    files.put(ConditionProto.getDescriptor(), "ConditionProto");
    files.put(ExecutionProto.getDescriptor(), "ExecutionProto");
    files.put(WorkflowProto.getDescriptor(), "WorkflowProto");
    files.put(DynamicJobProto.getDescriptor(), "DynamicJobProto");
    return files;
  }

  @Test
  void tableCoversWireMdAndContainerMd() {
    assertThat(rows().stream().map(Row::message).distinct()).hasSize(88);
    assertThat(fieldRows()).hasSize(276);
    assertThat(enumRows()).hasSize(22);
  }

  @Test
  void literalReservesSixAndSeven() {
    // Ranges are [start, end): "reserved 6, 7;" is two ranges of one number each.
    assertThat(Literal.getDescriptor().toProto().getReservedRangeList())
        .flatExtracting(r -> IntStream.range(r.getStart(), r.getEnd()).boxed().toList())
        .containsExactly(6, 7);
  }

  @Test
  void taskMetadataReservesTen() {
    assertThat(TaskMetadata.getDescriptor().toProto().getReservedRangeList())
        .flatExtracting(r -> IntStream.range(r.getStart(), r.getEnd()).boxed().toList())
        .containsExactly(10);
  }

  @Test
  void generatedJavaEnumsCarryTheWireNumbers() {
    assertThat(SimpleType.STRUCT.getNumber()).isEqualTo(9);
    assertThat(ContainerError.Kind.RECOVERABLE.getNumber()).isEqualTo(1);
    assertThat(ExecutionError.ErrorKind.USER.getNumber()).isEqualTo(1);
    assertThat(ResourceType.LAUNCH_PLAN.getNumber()).isEqualTo(3);
    assertThat(Resources.ResourceName.EPHEMERAL_STORAGE.getNumber()).isEqualTo(5);
    assertThat(Container.Architecture.ARM_V7.getNumber()).isEqualTo(4);
    assertThat(TaskMetadata.getDescriptor().findFieldByName("interruptible").getContainingOneof())
        .isNotNull();
  }
}
