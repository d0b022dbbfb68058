package dev.ferry.schema;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.ferry.idl.core.BlobType;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.idl.core.TypedInterface;
import dev.ferry.idl.core.Variable;
import dev.ferry.idl.core.VariableMap;
import dev.ferry.transformers.EnumValue;
import dev.ferry.transformers.FieldName;
import dev.ferry.transformers.blob.FlyteDirectory;
import dev.ferry.transformers.blob.FlyteFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.SourceVersion;
import org.jspecify.annotations.Nullable;

/**
 * Generates Java {@code record} and {@code enum} sources (with JavaPoet) from types another SDK
 * wrote, so a Java task consumes a Python task's values with types checked at compile time.
 *
 * <ul>
 *   <li>A dataclass-shaped type ({@code STRUCT} with {@code dataclass_type} and its JSON Schema in
 *       {@code metadata}) becomes a record named by the schema's {@code title}; each field a
 *       component, snake_case names as camelCase with {@link FieldName} keeping the wire name.
 *   <li>{@code Optional[T]} (a union of {@code T} and none) becomes {@code Optional<T>}; lists
 *       {@code List}, typed dicts {@code Map<String, T>}, untyped dicts {@code Map<String,
 *       Object>}; nested dataclasses their own records; enums an {@code enum} named after the
 *       field, constants carrying {@link EnumValue}; files {@link FlyteFile}, directories {@link
 *       FlyteDirectory}; datetimes {@link Instant} ({@link LocalDate} for a {@code date} format),
 *       durations {@link Duration}.
 *   <li>A {@code TypedInterface} becomes records {@code <Task>Inputs} and {@code <Task>Outputs}.
 * </ul>
 *
 * <p>Other unions and structured datasets are not generated yet: they fail with a message naming
 * the field.
 *
 * <pre>{@code
 * JavaSourceGenerator gen = new JavaSourceGenerator("com.example.orders");
 * gen.addRecord("Order", literalType);
 * gen.writeTo(Path.of("src/main/java"));
 * }</pre>
 */
public final class JavaSourceGenerator {
  private static final ClassName OPTIONAL = ClassName.get(Optional.class);
  private static final ClassName LIST = ClassName.get(List.class);
  private static final ClassName MAP = ClassName.get(Map.class);
  private static final TypeName STRING = ClassName.get(String.class);

  private final String packageName;
  private final Map<String, TypeSpec> types = new LinkedHashMap<>();
  private final Map<String, Object> shapes = new LinkedHashMap<>();

  /** Creates a generator writing into {@code packageName}. */
  public JavaSourceGenerator(String packageName) {
    if (!packageName.isEmpty() && !SourceVersion.isName(packageName)) {
      throw new IllegalArgumentException("not a Java package name: '" + packageName + "'");
    }
    this.packageName = packageName;
  }

  /**
   * Adds a record for dataclass-shaped {@code type} (and the records and enums it uses); returns
   * its class name: the schema's title, else {@code name}.
   */
  public ClassName addRecord(String name, LiteralType type) {
    if (type.getSimple() != SimpleType.STRUCT || !isRecord(type, schemaOf(type))) {
      throw new IllegalArgumentException(
          "expected a dataclass-shaped type (STRUCT with dataclass_type or a JSON Schema with"
              + " properties) for "
              + name
              + " but was "
              + JsonValues.name(type));
    }
    return record(type, schemaOf(type), name, name);
  }

  /**
   * Adds records {@code <task>Inputs} and {@code <task>Outputs} for a task's interface (the latter
   * only if it has outputs); returns their names.
   */
  public List<ClassName> addInterface(String task, TypedInterface ti) {
    String base = pascal(task);
    List<ClassName> names = new ArrayList<>();
    names.add(variables(base + "Inputs", ti.getInputs()));
    if (ti.getOutputs().getVariablesCount() > 0) {
      names.add(variables(base + "Outputs", ti.getOutputs()));
    }
    return names;
  }

  /** Returns one Java file per generated type, in the order they were added. */
  public List<JavaFile> files() {
    List<JavaFile> files = new ArrayList<>();
    for (TypeSpec t : types.values()) {
      files.add(
          JavaFile.builder(packageName, t)
              .addFileComment("Generated by Ferry from a Flyte type. Do not edit.")
              .skipJavaLangImports(true)
              .build());
    }
    return files;
  }

  /** Writes the generated sources under {@code sourceRoot} (package directories created). */
  public void writeTo(Path sourceRoot) throws IOException {
    for (JavaFile f : files()) {
      f.writeTo(sourceRoot);
    }
  }

  private ClassName variables(String name, VariableMap vars) {
    List<Component> components = new ArrayList<>();
    for (String v : new TreeSet<>(vars.getVariablesMap().keySet())) {
      Variable var = vars.getVariablesOrThrow(v);
      components.add(new Component(v, javaType(var.getType(), null, v, name, false)));
    }
    return define(name, vars, components, null);
  }

  private record Component(String wireName, TypeName type) {}

  private ClassName record(LiteralType type, Struct schema, String hint, String where) {
    String name = pascal(title(schema, hint));
    Map<String, LiteralType> fields = type.getStructure().getDataclassTypeMap();
    Map<String, Value> properties = properties(schema);
    List<String> order =
        fields.isEmpty() ? new ArrayList<>(fieldOrder(schema)) : JsonMsgpack.fieldOrder(type);
    List<Component> components = new ArrayList<>();
    for (String field : order) {
      Value p = properties.get(field);
      Struct fieldSchema = p != null && p.hasStructValue() ? p.getStructValue() : null;
      LiteralType fieldType = fields.get(field);
      TypeName t = javaType(fieldType, fieldSchema, field, name + "." + field, false);
      components.add(new Component(field, t));
    }
    return define(name, List.of(type, schema), components, title(schema, ""));
  }

  private ClassName define(
      String name, Object shape, List<Component> components, @Nullable String title) {
    ClassName cls = ClassName.get(packageName, name);
    Object existing = shapes.get(name);
    if (existing != null) {
      if (existing.equals(shape)) {
        return cls;
      }
      int i = 2;
      while (shapes.containsKey(name + i) && !shapes.get(name + i).equals(shape)) {
        i++;
      }
      return define(name + i, shape, components, title);
    }
    shapes.put(name, shape);
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
    Set<String> used = new LinkedHashSet<>();
    for (Component c : components) {
      String javaName = camel(c.wireName());
      while (!used.add(javaName)) {
        javaName = javaName + "_";
      }
      ParameterSpec.Builder p = ParameterSpec.builder(c.type(), javaName);
      if (!javaName.equals(c.wireName())) {
        p.addAnnotation(
            AnnotationSpec.builder(FieldName.class).addMember("value", "$S", c.wireName()).build());
      }
      ctor.addParameter(p.build());
    }
    TypeSpec.Builder spec =
        TypeSpec.recordBuilder(name)
            .addModifiers(javax.lang.model.element.Modifier.PUBLIC)
            .recordConstructor(ctor.build());
    if (title != null && !title.isEmpty() && !title.equals(name)) {
      spec.addJavadoc("The dataclass {@code $L}.\n", title);
    }
    types.put(name, spec.build());
    return cls;
  }

  private TypeName javaType(
      @Nullable LiteralType type,
      @Nullable Struct schema,
      String field,
      String where,
      boolean boxed) {
    if (type == null) {
      if (schema == null) {
        throw unsupported(where, "a field without a type or schema");
      }
      return schemaType(schema, field, where, boxed);
    }
    switch (type.getTypeCase()) {
      case SIMPLE:
        return simple(type, schema, field, where, boxed);
      case COLLECTION_TYPE:
        return ParameterizedTypeName.get(
            LIST,
            javaType(type.getCollectionType(), sub(schema, "items"), field, where + "[]", true));
      case MAP_VALUE_TYPE:
        return ParameterizedTypeName.get(
            MAP,
            STRING,
            javaType(
                type.getMapValueType(),
                sub(schema, "additionalProperties"),
                field,
                where + "{}",
                true));
      case ENUM_TYPE:
        return enumType(type.getEnumType().getValuesList(), schema, field);
      case UNION_TYPE:
        {
          List<LiteralType> variants = type.getUnionType().getVariantsList();
          if (variants.size() == 2 && isNone(variants.get(1)) && !isNone(variants.get(0))) {
            Struct inner = null;
            if (schema != null && schema.containsFields("anyOf")) {
              inner = schema.getFieldsOrThrow("anyOf").getListValue().getValues(0).getStructValue();
            }
            return ParameterizedTypeName.get(
                OPTIONAL, javaType(variants.get(0), inner, field, where, true));
          }
          throw unsupported(where, "a union of " + JsonValues.variantNames(type));
        }
      case BLOB:
        return ClassName.get(
            type.getBlob().getDimensionality() == BlobType.BlobDimensionality.MULTIPART
                ? FlyteDirectory.class
                : FlyteFile.class);
      default:
        throw unsupported(where, JsonValues.name(type));
    }
  }

  private TypeName simple(
      LiteralType type, @Nullable Struct schema, String field, String where, boolean boxed) {
    switch (type.getSimple()) {
      case INTEGER:
        return boxed ? TypeName.LONG.box() : TypeName.LONG;
      case FLOAT:
        return boxed ? TypeName.DOUBLE.box() : TypeName.DOUBLE;
      case BOOLEAN:
        return boxed ? TypeName.BOOLEAN.box() : TypeName.BOOLEAN;
      case STRING:
        return STRING;
      case DATETIME:
        return ClassName.get(
            schema != null && "date".equals(string(schema, "format"))
                ? LocalDate.class
                : Instant.class);
      case DURATION:
        return ClassName.get(Duration.class);
      case BINARY:
        return TypeName.get(byte[].class);
      case STRUCT:
        {
          Struct s = type.hasMetadata() ? type.getMetadata() : schema;
          if (s != null && isRecord(type, s)) {
            return record(type, s, field, where);
          }
          return ParameterizedTypeName.get(MAP, STRING, ClassName.OBJECT);
        }
      default:
        throw unsupported(where, JsonValues.name(type));
    }
  }

  private TypeName schemaType(Struct schema, String field, String where, boolean boxed) {
    if (schema.containsFields("enum")) {
      List<String> values = new ArrayList<>();
      schema
          .getFieldsOrThrow("enum")
          .getListValue()
          .getValuesList()
          .forEach(v -> values.add(v.getStringValue()));
      return enumType(values, schema, field);
    }
    if (schema.containsFields("anyOf")) {
      List<Value> options = schema.getFieldsOrThrow("anyOf").getListValue().getValuesList();
      if (options.size() == 2 && "null".equals(string(options.get(1).getStructValue(), "type"))) {
        return ParameterizedTypeName.get(
            OPTIONAL, schemaType(options.get(0).getStructValue(), field, where, true));
      }
      throw unsupported(where, "an anyOf other than an optional");
    }
    String t = string(schema, "type");
    String format = string(schema, "format");
    switch (t) {
      case "integer":
        return boxed ? TypeName.LONG.box() : TypeName.LONG;
      case "number":
        if ("time-delta".equals(format)) {
          return ClassName.get(Duration.class);
        }
        return boxed ? TypeName.DOUBLE.box() : TypeName.DOUBLE;
      case "boolean":
        return boxed ? TypeName.BOOLEAN.box() : TypeName.BOOLEAN;
      case "string":
        if ("date-time".equals(format)) {
          return ClassName.get(Instant.class);
        } else if ("date".equals(format)) {
          return ClassName.get(LocalDate.class);
        }
        return STRING;
      case "array":
        return ParameterizedTypeName.get(
            LIST, schemaType(sub(schema, "items"), field, where + "[]", true));
      case "object":
        if ("FlyteFile".equals(string(schema, "title"))) {
          return ClassName.get(FlyteFile.class);
        } else if ("FlyteDirectory".equals(string(schema, "title"))) {
          return ClassName.get(FlyteDirectory.class);
        } else if (schema.containsFields("properties")) {
          return record(LiteralType.getDefaultInstance(), schema, field, where);
        }
        Struct values = sub(schema, "additionalProperties");
        if (values.getFieldsCount() > 0) {
          return ParameterizedTypeName.get(
              MAP, STRING, schemaType(values, field, where + "{}", true));
        }
        return ParameterizedTypeName.get(MAP, STRING, ClassName.OBJECT);
      default:
        throw unsupported(where, "a schema of type '" + t + "'");
    }
  }

  private ClassName enumType(List<String> values, @Nullable Struct schema, String field) {
    String name = pascal(schema != null ? title(schema, field) : field);
    TypeSpec.Builder spec =
        TypeSpec.enumBuilder(name).addModifiers(javax.lang.model.element.Modifier.PUBLIC);
    Set<String> used = new LinkedHashSet<>();
    for (String v : values) {
      String constant = constant(v);
      while (!used.add(constant)) {
        constant = constant + "_";
      }
      if (constant.equals(v)) {
        spec.addEnumConstant(constant);
      } else {
        spec.addEnumConstant(
            constant,
            TypeSpec.anonymousClassBuilder("")
                .addAnnotation(
                    AnnotationSpec.builder(EnumValue.class).addMember("value", "$S", v).build())
                .build());
      }
    }
    ClassName cls = ClassName.get(packageName, name);
    List<Object> shape = List.of("enum", values);
    Object existing = shapes.get(name);
    if (existing != null && existing.equals(shape)) {
      return cls;
    } else if (existing != null) {
      return enumType(values, null, name + "Enum");
    }
    shapes.put(name, shape);
    types.put(name, spec.build());
    return cls;
  }

  private static boolean isRecord(LiteralType type, @Nullable Struct schema) {
    return type.getStructure().getDataclassTypeCount() > 0
        || (schema != null && schema.containsFields("properties"));
  }

  private static boolean isNone(LiteralType t) {
    return t.getTypeCase() == LiteralType.TypeCase.SIMPLE && t.getSimple() == SimpleType.NONE;
  }

  private static Struct schemaOf(LiteralType type) {
    return type.getMetadata();
  }

  private static Map<String, Value> properties(Struct schema) {
    return sub(schema, "properties").getFieldsMap();
  }

  private static List<String> fieldOrder(Struct schema) {
    Set<String> names = new LinkedHashSet<>();
    schema
        .getFieldsOrDefault("required", Value.getDefaultInstance())
        .getListValue()
        .getValuesList()
        .forEach(v -> names.add(v.getStringValue()));
    names.addAll(properties(schema).keySet());
    names.retainAll(properties(schema).keySet());
    return new ArrayList<>(names);
  }

  private static Struct sub(@Nullable Struct schema, String key) {
    if (schema == null) {
      return Struct.getDefaultInstance();
    }
    return schema.getFieldsOrDefault(key, Value.getDefaultInstance()).getStructValue();
  }

  private static String string(Struct schema, String key) {
    return schema.getFieldsOrDefault(key, Value.getDefaultInstance()).getStringValue();
  }

  private static String title(Struct schema, String fallback) {
    String t = string(schema, "title");
    return t.isEmpty() ? fallback : t;
  }

  /** Returns {@code order_id} as {@code orderId}, escaping Java keywords with a trailing _. */
  static String camel(String wire) {
    StringBuilder sb = new StringBuilder();
    boolean upper = false;
    for (char c : wire.toCharArray()) {
      if (c == '_' || c == '-' || c == ' ' || c == '.') {
        upper = sb.length() > 0;
      } else if (Character.isJavaIdentifierPart(c)) {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    String s = sb.length() == 0 ? "field" : sb.toString();
    if (!Character.isJavaIdentifierStart(s.charAt(0))) {
      s = "_" + s;
    }
    return SourceVersion.isKeyword(s) ? s + "_" : s;
  }

  /** Returns {@code line_item} as {@code LineItem}. */
  static String pascal(String wire) {
    String c = camel(wire);
    return c.startsWith("_") ? "T" + c : Character.toUpperCase(c.charAt(0)) + c.substring(1);
  }

  /** Returns {@code dark-red} as {@code DARK_RED}. */
  static String constant(String value) {
    StringBuilder sb = new StringBuilder();
    for (char c : value.toCharArray()) {
      sb.append(Character.isJavaIdentifierPart(c) ? Character.toUpperCase(c) : '_');
    }
    String s = sb.length() == 0 ? "EMPTY" : sb.toString();
    if (!Character.isJavaIdentifierStart(s.charAt(0))) {
      s = "_" + s;
    }
    return SourceVersion.isKeyword(s.toLowerCase(Locale.ROOT))
            && s.equals(s.toLowerCase(Locale.ROOT))
        ? s + "_"
        : s;
  }

  private static IllegalArgumentException unsupported(String where, String what) {
    return new IllegalArgumentException(
        "cannot generate Java for " + what + " at " + where + ": not supported yet");
  }
}
