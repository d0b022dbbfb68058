package dev.ferry.schema;

import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.TypedInterface;
import dev.ferry.idl.core.Variable;
import dev.ferry.idl.core.VariableMap;
import dev.ferry.transformers.FieldName;
import dev.ferry.transformers.blob.BlobFormat;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * Builds the Flyte {@code TypedInterface} of a task from its input record and output type, named as
 * the Python SDK 1.16 names them.
 *
 * <ul>
 *   <li>Inputs: one variable per component of the input record (its {@link FieldName} if any); an
 *       input type of {@code Void} means no inputs.
 *   <li>Outputs: {@code Void} gives none; a record that implements {@link NamedOutputs} gives one
 *       variable per component (Python's {@code NamedTuple}); any other type, a plain record
 *       included (a dataclass, STRUCT), gives one variable {@code o0}.
 *   <li>Descriptions: {@link Description} on the component, else the variable's name.
 * </ul>
 *
 * <pre>{@code
 * record Inputs(@Description("rows to read") long limit, String table) {}
 * TypedInterface ti = new TypedInterfaces(TypeEngine.createDefault())
 *     .of(Inputs.class, TypeRef.of(Double.class));
 * }</pre>
 */
public final class TypedInterfaces {
  /** The name of a single, non-record output. */
  public static final String SINGLE_OUTPUT = "o0";

  private final TypeEngine engine;

  /** Creates the builder over {@code engine}. */
  public TypedInterfaces(TypeEngine engine) {
    this.engine = engine;
  }

  /** Returns the interface of a task taking {@code inputs} and returning {@code output}. */
  public TypedInterface of(Class<?> inputs, Class<?> output) {
    return of(TypeRef.of(inputs), TypeRef.of(output));
  }

  /** Returns the interface of a task taking {@code inputs} and returning {@code output}. */
  public TypedInterface of(TypeRef<?> inputs, TypeRef<?> output) {
    TypedInterface.Builder b = TypedInterface.newBuilder();
    if (isVoid(inputs)) {
      b.setInputs(VariableMap.getDefaultInstance());
    } else if (!inputs.rawType().isRecord()) {
      throw new TypeDefinitionException(
          inputs,
          "the inputs of a task are a record, one component per input, but were "
              + inputs
              + ": declare a record such as record Inputs(long x, String y) {}");
    } else {
      b.setInputs(components(inputs));
    }
    b.setOutputs(outputs(output));
    return b.build();
  }

  /**
   * Returns the interface of a task taking one non-record input named {@code inputName} (a Python
   * function's single parameter) and returning {@code output}.
   */
  public TypedInterface ofSingleInput(String inputName, TypeRef<?> input, TypeRef<?> output) {
    return ofSingleInput(inputName, engine.literalType(input), output);
  }

  /**
   * As {@link #ofSingleInput(String, TypeRef, TypeRef)}, for an input declared by {@code parameter}
   * (the function's parameter): a {@link BlobFormat} there is the input's blob format, as {@code
   * FlyteFile["csv"]} is for a Python parameter.
   *
   * <pre>{@code
   * static long rows(@BlobFormat("csv") FlyteFile table) { ... }  // input blob{format: "csv"}
   * }</pre>
   *
   * @throws TypeDefinitionException if the parameter declares a format but is no file or directory
   */
  public TypedInterface ofSingleInput(
      String inputName, TypeRef<?> input, AnnotatedElement parameter, TypeRef<?> output) {
    LiteralType type =
        BlobFormat.Support.apply(
                engine.transformer(input), parameter, input, "the input '" + inputName + "'")
            .literalType();
    return ofSingleInput(inputName, type, output);
  }

  private TypedInterface ofSingleInput(String inputName, LiteralType type, TypeRef<?> output) {
    return TypedInterface.newBuilder()
        .setInputs(VariableMap.newBuilder().putVariables(inputName, variable(type, inputName)))
        .setOutputs(outputs(output))
        .build();
  }

  /** Returns the output variables of a task returning {@code output}. */
  public VariableMap outputs(TypeRef<?> output) {
    if (isVoid(output)) {
      return VariableMap.getDefaultInstance();
    }
    if (isNamedOutputs(output)) {
      return components(output);
    }
    LiteralType type = engine.literalType(output);
    return VariableMap.newBuilder()
        .putVariables(SINGLE_OUTPUT, variable(type, SINGLE_OUTPUT))
        .build();
  }

  /** Returns one variable per component of {@code record}, in the record's order of declaration. */
  public VariableMap components(TypeRef<?> record) {
    LiteralType recordType = engine.literalType(record);
    Map<String, LiteralType> types = recordType.getStructure().getDataclassTypeMap();
    VariableMap.Builder vars = VariableMap.newBuilder();
    for (RecordComponent rc : record.rawType().getRecordComponents()) {
      FieldName rename = rc.getAnnotation(FieldName.class);
      String name = rename != null ? rename.value() : rc.getName();
      LiteralType type = types.get(name);
      if (type == null) {
        throw new TypeDefinitionException(
            record,
            "record "
                + record
                + " has no component '"
                + name
                + "' in its literal type: is a custom transformer registered for it?");
      }
      Description d = rc.getAnnotation(Description.class);
      vars.putVariables(name, variable(type, d != null ? d.value() : name));
    }
    return vars.build();
  }

  private static Variable variable(LiteralType type, String description) {
    return Variable.newBuilder().setType(type).setDescription(description).build();
  }

  /** Returns true if {@code output} is a record marked {@link NamedOutputs}. */
  public static boolean isNamedOutputs(TypeRef<?> output) {
    return output.rawType().isRecord() && NamedOutputs.class.isAssignableFrom(output.rawType());
  }

  private static boolean isVoid(TypeRef<?> type) {
    return type.rawType() == Void.class || type.rawType() == void.class;
  }
}
