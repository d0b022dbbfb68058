package dev.ferry.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.TextFormat;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.TypedInterface;
import dev.ferry.schema.NamedOutputs;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskTest {
  record AddInputs(long a, long b) {}

  record Point(long x, long y) {}

  record Split(List<String> train, List<String> test) implements NamedOutputs {}

  static long add(AddInputs in) {
    return in.a() + in.b();
  }

  static Point origin(Point p) {
    return new Point(0, 0);
  }

  static Split split(List<String> rows) {
    return new Split(rows, rows);
  }

  static Void nothing(AddInputs in) {
    return null;
  }

  static long square(long x) {
    return x * x;
  }

  static <T> T identity(T t) {
    return t;
  }

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TaskEnvironment env = TaskEnvironment.of("math");

  @Test
  void task_methodReference_interfaceEqualsThePythonSdks() throws Exception {
    Task<AddInputs, Long> add = env.task("add", TaskTest::add);

    assertThat(add.name()).isEqualTo("math.add");
    assertThat(add.typedInterface(engine))
        .isEqualTo(
            TextFormat.parse(
                """
                inputs {
                  variables { key: "a" value { type { simple: INTEGER } description: "a" } }
                  variables { key: "b" value { type { simple: INTEGER } description: "b" } }
                }
                outputs {
                  variables { key: "o0" value { type { simple: INTEGER } description: "o0" } }
                }
                """,
                TypedInterface.class));
  }

  @Test
  void task_recordResult_isOneStructOutputO0() {
    Task<Point, Point> t = env.task("origin", TaskTest::origin);
    TypedInterface ti = t.typedInterface(engine);

    assertThat(ti.getOutputs().getVariablesMap()).containsOnlyKeys("o0");
    assertThat(ti.getOutputs().getVariablesOrThrow("o0").getType())
        .isEqualTo(engine.literalType(Point.class));
  }

  @Test
  void task_namedOutputs_oneOutputPerComponent_singleInputNamedAfterParameter() {
    Task<List<String>, Split> t = env.task("split", TaskTest::split);
    TypedInterface ti = t.typedInterface(engine);

    assertThat(t.inputKind()).isEqualTo(Task.InputKind.SINGLE);
    assertThat(ti.getInputs().getVariablesMap()).containsOnlyKeys("rows");
    assertThat(ti.getOutputs().getVariablesMap()).containsOnlyKeys("train", "test");
  }

  @Test
  void task_voidResult_hasNoOutputs() {
    assertThat(
            env.task("nothing", TaskTest::nothing)
                .typedInterface(engine)
                .getOutputs()
                .getVariablesMap())
        .isEmpty();
  }

  @Test
  void task_primitiveMethod_isBoxed() {
    Task<Long, Long> sq = env.task("square", TaskTest::square);
    assertThat(sq.inputType()).isEqualTo(TypeRef.of(Long.class));
    assertThat(sq.inputName()).isEqualTo("x");
  }

  @Test
  void task_lambdaOverGenericType_failsSayingToPassTypes() {
    assertThatThrownBy(() -> env.task("sum", (List<Long> xs) -> xs.size()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task math.sum: cannot infer the input type from")
        .hasMessageContaining("the raw type java.util.List")
        .hasMessageContaining("new TypeRef<In>() {}");
  }

  @Test
  void task_explicitTypes_forGenericLambda() {
    Task<List<Long>, Integer> sum =
        env.task("sum", new TypeRef<List<Long>>() {}, TypeRef.of(Integer.class), xs -> xs.size());
    assertThat(sum.typedInterface(engine).getInputs().getVariablesMap()).containsOnlyKeys("input");
  }

  @Test
  void task_genericMethod_failsNamingTheTypeVariable() {
    TaskFunction<String, String> id = TaskTest::identity;
    assertThatThrownBy(() -> env.task("id", id)).hasMessageContaining("the type variable T");
  }

  @Test
  void task_supplier_hasNoInputs() {
    Task<Void, String> hello = env.task("hello", () -> "hi");
    assertThat(hello.inputKind()).isEqualTo(Task.InputKind.NONE);
    assertThat(hello.typedInterface(engine).getInputs().getVariablesMap()).isEmpty();
  }

  @Test
  void task_optionsFromEnvironmentThenTask_andDescriptions() {
    TaskEnvironment e =
        TaskEnvironment.builder("ml").cache(Cache.version("v1")).env("A", "1").build();
    Task<AddInputs, Long> add =
        e.task("add", TaskTest::add, o -> o.retries(3).describe("a", "left operand"));

    assertThat(add.options().cache()).isEqualTo(Cache.version("v1"));
    assertThat(add.options().env()).containsEntry("A", "1");
    assertThat(add.options().retries().count()).isEqualTo(3);
    assertThat(add.cacheVersion()).isEqualTo("v1");
    assertThat(add.typedInterface(engine).getInputs().getVariablesOrThrow("a").getDescription())
        .isEqualTo("left operand");
    assertThat(add.override(o -> o.retries(0)).options().retries().count()).isZero();
    assertThatThrownBy(() -> add.with(o -> o.describe("c", "nope")).typedInterface(engine))
        .hasMessage(
            "description of 'c' names no input or output of task ml.add: inputs [a, b], outputs"
                + " [o0]");
  }

  @Test
  void cacheVersion_auto_isAHashOfTheImplementingClass() {
    Task<AddInputs, Long> add = env.task("add", TaskTest::add, o -> o.cache(Cache.auto()));
    assertThat(add.implementationClass()).isEqualTo(TaskTest.class);
    assertThat(add.cacheVersion()).matches("auto-[0-9a-f]{16}");
    assertThat(env.task("add2", TaskTest::add, o -> o.cache(Cache.auto())).cacheVersion())
        .isEqualTo(add.cacheVersion());
  }

  @Test
  void call_outsideATask_saysToUseTheExecutor() {
    Task<AddInputs, Long> add = env.task("add", TaskTest::add);
    assertThatThrownBy(() -> add.call(new AddInputs(1, 2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "a task can call another task only while it runs: start the pipeline with"
                + " Ferry.run(task, input)");
  }

  @Test
  void taskName_invalid_rejected() {
    assertThatThrownBy(() -> env.task("a.b", TaskTest::add)).hasMessageEndingWith("but was 'a.b'");
  }
}
