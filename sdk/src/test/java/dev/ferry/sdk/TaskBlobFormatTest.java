package dev.ferry.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.TextFormat;
import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeEngine;
import dev.ferry.idl.core.BlobType;
import dev.ferry.idl.core.TypedInterface;
import dev.ferry.transformers.blob.BlobFormat;
import dev.ferry.transformers.blob.FlyteDirectory;
import dev.ferry.transformers.blob.FlyteFile;
import org.junit.jupiter.api.Test;

/**
 * {@code @BlobFormat} on a task's input, as {@code FlyteFile["csv"]} on a Python task's parameter:
 * on the method's parameter of a single input, or on a component of an input record, the input
 * variable's type is {@code blob{format}}.
 */
class TaskBlobFormatTest {
  record Tables(
      @BlobFormat("csv") FlyteFile table,
      FlyteFile any,
      @BlobFormat("parquet") FlyteDirectory parts) {}

  static long rows(@BlobFormat("csv") FlyteFile table) {
    return 0;
  }

  static long bytes(FlyteFile file) {
    return 0;
  }

  static long count(Tables in) {
    return 0;
  }

  static long wrong(@BlobFormat("csv") String name) {
    return 0;
  }

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TaskEnvironment env = TaskEnvironment.of("files");

  @Test
  void singleInput_blobFormatOnTheParameter_isTheInputsFormat() throws Exception {
    Task<FlyteFile, Long> rows = env.task("rows", TaskBlobFormatTest::rows);

    TypedInterface expected =
        TextFormat.parse(
            """
            inputs {
              variables { key: "table" value { type { blob { format: "csv" } } description: "table" } }
            }
            outputs {
              variables { key: "o0" value { type { simple: INTEGER } description: "o0" } }
            }
            """,
            TypedInterface.class);
    assertThat(rows.typedInterface(engine)).isEqualTo(expected);
    // copies made by with/override keep the parameter's declaration
    assertThat(rows.with(o -> o.retries(2)).typedInterface(engine)).isEqualTo(expected);
  }

  @Test
  void singleInput_withoutBlobFormat_hasNoFormat() {
    BlobType blob =
        env.task("bytes", TaskBlobFormatTest::bytes)
            .typedInterface(engine)
            .getInputs()
            .getVariablesOrThrow("file")
            .getType()
            .getBlob();
    assertThat(blob.getFormat()).isEmpty();
    assertThat(blob.getDimensionality()).isEqualTo(BlobType.BlobDimensionality.SINGLE);
  }

  @Test
  void recordInput_blobFormatOnComponents_isEachInputsFormat() {
    TypedInterface ti = env.task("count", TaskBlobFormatTest::count).typedInterface(engine);

    BlobType table = ti.getInputs().getVariablesOrThrow("table").getType().getBlob();
    BlobType any = ti.getInputs().getVariablesOrThrow("any").getType().getBlob();
    BlobType parts = ti.getInputs().getVariablesOrThrow("parts").getType().getBlob();
    assertThat(table.getFormat()).isEqualTo("csv");
    assertThat(table.getDimensionality()).isEqualTo(BlobType.BlobDimensionality.SINGLE);
    assertThat(any.getFormat()).isEmpty();
    assertThat(parts.getFormat()).isEqualTo("parquet");
    assertThat(parts.getDimensionality()).isEqualTo(BlobType.BlobDimensionality.MULTIPART);
  }

  @Test
  void blobFormatOnAParameterThatIsNoFile_isADefinitionErrorNamingTheInput() {
    Task<String, Long> wrong = env.task("wrong", TaskBlobFormatTest::wrong);

    assertThatThrownBy(() -> wrong.typedInterface(engine))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessageContaining("@BlobFormat(\"csv\") on the input 'name'")
        .hasMessageContaining("needs a FlyteFile or FlyteDirectory");
  }
}
