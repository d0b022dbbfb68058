package dev.ferry.idl;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the descriptors of one protobuf package against tables of field numbers, types and oneof
 * membership of every message, and the numbers of every enum. A subclass gives the tables, the
 * package and the .proto files with their Java outer class names.
 *
 * <p>The field table has one field a line: {@code message | field | number | type | oneof}. Names
 * are relative to the package (nested ones dotted); types are written as in WIRE.md ({@code int64},
 * {@code repeated T}, {@code map<K,V>}, a message or enum name; names of other packages in full). A
 * line with only a message name declares a message without fields. The enum table has one enum a
 * line: {@code enum | NAME number, ...} in declaration order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WireTable {

  /** Returns the protobuf package checked. */
  abstract String protoPackage();

  /** Returns the Java package every file must have. */
  abstract String javaPackage();

  /** Returns the field table. */
  abstract String fields();

  /** Returns the enum table. */
  abstract String enums();

  /** Returns the .proto files of the package and the java_outer_classname each must have. */
  abstract Map<FileDescriptor, String> files();

  /** One field row; {@code field} is null for a message without fields. */
  record Row(String message, String field, int number, String type, String oneof) {
    @Override
    public String toString() {
      return field == null ? message + " (no fields)" : message + "." + field + " = " + number;
    }
  }

  List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (String line : fields().lines().map(String::strip).toList()) {
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

  Stream<Row> fieldRows() {
    return rows().stream().filter(r -> r.field() != null);
  }

  Stream<String[]> enumRows() {
    return enums()
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
    for (FileDescriptor file : files().keySet()) {
      file.getMessageTypes().forEach(m -> collectMessages(m, declared));
    }
    assertThat(declared)
        .containsExactlyInAnyOrderElementsOf(rows().stream().map(Row::message).distinct().toList());
  }

  @Test
  void filesHaveThePackageAndFerryJavaNames() {
    String dir = protoPackage().replace('.', '/') + "/";
    files()
        .forEach(
            (file, outerName) -> {
              assertThat(file.getPackage()).as(file.getName()).isEqualTo(protoPackage());
              assertThat(file.getName()).startsWith(dir).endsWith(".proto");
              assertThat(file.toProto().getSyntax()).as(file.getName()).isEqualTo("proto3");
              assertThat(file.getOptions().getJavaPackage()).isEqualTo(javaPackage());
              assertThat(file.getOptions().getJavaMultipleFiles()).isTrue();
              assertThat(file.getOptions().getJavaOuterClassname()).isEqualTo(outerName);
              assertThat(file.getOptions().hasGoPackage()).as(file.getName()).isFalse();
            });
  }

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
    for (FileDescriptor file : files().keySet()) {
      file.getEnumTypes().forEach(e -> declared.add(relative(e.getFullName())));
      List<String> messages = new ArrayList<>();
      file.getMessageTypes().forEach(m -> collectMessages(m, messages));
      messages.forEach(
          m -> message(m).getEnumTypes().forEach(e -> declared.add(relative(e.getFullName()))));
    }
    assertThat(declared).containsExactlyInAnyOrderElementsOf(enumRows().map(r -> r[0]).toList());
  }

  // helpers

  Descriptor message(String relativeName) {
    Descriptor found = null;
    for (FileDescriptor file : files().keySet()) {
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
    assertThat(found).as("message %s.%s", protoPackage(), relativeName).isNotNull();
    return found;
  }

  private EnumDescriptor enumType(String relativeName) {
    int dot = relativeName.lastIndexOf('.');
    if (dot < 0) {
      for (FileDescriptor file : files().keySet()) {
        EnumDescriptor e = file.findEnumTypeByName(relativeName);
        if (e != null) {
          return e;
        }
      }
      throw new AssertionError("enum " + protoPackage() + "." + relativeName + " not found");
    }
    EnumDescriptor e =
        message(relativeName.substring(0, dot)).findEnumTypeByName(relativeName.substring(dot + 1));
    assertThat(e).as("enum %s.%s", protoPackage(), relativeName).isNotNull();
    return e;
  }

  /** Adds a message and its nested messages by relative name, skipping map-entry messages. */
  private void collectMessages(Descriptor message, List<String> out) {
    if (message.getOptions().getMapEntry()) {
      return;
    }
    out.add(relative(message.getFullName()));
    message.getNestedTypes().forEach(n -> collectMessages(n, out));
  }

  /** The field's type as the tables write it. */
  private String typeName(FieldDescriptor field) {
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

  private String relative(String fullName) {
    String prefix = protoPackage() + ".";
    return fullName.startsWith(prefix) ? fullName.substring(prefix.length()) : fullName;
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
