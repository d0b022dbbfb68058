package dev.ferry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.TextFormat;
import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.TypedInterface;
import dev.ferry.transformers.FieldName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypedInterfacesTest {
  record Inputs(
      @Description("rows to read") long limit, @FieldName("table_name") String tableName) {}

  record Stats(long count, Optional<Double> mean) implements NamedOutputs {}

  record Point(long x, long y) {}

  private final TypedInterfaces interfaces = new TypedInterfaces(TypeEngine.createDefault());

  private static TypedInterface parse(String text) throws TextFormat.ParseException {
    return TextFormat.parse(text, TypedInterface.class);
  }

  @Test
  void of_singleResultIsO0_descriptionsDefaultToTheName() throws Exception {
    TypedInterface ti = interfaces.of(Inputs.class, Double.class);

    assertThat(ti)
        .isEqualTo(
            parse(
                """
                inputs {
                  variables { key: "limit" value { type { simple: INTEGER } description: "rows to read" } }
                  variables { key: "table_name" value { type { simple: STRING } description: "table_name" } }
                }
                outputs {
                  variables { key: "o0" value { type { simple: FLOAT } description: "o0" } }
                }
                """));
  }

  @Test
  void of_plainRecordResultIsOneStructOutputO0() {
    TypedInterface ti = interfaces.of(Void.class, Point.class);

    assertThat(ti.getOutputs().getVariablesMap()).containsOnlyKeys("o0");
    assertThat(ti.getOutputs().getVariablesOrThrow("o0").getType())
        .isEqualTo(TypeEngine.createDefault().literalType(Point.class));
    assertThat(ti.getOutputs().getVariablesOrThrow("o0").getDescription()).isEqualTo("o0");
  }

  @Test
  void of_namedOutputsRecordGivesOneOutputPerComponent() throws Exception {
    TypedInterface ti = interfaces.of(Void.class, Stats.class);

    assertThat(ti)
        .isEqualTo(
            parse(
                """
                inputs {}
                outputs {
                  variables { key: "count" value { type { simple: INTEGER } description: "count" } }
                  variables { key: "mean" value {
                    type { union_type {
                      variants { simple: FLOAT structure { tag: "float" } }
                      variants { simple: NONE structure { tag: "none" } }
                    } }
                    description: "mean"
                  } }
                }
                """));
  }

  @Test
  void of_voidResultHasNoOutputs() throws Exception {
    TypedInterface ti = interfaces.of(TypeRef.of(Inputs.class), TypeRef.of(void.class));

    assertThat(ti.getOutputs().getVariablesMap()).isEmpty();
    assertThat(ti.hasOutputs()).isTrue();
  }

  @Test
  void of_listResultIsO0() throws Exception {
    TypedInterface ti = interfaces.of(TypeRef.of(Void.class), new TypeRef<List<String>>() {});

    assertThat(ti.getOutputs().getVariablesMap()).containsOnlyKeys("o0");
    assertThat(ti.getOutputs().getVariablesOrThrow("o0").getType().getCollectionType().getSimple())
        .isEqualTo(dev.ferry.idl.core.SimpleType.STRING);
  }

  @Test
  void of_inputsThatAreNotARecord_suggestARecord() {
    assertThatThrownBy(() -> interfaces.of(String.class, Void.class))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessageContaining(
            "the inputs of a task are a record, one component per input, but were"
                + " java.lang.String: declare a record");
  }
}
