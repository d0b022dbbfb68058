package dev.ferry.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.idl.core.LiteralMap;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskContext;
import dev.ferry.sdk.TaskEnvironment;
import dev.ferry.transformers.blob.FlyteFile;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files, sealed unions and optionals pass between actions as literals. */
class TypesTest {
  sealed interface Shape permits Circle, Square {}

  record Circle(double radius) implements Shape {}

  record Square(double side) implements Shape {}

  record Drawing(List<Shape> shapes, Optional<String> title) {}

  static final TaskEnvironment ENV = TaskEnvironment.of("types");

  static FlyteFile writeReport(String text) throws Exception {
    Path local = Files.createTempFile("report", ".txt");
    Files.writeString(local, text);
    return FlyteFile.of(local);
  }

  static final Task<String, FlyteFile> WRITE = ENV.task("write", TypesTest::writeReport);

  static String readBack(String text) throws Exception {
    FlyteFile file = WRITE.call(text);
    try (InputStream in = file.open()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          + " from "
          + (file.uri().toString().startsWith(TaskContext.current().rawDataPrefix().toString())
              ? "own raw prefix"
              : "child raw prefix");
    }
  }

  static final Task<String, String> READ = ENV.task("read", TypesTest::readBack);

  static double area(Drawing d) {
    double sum = 0;
    for (Shape s : d.shapes()) {
      if (s instanceof Circle c) {
        sum += 3 * c.radius() * c.radius();
      } else if (s instanceof Square q) {
        sum += q.side() * q.side();
      }
    }
    return sum;
  }

  static final Task<Drawing, Double> AREA = ENV.task("area", TypesTest::area);

  static Shape biggest(Drawing d) {
    return AREA.call(d) > 10 ? new Square(100) : new Circle(1);
  }

  static final Task<Drawing, Shape> BIGGEST = ENV.task("biggest", TypesTest::biggest);

  @TempDir Path tmp;

  @Test
  void file_uploadedUnderTheChildsRawPrefix_readByTheParent() throws Exception {
    try (LocalExecutor ferry = LocalExecutor.builder().root(tmp).cache(false).build()) {
      Run<String> run = ferry.run(READ, "quarterly numbers");

      assertThat(run.output()).isEqualTo("quarterly numbers from child raw prefix");
      LiteralMap out =
          LiteralMap.parseFrom(
              Files.readAllBytes(Path.of(run.action("a1").attempts().get(0).outputsUri())));
      assertThat(out.getLiteralsOrThrow("o0").getScalar().getBlob().getUri())
          .startsWith(run.directory() + "/a1/0/raw/");
    }
  }

  @Test
  void sealedUnionsAndOptionals_roundTripBetweenActions() {
    try (LocalExecutor ferry = LocalExecutor.builder().root(tmp).cache(false).build()) {
      Run<Shape> run =
          ferry.run(
              BIGGEST, new Drawing(List.of(new Circle(1), new Square(3)), Optional.of("plan")));

      assertThat(run.output()).isEqualTo(new Square(100));
      assertThat(run.outputs().getLiteralsOrThrow("o0").getScalar().hasUnion()).isTrue();
    }
  }
}
