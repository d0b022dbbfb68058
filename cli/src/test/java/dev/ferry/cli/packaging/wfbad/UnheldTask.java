package dev.ferry.cli.packaging.wfbad;

import dev.ferry.engine.TypeRef;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import dev.ferry.sdk.workflow.Workflow;

/** A workflow whose node runs a task that no static field holds: it cannot be packaged. */
public final class UnheldTask {
  private UnheldTask() {}

  public static final Task<String, String> HELD =
      TaskEnvironment.of("bad").task("held", s -> s + "!");

  public static final Workflow<String, String> FLOW =
      Workflow.define(
          "bad.flow",
          String.class,
          String.class,
          (b, in) ->
              b.call(
                  TaskEnvironment.of("bad")
                      .task("hidden", TypeRef.of(String.class), TypeRef.of(String.class), s -> s),
                  b.call(HELD, in)));
}
