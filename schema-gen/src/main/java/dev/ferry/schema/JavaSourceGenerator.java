package dev.ferry.schema;

import static dev.ferry.schema.JavaNames.camel;
import static dev.ferry.schema.JavaNames.constant;
import static dev.ferry.schema.JavaNames.pascal;
import static dev.ferry.schema.SchemaStructs.fieldOrder;
import static dev.ferry.schema.SchemaStructs.nonNullOptions;
import static dev.ferry.schema.SchemaStructs.properties;
import static dev.ferry.schema.SchemaStructs.string;
import static dev.ferry.schema.SchemaStructs.sub;
import static dev.ferry.schema.SchemaStructs.title;

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
import dev.ferry.transformers.UnionValue;
import dev.ferry.transformers.blob.BlobFormat;
import dev.ferry.transformers.blob.FlyteDirectory;
import dev.ferry.transformers.blob.FlyteFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Generates Java {@code record}, {@code enum} and sealed {@code interface} sources (with JavaPoet)
 * from types another SDK wrote, so a Java task consumes a Python task's values with types checked
 * at compile time, and the engine converts them to the same literal bytes.
 *
 * <ul>
 *   <li>A dataclass-shaped type ({@code STRUCT} with {@code dataclass_type} and its JSON Schema in
 *       {@code metadata}) becomes a record named by the schema's {@code title}; each field a
 *       component, snake_case names as camelCase with {@link FieldName} keeping the wire name.
 *   <li>{@code Optional[T]} (a union of {@code T} and none) becomes {@code Optional<T>}; lists
 *       {@code List}, typed dicts {@code Map<String, T>}, untyped dicts {@code Map<String,
 *       Object>}; nested dataclasses their own records; enums an {@code enum} named after the
 *       field, constants carrying {@link EnumValue}; files {@link FlyteFile}, directories {@link
 *       FlyteDirectory}; structured datasets {@code dev.ferry.dataframe.StructuredDataset} (module
 *       {@code transformers-dataframe}, which the generated code needs); datetimes {@link Instant}
 *       ({@link LocalDate} for a {@code date} format), durations {@link Duration}.
 *   <li>A union of dataclasses ({@code Union[Pickup, Courier]}) becomes a {@code sealed interface}
 *       named after the field ({@code Delivery} for {@code delivery}; {@code DeliveryUnion} if that
 *       name is taken) that permits one record per variant; each record is named by its variant's
 *       schema title and implements the interface. This is the shape the engine converts as a
 *       union: it writes the variant of the value's class, tagged {@code
 *       "Object-Dataclass-Transformer"}, and reads a variant by its tag and title. With none among
 *       the variants ({@code Optional[Union[Pickup, Courier]]}) the interface is wrapped in {@code
 *       Optional}; the engine then lists none last. A JSON Schema {@code anyOf} of objects (a
 *       variant's own fields, known only by schema) maps the same way.
 *   <li>A union with other variants ({@code Union[int, str, List[str], Pickup]}) becomes a sealed
 *       interface named the same way whose dataclass variants are their records and whose other
 *       variants are {@code @UnionValue} records nested in it, named after the variant ({@code
 *       IntValue(long value)}, {@code StrValue(String value)}, {@code ListValue(List<String>
 *       value)}, ...): the engine writes them with the Python SDK's variant tags and reads them
 *       back by the literal's variant type.
 *   <li>A {@code TypedInterface} becomes records {@code <Task>Inputs} and {@code <Task>Outputs}.
 * </ul>
 *
 * <p>Unions the engine cannot read and write byte for byte fail with a message naming the field and
 * the union: an {@code anyOf} known only by schema with a variant that is not a dataclass;
 * dataclass variants without a title, with one title twice, or titled by something that is not a
 * Java class name; and variants whose keys overlap so that, inside a record, where msgpack carries
 * no tag, they cannot be told apart. Structured datasets declare no columns in the Java type
 * ({@code structured_dataset_type {}}); the literals keep them. A typed file or directory ({@code
 * FlyteFile["csv"]}) is a component with {@code @BlobFormat("csv")}.
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

  /**
   * The dataset class of module {@code transformers-dataframe}, named rather than loaded: the
   * generator does not need it, the generated code does.
   */
  static final ClassName STRUCTURED_DATASET =
      ClassName.get("dev.ferry.dataframe", "StructuredDataset");

  /** Titles of object schemas that are not records. */
  private static final Set<String> SPECIAL_OBJECTS =
      Set.of("FlyteFile", "FlyteDirectory", "StructuredDataset");

  private final String packageName;
  // builders, not specs: JavaPoet's TypeSpec.toBuilder() drops a record's constructor, and a
  // record learns the sealed interfaces it implements after it is defined
  private final Map<String, TypeSpec.Builder> types = new LinkedHashMap<>();
  private final Map<String, Set<ClassName>> implemented = new HashMap<>();
  private final Map<String, Object> shapes = new LinkedHashMap<>();
  private final Map<String, VariantKeys> recordKeys = new HashMap<>();

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
    for (TypeSpec.Builder b : types.values()) {
      TypeSpec t = b.build();
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
      components.add(
          new Component(
              v,
              javaType(var.getType(), null, v, name + "." + v, false),
              blobFormat(var.getType())));
    }
    return define(name, vars, components, null);
  }

  /**
   * A component: its name on the wire, Java type and, for a typed file, the format ("" if none).
   */
  private record Component(String wireName, TypeName type, String blobFormat) {}

  /** The format of a file or directory type ({@code FlyteFile["csv"]}), else "". */
  private static String blobFormat(@Nullable LiteralType type) {
    return type != null && type.hasBlob() ? type.getBlob().getFormat() : "";
  }

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
      components.add(new Component(field, t, blobFormat(fieldType)));
    }
    // the same dataclass reached with and without dataclass_type (as a union variant) is one record
    return define(name, List.of(title(schema, ""), components), components, title(schema, ""));
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
      while (shapes.containsKey(name + i) && !shape.equals(shapes.get(name + i))) {
        i++;
      }
      return define(name + i, shape, components, title);
    }
    shapes.put(name, shape);
    Set<String> keys = new LinkedHashSet<>();
    Set<String> required = new LinkedHashSet<>();
    for (Component c : components) {
      keys.add(c.wireName());
      if (!(c.type() instanceof ParameterizedTypeName p && p.rawType().equals(OPTIONAL))) {
        required.add(c.wireName());
      }
    }
    recordKeys.put(name, new VariantKeys(name, keys, required));
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
    Set<String> used = new LinkedHashSet<>();
    for (Component c : components) {
      String javaName = camel(c.wireName());
      while (!used.add(javaName)) {
        javaName = javaName + "_";
      }
      ParameterSpec.Builder p = ParameterSpec.builder(c.type(), javaName);
      if (!c.blobFormat().isEmpty()) {
        p.addAnnotation(
            AnnotationSpec.builder(BlobFormat.class)
                .addMember("value", "$S", c.blobFormat())
                .build());
      }
      if (!javaName.equals(c.wireName())) {
        p.addAnnotation(
            AnnotationSpec.builder(FieldName.class).addMember("value", "$S", c.wireName()).build());
      }
      ctor.addParameter(p.build());
    }
    TypeSpec.Builder spec =
        TypeSpec.recordBuilder(name).addModifiers(Modifier.PUBLIC).recordConstructor(ctor.build());
    if (title != null && !title.isEmpty() && !title.equals(name)) {
      spec.addJavadoc("The dataclass {@code $L}.\n", title);
    }
    types.put(name, spec);
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
        return union(type, schema, field, where);
      case BLOB:
        return ClassName.get(
            type.getBlob().getDimensionality() == BlobType.BlobDimensionality.MULTIPART
                ? FlyteDirectory.class
                : FlyteFile.class);
      case STRUCTURED_DATASET_TYPE:
        return STRUCTURED_DATASET;
      default:
        throw unsupported(where, JsonValues.name(type));
    }
  }

  /**
   * Returns the Java type of a union: {@code Optional<T>} for one variant and none, a sealed
   * interface of records for dataclass variants (in an {@code Optional} if none is one of them).
   */
  private TypeName union(LiteralType type, @Nullable Struct schema, String field, String where) {
    List<LiteralType> values = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (LiteralType v : type.getUnionType().getVariantsList()) {
      names.add(variantName(v));
      if (!isNone(v)) {
        values.add(v);
      }
    }
    boolean optional = values.size() < type.getUnionType().getVariantsCount();
    if (values.isEmpty() || (values.size() == 1 && !optional)) {
      throw unsupported(where, "a union of " + names);
    }
    List<Struct> schemas = nonNullOptions(schema);
    TypeName t;
    if (values.size() == 1) {
      Struct inner = schemas.size() == 1 ? schemas.get(0) : null;
      t = javaType(values.get(0), inner, field, where, true);
    } else {
      List<Struct> variantSchemas = new ArrayList<>();
      boolean allRecords = true;
      for (LiteralType v : values) {
        allRecords &= isDataclassVariant(v);
        variantSchemas.add(v.getMetadata());
      }
      t =
          allRecords
              ? sealed(values, variantSchemas, names, field, where)
              : mixed(
                  values, schemas.size() == values.size() ? schemas : null, names, field, where);
    }
    return optional ? ParameterizedTypeName.get(OPTIONAL, t) : t;
  }

  /** Returns the Java type of a JSON Schema {@code anyOf}, as {@link #union} does for a type. */
  private TypeName schemaUnion(Struct schema, String field, String where) {
    int count = schema.getFieldsOrThrow("anyOf").getListValue().getValuesCount();
    List<Struct> values = nonNullOptions(schema);
    boolean optional = values.size() < count;
    List<String> names = new ArrayList<>();
    for (Struct v : values) {
      names.add(title(v, string(v, "type")));
    }
    if (optional) {
      names.add("null");
    }
    if (values.isEmpty() || (values.size() == 1 && !optional)) {
      throw unsupported(where, "an anyOf of " + names);
    }
    TypeName t;
    if (values.size() == 1) {
      t = schemaType(values.get(0), field, where, true);
    } else {
      List<LiteralType> types = new ArrayList<>();
      for (Struct v : values) {
        if (!v.containsFields("properties") || SPECIAL_OBJECTS.contains(string(v, "title"))) {
          throw notRecords(where, names);
        }
        types.add(LiteralType.getDefaultInstance());
      }
      t = sealed(types, values, names, field, where);
    }
    return optional ? ParameterizedTypeName.get(OPTIONAL, t) : t;
  }

  /**
   * Returns a sealed interface permitting one record per variant, each named by its schema's title
   * (the engine reads a union literal's variant by that title) and each implementing it.
   */
  private ClassName sealed(
      List<LiteralType> variants,
      List<Struct> schemas,
      List<String> names,
      String field,
      String where) {
    String union = "a union of " + names;
    Set<String> titles = new LinkedHashSet<>();
    for (Struct s : schemas) {
      String title = string(s, "title");
      if (title.isEmpty()) {
        throw cannot(
            where,
            union,
            "a variant's JSON Schema has no title, and Ferry reads variants by title");
      } else if (!titles.add(title)) {
        throw cannot(
            where,
            union,
            "two variants are titled '" + title + "', and Ferry reads variants by title");
      } else if (!pascal(title).equals(title)) {
        throw cannot(
            where,
            union,
            "the variant title '"
                + title
                + "' is not a Java class name, and a variant's record is named by its title");
      }
    }
    List<ClassName> records = new ArrayList<>();
    Iterator<String> title = titles.iterator();
    for (int i = 0; i < variants.size(); i++) {
      String expected = title.next();
      ClassName r = record(variants.get(i), schemas.get(i), expected, where);
      if (!r.simpleName().equals(expected)) {
        throw cannot(
            where,
            union,
            "another generated type is already named '"
                + expected
                + "', and a variant's record is named by its title");
      }
      records.add(r);
    }
    List<VariantKeys> keys = new ArrayList<>();
    records.forEach(r -> keys.add(recordKeys.get(r.simpleName())));
    String overlap = VariantKeys.overlap(keys);
    if (overlap != null) {
      throw cannot(where, union, overlap);
    }

    List<Object> shape = List.of("union", records);
    String base = pascal(field);
    String name = base;
    for (int i = 2; shapes.containsKey(name) && !shapes.get(name).equals(shape); i++) {
      name = base + "Union" + (i == 2 ? "" : String.valueOf(i));
    }
    ClassName cls = ClassName.get(packageName, name);
    if (shapes.containsKey(name)) {
      return cls;
    }
    shapes.put(name, shape);
    types.put(
        name,
        TypeSpec.interfaceBuilder(name)
            .addModifiers(Modifier.PUBLIC, Modifier.SEALED)
            .addPermittedSubclasses(records)
            .addJavadoc("The union of $L.\n", String.join(", ", titles)));
    for (ClassName r : records) {
      if (implemented.computeIfAbsent(r.simpleName(), k -> new HashSet<>()).add(cls)) {
        java.util.Objects.requireNonNull(types.get(r.simpleName()), r.simpleName())
            .addSuperinterface(cls);
      }
    }
    return cls;
  }

  private static boolean isDataclassVariant(LiteralType v) {
    return v.getTypeCase() == LiteralType.TypeCase.SIMPLE
        && v.getSimple() == SimpleType.STRUCT
        && v.getMetadata().containsFields("properties");
  }

  /**
   * Returns a sealed interface for a union of any types ({@code Union[int, str, Pickup]}): a
   * dataclass variant is its record, as in {@link #sealed}; any other variant is a {@link
   * UnionValue} record nested in the interface and named after the variant ({@code IntValue},
   * {@code StrValue}, {@code ListValue}, ...), whose one component {@code value} has the variant's
   * Java type.
   */
  private ClassName mixed(
      List<LiteralType> variants,
      @Nullable List<Struct> schemas,
      List<String> names,
      String field,
      String where) {
    String union = "a union of " + names;
    List<Object> shape = List.of("mixed", variants);
    String base = pascal(field);
    String name = base;
    for (int i = 2; shapes.containsKey(name) && !shapes.get(name).equals(shape); i++) {
      name = base + "Union" + (i == 2 ? "" : String.valueOf(i));
    }
    ClassName cls = ClassName.get(packageName, name);
    if (shapes.containsKey(name)) {
      return cls;
    }
    shapes.put(name, shape);
    TypeSpec.Builder iface =
        TypeSpec.interfaceBuilder(name)
            .addModifiers(Modifier.PUBLIC, Modifier.SEALED)
            .addJavadoc("The union of $L.\n", String.join(", ", names));
    List<ClassName> permitted = new ArrayList<>();
    List<ClassName> records = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (int i = 0; i < variants.size(); i++) {
      LiteralType v = variants.get(i);
      if (isDataclassVariant(v)) {
        String title = string(v.getMetadata(), "title");
        if (title.isEmpty() || !pascal(title).equals(title)) {
          throw cannot(
              where,
              union,
              "a dataclass variant needs a title that is a Java class name, as Ferry reads"
                  + " dataclass variants by title");
        }
        ClassName r = record(v, v.getMetadata(), title, where);
        if (!r.simpleName().equals(title)) {
          throw cannot(
              where,
              union,
              "another generated type is already named '"
                  + title
                  + "', and a variant's record is named by its title");
        }
        permitted.add(r);
        records.add(r);
        continue;
      }
      Struct schema = schemas == null ? null : schemas.get(i);
      TypeName t = javaType(v, schema, field, where + "|" + variantName(v), false);
      String simple = variantClassName(v, t);
      String unique = simple;
      for (int n = 2; !used.add(unique); n++) {
        unique = simple.replace("Value", n + "Value");
      }
      ClassName nested = cls.nestedClass(unique);
      permitted.add(nested);
      iface.addType(
          TypeSpec.recordBuilder(unique)
              .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
              .addAnnotation(UnionValue.class)
              .addSuperinterface(cls)
              .recordConstructor(MethodSpec.constructorBuilder().addParameter(t, "value").build())
              .addJavadoc("The {@code $L} variant.\n", variantName(v))
              .build());
    }
    iface.addPermittedSubclasses(permitted);
    types.put(name, iface);
    for (ClassName r : records) {
      if (implemented.computeIfAbsent(r.simpleName(), k -> new HashSet<>()).add(cls)) {
        java.util.Objects.requireNonNull(types.get(r.simpleName()), r.simpleName())
            .addSuperinterface(cls);
      }
    }
    return cls;
  }

  /** The name of a single-value variant's record: its kind and {@code Value}. */
  private static String variantClassName(LiteralType v, TypeName javaType) {
    String kind =
        switch (v.getStructure().getTag()) {
          case "int" -> "Int";
          case "float" -> "Float";
          case "str" -> "Str";
          case "bool" -> "Bool";
          case "datetime" -> "Datetime";
          case "date" -> "Date";
          case "timedelta" -> "Timedelta";
          case "Typed List" -> "List";
          case "Typed Dict" -> "Dict";
          case "FlyteFilePath" -> "File";
          case "FlyteDirectory" -> "Directory";
          case "StructuredDataset Transformer" -> "Dataset";
          case "" -> untaggedKind(v, javaType);
          default ->
              javaType instanceof ClassName c ? c.simpleName() : pascal(v.getStructure().getTag());
        };
    return kind + "Value";
  }

  /** The kind of a variant written without a structure tag (not by the Python SDK): its type's. */
  private static String untaggedKind(LiteralType v, TypeName javaType) {
    return switch (v.getTypeCase()) {
      case SIMPLE ->
          switch (v.getSimple()) {
            case INTEGER -> "Int";
            case FLOAT -> "Float";
            case STRING -> "Str";
            case BOOLEAN -> "Bool";
            case DATETIME -> "Datetime";
            case DURATION -> "Timedelta";
            case BINARY -> "Binary";
            default -> javaType instanceof ClassName c ? c.simpleName() : "Variant";
          };
      case COLLECTION_TYPE -> "List";
      case MAP_VALUE_TYPE -> "Dict";
      case BLOB ->
          v.getBlob().getDimensionality() == BlobType.BlobDimensionality.MULTIPART
              ? "Directory"
              : "File";
      case STRUCTURED_DATASET_TYPE -> "Dataset";
      default -> javaType instanceof ClassName c ? c.simpleName() : "Variant";
    };
  }

  private static String variantName(LiteralType variant) {
    String title = string(variant.getMetadata(), "title");
    return title.isEmpty() ? JsonValues.name(variant) : title;
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
      return schemaUnion(schema, field, where);
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
        } else if ("StructuredDataset".equals(string(schema, "title"))) {
          return STRUCTURED_DATASET;
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
    TypeSpec.Builder spec = TypeSpec.enumBuilder(name).addModifiers(Modifier.PUBLIC);
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
    types.put(name, spec);
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

  private static IllegalArgumentException notRecords(String where, List<String> names) {
    return cannot(
        where,
        "a union of " + names,
        "Ferry converts unions of dataclasses (a sealed interface of records) and Optional[T]"
            + " only; make each variant a dataclass");
  }

  private static IllegalArgumentException cannot(String where, String what, String why) {
    return new IllegalArgumentException(
        "cannot generate Java for " + what + " at " + where + ": " + why);
  }

  private static IllegalArgumentException unsupported(String where, String what) {
    return new IllegalArgumentException(
        "cannot generate Java for " + what + " at " + where + ": not supported yet");
  }
}
