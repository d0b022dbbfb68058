package dev.ferry.cli.packaging.branches;

import dev.ferry.engine.TypeRef;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import dev.ferry.sdk.workflow.Condition;
import dev.ferry.sdk.workflow.Promise;
import dev.ferry.sdk.workflow.Workflow;

/**
 * A workflow with a branch node (if, elif, else) whose output feeds a last node, packaged by {@code
 * PackageWorkflowTest} (its own package, scanned alone).
 */
public final class BranchWorkflows {
  private BranchWorkflows() {}

  static final TaskEnvironment ENV = TaskEnvironment.of("pbr");

  public static final Task<Long, String> BIG =
      ENV.task("big", TypeRef.of(Long.class), TypeRef.of(String.class), n -> "big " + n);

  public static final Task<Long, String> SMALL =
      ENV.task("small", TypeRef.of(Long.class), TypeRef.of(String.class), n -> "small " + n);

  public static final Task<Long, String> NONE =
      ENV.task("none", TypeRef.of(Long.class), TypeRef.of(String.class), n -> "none");

  public static final Task<String, Integer> LENGTH =
      ENV.task("length", TypeRef.of(String.class), TypeRef.of(Integer.class), String::length);

  public static final Workflow<Long, Integer> SIZED =
      Workflow.define(
          "pbr.sized",
          Long.class,
          Integer.class,
          (b, n) -> {
            Promise<String> label =
                b.when(Condition.gt(n, 100L), BIG, n)
                    .orWhen(Condition.gt(n, 0L).and(Condition.lte(n, 100L)), SMALL, n)
                    .otherwise(NONE, n);
            return b.call(LENGTH, label);
          });
}
