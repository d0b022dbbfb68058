package dev.ferry.engine;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Thrown at lookup when a Java type cannot be converted: no transformer accepts it, or one of its
 * components is unsupported. The message names the type, the chain of lookups that led to it
 * (outermost last) and what to do.
 *
 * <pre>
 * no transformer for java.util.ArrayList&lt;java.lang.String&gt;: declare it as java.util.List
 *   for component 'tags' of record com.acme.Order
 *   for element of java.util.List&lt;com.acme.Order&gt;
 * </pre>
 */
public class TypeDefinitionException extends FerryException {
  private final TypeRef<?> type;
  private final String reason;
  private final List<String> chain = new ArrayList<>();

  /** Creates the exception for {@code type}; {@code reason} says why and what to do. */
  public TypeDefinitionException(TypeRef<?> type, String reason) {
    this(type, reason, null);
  }

  /** Creates the exception for {@code type} with a cause. */
  public TypeDefinitionException(TypeRef<?> type, String reason, @Nullable Throwable cause) {
    super(cause);
    this.type = type;
    this.reason = reason;
  }

  /** Returns the type that could not be handled: the innermost of the chain. */
  public TypeRef<?> type() {
    return type;
  }

  /** Returns why the type could not be handled and what to do. */
  public String reason() {
    return reason;
  }

  /** Returns the lookups that led to the type, innermost first ("component 'tags' of ..."). */
  public List<String> chain() {
    return List.copyOf(chain);
  }

  /** Adds an enclosing lookup; called by the engine as the lookup unwinds. */
  TypeDefinitionException addChain(String step) {
    if (chain.isEmpty() || !chain.get(chain.size() - 1).equals(step)) {
      chain.add(step);
    }
    return this;
  }

  @Override
  public String getMessage() {
    StringBuilder sb = new StringBuilder(reason);
    for (String step : chain) {
      sb.append("\n  for ").append(step);
    }
    return sb.toString();
  }
}
