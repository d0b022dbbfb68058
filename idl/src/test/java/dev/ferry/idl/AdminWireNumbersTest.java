package dev.ferry.idl;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FileDescriptor;
import dev.ferry.idl.admin.CommonProto;
import dev.ferry.idl.admin.DescriptionEntityProto;
import dev.ferry.idl.admin.LaunchPlanProto;
import dev.ferry.idl.admin.LaunchPlanSpec;
import dev.ferry.idl.admin.ScheduleProto;
import dev.ferry.idl.admin.TaskProto;
import dev.ferry.idl.admin.WorkflowProto;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The registration messages of package {@code flyteidl.admin} (CONTAINER.md section 6; schedules,
 * notifications and descriptions with flyteidl v1.16's numbers), checked against the descriptors of
 * the generated classes.
 */
class AdminWireNumbersTest extends WireTable {

  private static final String FIELDS =
      """
      # Common
      EmailNotification          | recipients_email         | 1  | repeated string
      EmailNotification          | template                 | 2  | string
      PagerDutyNotification      | recipients_email         | 1  | repeated string
      PagerDutyNotification      | template                 | 2  | string
      SlackNotification          | recipients_email         | 1  | repeated string
      SlackNotification          | template                 | 2  | string
      Notification               | phases                   | 1  | repeated flyteidl.core.WorkflowExecution.Phase
      Notification               | email                    | 2  | EmailNotification         | type
      Notification               | pager_duty               | 3  | PagerDutyNotification     | type
      Notification               | slack                    | 4  | SlackNotification         | type
      Labels                     | values                   | 1  | map<string,string>
      Annotations                | values                   | 1  | map<string,string>
      Envs                       | values                   | 1  | repeated flyteidl.core.KeyValuePair
      RawOutputDataConfig        | output_location_prefix   | 1  | string

      # Schedules
      FixedRate                  | value                    | 1  | uint32
      FixedRate                  | unit                     | 2  | FixedRateUnit
      CronSchedule               | schedule                 | 1  | string
      CronSchedule               | offset                   | 2  | string
      Schedule                   | cron_expression          | 1  | string                    | ScheduleExpression
      Schedule                   | rate                     | 2  | FixedRate                 | ScheduleExpression
      Schedule                   | cron_schedule            | 4  | CronSchedule              | ScheduleExpression
      Schedule                   | kickoff_time_input_arg   | 3  | string

      # Descriptions
      Description                | value                    | 1  | string                    | content
      Description                | uri                      | 2  | string                    | content
      Description                | format                   | 3  | DescriptionFormat
      Description                | icon_link                | 4  | string
      SourceCode                 | link                     | 1  | string
      DescriptionEntity          | id                       | 1  | flyteidl.core.Identifier
      DescriptionEntity          | short_description        | 2  | string
      DescriptionEntity          | long_description         | 3  | Description
      DescriptionEntity          | source_code              | 4  | SourceCode
      DescriptionEntity          | tags                     | 5  | repeated string

      # Tasks and workflows
      TaskSpec                   | template                 | 1  | flyteidl.core.TaskTemplate
      TaskSpec                   | description              | 2  | DescriptionEntity
      TaskCreateRequest          | id                       | 1  | flyteidl.core.Identifier
      TaskCreateRequest          | spec                     | 2  | TaskSpec
      WorkflowSpec               | template                 | 1  | flyteidl.core.WorkflowTemplate
      WorkflowSpec               | sub_workflows            | 2  | repeated flyteidl.core.WorkflowTemplate
      WorkflowSpec               | description              | 3  | DescriptionEntity
      WorkflowCreateRequest      | id                       | 1  | flyteidl.core.Identifier
      WorkflowCreateRequest      | spec                     | 2  | WorkflowSpec

      # Launch plans
      LaunchPlan                 | id                       | 1  | flyteidl.core.Identifier
      LaunchPlan                 | spec                     | 2  | LaunchPlanSpec
      LaunchPlan                 | closure                  | 3  | LaunchPlanClosure
      LaunchPlanSpec             | workflow_id              | 1  | flyteidl.core.Identifier
      LaunchPlanSpec             | entity_metadata          | 2  | LaunchPlanMetadata
      LaunchPlanSpec             | default_inputs           | 3  | flyteidl.core.ParameterMap
      LaunchPlanSpec             | fixed_inputs             | 4  | flyteidl.core.LiteralMap
      LaunchPlanSpec             | labels                   | 6  | Labels
      LaunchPlanSpec             | annotations              | 7  | Annotations
      LaunchPlanSpec             | security_context         | 10 | flyteidl.core.SecurityContext
      LaunchPlanSpec             | quality_of_service       | 16 | flyteidl.core.QualityOfService
      LaunchPlanSpec             | raw_output_data_config   | 17 | RawOutputDataConfig
      LaunchPlanSpec             | max_parallelism          | 18 | int32
      LaunchPlanSpec             | interruptible            | 19 | google.protobuf.BoolValue
      LaunchPlanSpec             | overwrite_cache          | 20 | bool
      LaunchPlanSpec             | envs                     | 21 | Envs
      LaunchPlanClosure          | state                    | 1  | LaunchPlanState
      LaunchPlanClosure          | expected_inputs          | 2  | flyteidl.core.ParameterMap
      LaunchPlanClosure          | expected_outputs         | 3  | flyteidl.core.VariableMap
      LaunchPlanClosure          | created_at               | 4  | google.protobuf.Timestamp
      LaunchPlanClosure          | updated_at               | 5  | google.protobuf.Timestamp
      LaunchPlanMetadata         | schedule                 | 1  | Schedule
      LaunchPlanMetadata         | notifications            | 2  | repeated Notification
      LaunchPlanMetadata         | launch_conditions        | 3  | google.protobuf.Any
      LaunchPlanCreateRequest    | id                       | 1  | flyteidl.core.Identifier
      LaunchPlanCreateRequest    | spec                     | 2  | LaunchPlanSpec
      """;

  private static final String ENUMS =
      """
      FixedRateUnit              | MINUTE 0, HOUR 1, DAY 2
      DescriptionFormat          | DESCRIPTION_FORMAT_UNKNOWN 0, DESCRIPTION_FORMAT_MARKDOWN 1, DESCRIPTION_FORMAT_HTML 2, DESCRIPTION_FORMAT_RST 3
      LaunchPlanState            | INACTIVE 0, ACTIVE 1
      """;

  @Override
  String protoPackage() {
    return "flyteidl.admin";
  }

  @Override
  String javaPackage() {
    return "dev.ferry.idl.admin";
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
    files.put(CommonProto.getDescriptor(), "CommonProto");
    files.put(ScheduleProto.getDescriptor(), "ScheduleProto");
    files.put(DescriptionEntityProto.getDescriptor(), "DescriptionEntityProto");
    files.put(TaskProto.getDescriptor(), "TaskProto");
    files.put(WorkflowProto.getDescriptor(), "WorkflowProto");
    files.put(LaunchPlanProto.getDescriptor(), "LaunchPlanProto");
    return files;
  }

  @Test
  void tableCoversContainerMdSectionSix() {
    assertThat(rows().stream().map(Row::message).distinct()).hasSize(23);
    assertThat(fieldRows()).hasSize(67);
    assertThat(enumRows()).hasSize(3);
  }

  @Test
  void launchPlanSpecReservesTheDeprecatedRoleAndAuthFields() {
    assertThat(LaunchPlanSpec.getDescriptor().toProto().getReservedRangeList())
        .flatExtracting(r -> IntStream.range(r.getStart(), r.getEnd()).boxed().toList())
        .containsExactly(5, 8, 9);
  }
}
