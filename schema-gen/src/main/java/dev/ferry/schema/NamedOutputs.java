package dev.ferry.schema;

/**
 * Marks a record whose components are a task's outputs, one output per component, as a Python
 * {@code NamedTuple} return type names them. Without the marker a record result is a single output
 * {@code o0} (a dataclass, STRUCT).
 *
 * <pre>{@code
 * record Split(List<Row> train, List<Row> test) implements NamedOutputs {}
 * // outputs: train, test
 * }</pre>
 */
public interface NamedOutputs {}
