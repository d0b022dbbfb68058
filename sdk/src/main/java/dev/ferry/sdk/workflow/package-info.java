/**
 * Workflows: DAGs of tasks whose nodes run as separate pods on a Flyte cluster, built with typed
 * promises ({@link dev.ferry.sdk.workflow.Workflow}), with maps ({@code ArrayNode}) and conditions
 * ({@link dev.ferry.sdk.workflow.Condition}, {@code BranchNode}), compiled to a {@code
 * WorkflowTemplate} and runnable on the local executor as a task.
 */
@NullMarked
package dev.ferry.sdk.workflow;

import org.jspecify.annotations.NullMarked;
