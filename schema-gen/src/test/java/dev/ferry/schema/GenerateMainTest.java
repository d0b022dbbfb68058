package dev.ferry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.TypeEngine;
import dev.ferry.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateMainTest {
  @TempDir Path tmp;

  record Inputs(long x) {}

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return GenerateMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void run_literalType_writesSources() throws Exception {
    Path pb = tmp.resolve("order.type.pb");
    Files.write(pb, TestData.bytes("golden/order-record.type.pb"));

    assertThat(run(pb.toString(), tmp.resolve("out").toString(), "com.example"))
        .as(() -> err.toString(StandardCharsets.UTF_8))
        .isZero();
    assertThat(tmp.resolve("out/com/example/Order.java")).exists();
    assertThat(tmp.resolve("out/com/example/Item.java")).exists();
    assertThat(tmp.resolve("out/com/example/Color.java")).exists();
  }

  @Test
  void run_interface_writesInputsAndOutputs() throws Exception {
    Path pb = tmp.resolve("my_task.pb");
    Files.write(
        pb,
        new TypedInterfaces(TypeEngine.createDefault())
            .of(Inputs.class, Double.class)
            .toByteArray());

    assertThat(run(pb.toString(), tmp.resolve("out").toString(), "com.example"))
        .as(() -> err.toString(StandardCharsets.UTF_8))
        .isZero();
    assertThat(Files.readString(tmp.resolve("out/com/example/MyTaskOutputs.java")))
        .contains("public record MyTaskOutputs(double o0)");
    assertThat(tmp.resolve("out/com/example/MyTaskInputs.java")).exists();
  }

  @Test
  void run_usageAndBadInput() throws Exception {
    assertThat(run("a")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("usage: GenerateMain");
    Path junk = tmp.resolve("junk.pb");
    Files.write(junk, new byte[] {(byte) 0xff, 0x01});
    assertThat(run(junk.toString(), tmp.toString(), "p")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: ");
  }
}
