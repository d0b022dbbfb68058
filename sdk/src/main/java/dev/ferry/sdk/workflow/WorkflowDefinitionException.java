package dev.ferry.sdk.workflow;

import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeRef;

/**
 * Thrown while a workflow is defined when a node's input is bound to a value of the wrong type, is
 * missing or is unknown. The message names the workflow, the node, the input, and the expected and
 * the actual type:
 *
 * <pre>
 * workflow examples.wf: node n2 (task examples.best) input 'scores': expected List[float]
 *   (java.util.List&lt;java.lang.Double&gt;) but got List[str] (java.util.List&lt;java.lang.String&gt;)
 * </pre>
 */
public class WorkflowDefinitionException extends TypeDefinitionException {
  private final String node;
  private final String input;

  /** Creates the exception for {@code input} of {@code node}; {@code actual} is the bound type. */
  public WorkflowDefinitionException(String node, String input, TypeRef<?> actual, String reason) {
    super(actual, reason);
    this.node = node;
    this.input = input;
  }

  /** Returns the id of the node whose input is wrong ({@code n0}, ...; "outputs" for outputs). */
  public String node() {
    return node;
  }

  /** Returns the name of the input (or workflow output) that is wrong. */
  public String input() {
    return input;
  }
}
