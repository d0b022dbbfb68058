package dev.ferry.schema.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.idl.core.TypedInterface;
import dev.ferry.idl.core.UnionType;
import dev.ferry.idl.core.Variable;
import dev.ferry.idl.core.VariableMap;
import dev.ferry.testdata.TestData;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateMojoTest {
  @TempDir Path tmp;

  @Test
  void execute_writesTheSources() throws Exception {
    Path pb = tmp.resolve("order.type.pb");
    Files.write(pb, TestData.bytes("golden/order-record.type.pb"));
    GenerateMojo mojo = new GenerateMojo();
    mojo.inputs = List.of(pb.toFile());
    mojo.packageName = "com.example";
    mojo.outputDirectory = tmp.resolve("gen").toFile();

    mojo.execute();

    assertThat(tmp.resolve("gen/com/example/Order.java")).exists();
  }

  @Test
  void execute_badInputFailsTheBuild() throws Exception {
    Path junk = tmp.resolve("junk.pb");
    Files.write(junk, new byte[] {(byte) 0xff, 0x01});
    GenerateMojo mojo = new GenerateMojo();
    mojo.inputs = List.of(new File(junk.toString()));
    mojo.packageName = "p";
    mojo.outputDirectory = tmp.toFile();

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith("cannot generate Java from " + junk + ": error: ");
  }

  private GenerateMojo mojo(Path input) {
    GenerateMojo mojo = new GenerateMojo();
    mojo.inputs = List.of(input.toFile());
    mojo.packageName = "com.example.ship";
    mojo.outputDirectory = tmp.resolve("gen").toFile();
    return mojo;
  }

  private Path interfaceWithInput(String name, LiteralType type) throws Exception {
    TypedInterface ti =
        TypedInterface.newBuilder()
            .setInputs(
                VariableMap.newBuilder()
                    .putVariables(name, Variable.newBuilder().setType(type).build()))
            .build();
    Path pb = tmp.resolve("ship.pb");
    Files.write(pb, ti.toByteArray());
    return pb;
  }

  @Test
  void execute_unionOfDataclasses_writesASealedInterfaceAndItsRecords() throws Exception {
    LiteralType union = LiteralType.parseFrom(TestData.bytes("golden/sealed-union.type.pb"));

    mojo(interfaceWithInput("delivery", union)).execute();

    Path dir = tmp.resolve("gen/com/example/ship");
    assertThat(Files.readString(dir.resolve("Delivery.java")))
        .contains("public sealed interface Delivery permits Pickup, Courier {");
    assertThat(Files.readString(dir.resolve("Courier.java")))
        .contains("public record Courier(String address, long days) implements Delivery {");
    assertThat(Files.readString(dir.resolve("ShipInputs.java")))
        .contains("public record ShipInputs(Delivery delivery) {");
  }

  @Test
  void execute_unionOfPrimitives_writesUnionValueRecords() throws Exception {
    LiteralType union =
        LiteralType.newBuilder()
            .setUnionType(
                UnionType.newBuilder()
                    .addVariants(LiteralType.newBuilder().setSimple(SimpleType.INTEGER))
                    .addVariants(LiteralType.newBuilder().setSimple(SimpleType.STRING)))
            .build();

    mojo(interfaceWithInput("key", union)).execute();

    Path dir = tmp.resolve("gen/com/example/ship");
    StringBuilder all = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        all.append(Files.readString(f));
      }
    }
    assertThat(all.toString())
        .contains("@UnionValue")
        .contains("record IntValue(long value)")
        .contains("record StrValue(String value)")
        .contains("sealed interface Key permits Key.IntValue, Key.StrValue")
        .contains("public record ShipInputs(");
  }
}
