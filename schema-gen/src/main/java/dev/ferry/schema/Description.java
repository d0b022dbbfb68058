package dev.ferry.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The description of a task input or output in its {@code TypedInterface}; without it the
 * description is the variable's name, as the Python SDK writes it.
 *
 * <pre>{@code
 * record Inputs(@Description("rows to read") long limit, String table) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
public @interface Description {
  /** Returns the description. */
  String value();
}
