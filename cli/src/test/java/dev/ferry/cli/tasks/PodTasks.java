package dev.ferry.cli.tasks;

import dev.ferry.engine.TypeRef;
import dev.ferry.sdk.RecoverableException;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskContext;
import dev.ferry.sdk.TaskEnvironment;
import java.util.List;

/** Tasks {@code ferry execute} runs in the pod tests. */
public final class PodTasks {
  private PodTasks() {}

  /** Inputs of {@code hello}. */
  public record Greeting(String name, long times) {}

  /** Inputs of {@code big}. */
  public record Size(long bytes) {}

  /** Inputs of the failing tasks. */
  public record Why(String reason) {}

  /** The interface of the Go backend's golden inputs: {@code x: int, y: list of str}. */
  public record GoInputs(long x, List<String> y) {}

  public static final TaskEnvironment ENV = TaskEnvironment.of("pod");

  /** Prints a first line, appends to the report and returns what the pod's context says. */
  public static final Task<Greeting, String> HELLO =
      ENV.task(
          "hello",
          g -> {
            System.out.println("hello task started");
            TaskContext ctx = TaskContext.current();
            ctx.appendReport("<h1>Hello " + g.name() + "</h1>");
            return g.name().repeat((int) g.times())
                + "|run="
                + ctx.runName()
                + "|action="
                + ctx.actionName()
                + "|attempt="
                + ctx.attempt()
                + "|mode="
                + ctx.mode()
                + "|raw="
                + ctx.rawDataPrefix()
                + "|prev="
                + ctx.previousCheckpointPrefix().map(Object::toString).orElse("none");
          });

  /** Returns a string of the given size (to be offloaded). */
  public static final Task<Size, String> BIG = ENV.task("big", s -> "x".repeat((int) s.bytes()));

  /** Fails with a user error. */
  public static final Task<Why, String> FAIL =
      ENV.task(
          "fail",
          w -> {
            throw new IllegalStateException("bad value " + w.reason());
          });

  /** Fails with a recoverable user error. */
  public static final Task<Why, String> FLAKY =
      ENV.task(
          "flaky",
          w -> {
            throw new RecoverableException("try again: " + w.reason());
          });

  /** Calls {@link SampleTasks#ADD} twice: child actions inside the pod. */
  public static final Task<SampleTasks.Pair, Long> PARENT =
      ENV.task(
          "parent",
          p -> SampleTasks.ADD.call(p) + SampleTasks.ADD.call(new SampleTasks.Pair(p.a(), p.a())));

  /** Joins the Go backend's list {@code x} times. */
  public static final Task<GoInputs, String> GO =
      ENV.task("go", g -> String.join(",", g.y()).repeat((int) g.x()));

  /** Has no outputs: {@code outputs.pb} is an empty map. */
  public static final Task<Why, Void> QUIET =
      ENV.task(
          "quiet",
          TypeRef.of(Why.class),
          TypeRef.of(Void.class),
          w -> {
            System.out.println("quiet: " + w.reason());
            return null;
          });

  /** No inputs, one line: what the start-up measurement runs. */
  public static final Task<Void, String> TRIVIAL =
      ENV.task(
          "trivial",
          () -> {
            System.out.println("trivial task started");
            return "ok";
          });

  /** Holds no task. */
  public static final String NOT_A_TASK = "nothing";
}
