package dev.ferry.idl;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import dev.ferry.idl.core.Container;
import dev.ferry.idl.core.ContainerError;
import dev.ferry.idl.core.ErrorsProto;
import dev.ferry.idl.core.ExecutionError;
import dev.ferry.idl.core.IdentifierProto;
import dev.ferry.idl.core.InterfaceProto;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralsProto;
import dev.ferry.idl.core.ResourceType;
import dev.ferry.idl.core.Resources;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.idl.core.TaskMetadata;
import dev.ferry.idl.core.TasksProto;
import dev.ferry.idl.core.TypesProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the tables in the interop folder's WIRE.md, checked against the descriptors of the
 * generated classes: field numbers, types and oneof membership of every message, and the numbers of
 * every enum.
 */
class WireNumbersTest {

  private static final String PACKAGE = "flyteidl.core";

  /**
   * WIRE.md's message tables, one field a line: {@code message | field | number | type | oneof}.
   * Names are relative to {@code flyteidl.core} (nested ones dotted); types are written as in
   * WIRE.md ({@code int64}, {@code repeated T}, {@code map<K,V>}, a message or enum name). A line
   * with only a message name declares a message without fields.
   */
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
      Container                  | image                    | 1  | string
      Container                  | command                  | 2  | repeated string
      Container                  | args                     | 3  | repeated string
      Container                  | resources                | 4  | Resources
      Container                  | env                      | 5  | repeated KeyValuePair
      Container                  | ports                    | 7  | repeated ContainerPort
      Container                  | architecture             | 10 | Container.Architecture
      ContainerPort              | container_port           | 1  | uint32
      ContainerPort              | name                     | 2  | string
      TaskTemplate               | id                       | 1  | Identifier
      TaskTemplate               | type                     | 2  | string
      TaskTemplate               | metadata                 | 3  | TaskMetadata
      TaskTemplate               | interface                | 4  | TypedInterface
      TaskTemplate               | custom                   | 5  | google.protobuf.Struct
      TaskTemplate               | container                | 6  | Container                 | target
      TaskTemplate               | task_type_version        | 7  | int32
      TaskTemplate               | config                   | 16 | map<string,string>
      """;

  /** WIRE.md's enums: {@code enum | NAME number, ...} in declaration order. */
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
      """;

  /** The .proto files and the java_outer_classname each must have. */
  private static final Map<FileDescriptor, String> FILES = new LinkedHashMap<>();

  static {
    FILES.put(TypesProto.getDescriptor(), "TypesProto");
    FILES.put(LiteralsProto.getDescriptor(), "LiteralsProto");
    FILES.put(InterfaceProto.getDescriptor(), "InterfaceProto");
    FILES.put(ErrorsProto.getDescriptor(), "ErrorsProto");
    FILES.put(IdentifierProto.getDescriptor(), "IdentifierProto");
    FILES.put(TasksProto.getDescriptor(), "TasksProto");
  }

  /** One field row of {@link #FIELDS}; {@code field} is null for a message without fields. */
  record Row(String message, String field, int number, String type, String oneof) {
    @Override
    public String toString() {
      return field == null ? message + " (no fields)" : message + "." + field + " = " + number;
    }
  }

  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (String line : FIELDS.lines().map(String::strip).toList()) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] c = line.split("\\s*\\|\\s*");
      if (c.length == 1) {
        rows.add(new Row(c[0], null, 0, null, null));
      } else {
        rows.add(new Row(c[0], c[1], Integer.parseInt(c[2]), c[3], c.length > 4 ? c[4] : null));
      }
    }
    return rows;
  }

  static Stream<Row> fieldRows() {
    return rows().stream().filter(r -> r.field() != null);
  }

  static Stream<String[]> enumRows() {
    return ENUMS
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .map(l -> l.split("\\s*\\|\\s*"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fieldRows")
  void fieldHasWireNumberTypeAndOneof(Row row) {
    FieldDescriptor field = message(row.message()).findFieldByName(row.field());

    assertThat(field).as("%s exists", row).isNotNull();
    assertThat(field.getNumber()).as("number of %s", row).isEqualTo(row.number());
    assertThat(typeName(field)).as("type of %s", row).isEqualTo(row.type());
    OneofDescriptor oneof = field.getRealContainingOneof();
    assertThat(oneof == null ? null : oneof.getName())
        .as("oneof of %s", row)
        .isEqualTo(row.oneof());
    assertThat(field.getJsonName()).as("JSON name of %s", row).isEqualTo(lowerCamel(row.field()));
  }

  @Test
  void tableCoversWireMd() {
    List<Row> rows = rows();
    assertThat(rows.stream().map(Row::message).distinct()).hasSize(43);
    assertThat(fieldRows()).hasSize(129);
    assertThat(enumRows()).hasSize(9);
  }

  @Test
  void messagesHaveExactlyTheListedFieldsAndOneofs() {
    Map<String, List<Row>> byMessage =
        rows().stream()
            .collect(Collectors.groupingBy(Row::message, LinkedHashMap::new, Collectors.toList()));
    byMessage.forEach(
        (name, rows) -> {
          Descriptor message = message(name);
          List<Row> fields = rows.stream().filter(r -> r.field() != null).toList();
          assertThat(message.getFields())
              .as("fields of %s", name)
              .extracting(FieldDescriptor::getName)
              .containsExactlyInAnyOrderElementsOf(fields.stream().map(Row::field).toList());
          assertThat(message.getRealOneofs())
              .as("oneofs of %s", name)
              .extracting(OneofDescriptor::getName)
              .containsExactlyInAnyOrderElementsOf(
                  fields.stream().map(Row::oneof).filter(o -> o != null).distinct().toList());
        });
  }

  @Test
  void everyMessageOfTheFilesIsInTheTable() {
    List<String> declared = new ArrayList<>();
    for (FileDescriptor file : FILES.keySet()) {
      file.getMessageTypes().forEach(m -> collectMessages(m, declared));
    }
    assertThat(declared)
        .containsExactlyInAnyOrderElementsOf(rows().stream().map(Row::message).distinct().toList());
  }

  @Test
  void literalReservesSixAndSeven() {
    // Ranges are [start, end): "reserved 6, 7;" is two ranges of one number each.
    assertThat(Literal.getDescriptor().toProto().getReservedRangeList())
        .flatExtracting(r -> IntStream.range(r.getStart(), r.getEnd()).boxed().toList())
        .containsExactly(6, 7);
  }

  @Test
  void filesArePackageFlyteidlCoreWithFerryJavaNames() {
    FILES.forEach(
        (file, outerName) -> {
          assertThat(file.getPackage()).as(file.getName()).isEqualTo(PACKAGE);
          assertThat(file.getName()).startsWith("flyteidl/core/").endsWith(".proto");
          assertThat(file.toProto().getSyntax()).as(file.getName()).isEqualTo("proto3");
          assertThat(file.getOptions().getJavaPackage()).isEqualTo("dev.ferry.idl.core");
          assertThat(file.getOptions().getJavaMultipleFiles()).isTrue();
          assertThat(file.getOptions().getJavaOuterClassname()).isEqualTo(outerName);
          assertThat(file.getOptions().hasGoPackage()).as(file.getName()).isFalse();
        });
  }

  // Enums

  @ParameterizedTest(name = "{0}")
  @MethodSource("enumRows")
  void enumHasWireNumbers(String name, String expected) {
    EnumDescriptor descriptor = enumType(name);
    String actual =
        descriptor.getValues().stream()
            .map(v -> v.getName() + " " + v.getNumber())
            .collect(Collectors.joining(", "));
    assertThat(actual).as(name).isEqualTo(expected);
  }

  @Test
  void everyEnumOfTheFilesIsInTheTable() {
    List<String> declared = new ArrayList<>();
    for (FileDescriptor file : FILES.keySet()) {
      file.getEnumTypes().forEach(e -> declared.add(relative(e.getFullName())));
      List<String> messages = new ArrayList<>();
      file.getMessageTypes().forEach(m -> collectMessages(m, messages));
      messages.forEach(
          m -> message(m).getEnumTypes().forEach(e -> declared.add(relative(e.getFullName()))));
    }
    assertThat(declared).containsExactlyInAnyOrderElementsOf(enumRows().map(r -> r[0]).toList());
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

  // helpers

  private static Descriptor message(String relativeName) {
    Descriptor found = null;
    for (FileDescriptor file : FILES.keySet()) {
      String[] parts = relativeName.split("\\.");
      Descriptor d = file.findMessageTypeByName(parts[0]);
      for (int i = 1; d != null && i < parts.length; i++) {
        d = d.findNestedTypeByName(parts[i]);
      }
      if (d != null) {
        assertThat(found).as("%s declared once", relativeName).isNull();
        found = d;
      }
    }
    assertThat(found).as("message %s.%s", PACKAGE, relativeName).isNotNull();
    return found;
  }

  private static EnumDescriptor enumType(String relativeName) {
    int dot = relativeName.lastIndexOf('.');
    if (dot < 0) {
      for (FileDescriptor file : FILES.keySet()) {
        EnumDescriptor e = file.findEnumTypeByName(relativeName);
        if (e != null) {
          return e;
        }
      }
      throw new AssertionError("enum " + PACKAGE + "." + relativeName + " not found");
    }
    EnumDescriptor e =
        message(relativeName.substring(0, dot)).findEnumTypeByName(relativeName.substring(dot + 1));
    assertThat(e).as("enum %s.%s", PACKAGE, relativeName).isNotNull();
    return e;
  }

  /** Adds a message and its nested messages by relative name, skipping map-entry messages. */
  private static void collectMessages(Descriptor message, List<String> out) {
    if (message.getOptions().getMapEntry()) {
      return;
    }
    out.add(relative(message.getFullName()));
    message.getNestedTypes().forEach(n -> collectMessages(n, out));
  }

  /** The field's type as WIRE.md writes it. */
  private static String typeName(FieldDescriptor field) {
    if (field.isMapField()) {
      Descriptor entry = field.getMessageType();
      return "map<"
          + typeName(entry.findFieldByName("key"))
          + ","
          + typeName(entry.findFieldByName("value"))
          + ">";
    }
    String base =
        switch (field.getJavaType()) {
          case MESSAGE -> relative(field.getMessageType().getFullName());
          case ENUM -> relative(field.getEnumType().getFullName());
          default -> field.getType().name().toLowerCase(Locale.ROOT);
        };
    return field.isRepeated() ? "repeated " + base : base;
  }

  private static String relative(String fullName) {
    return fullName.startsWith(PACKAGE + ".") ? fullName.substring(PACKAGE.length() + 1) : fullName;
  }

  private static String lowerCamel(String snake) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char ch : snake.toCharArray()) {
      if (ch == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(ch) : ch);
        upper = false;
      }
    }
    return out.toString();
  }
}
