package dev.ferry.transformers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name a record component has on the wire (msgpack key, JSON Schema property, {@code
 * dataclass_type} entry), when it differs from the Java name: Python fields are snake_case.
 *
 * <pre>{@code
 * record Order(@FieldName("order_id") long orderId, @FieldName("unit_price") double unitPrice) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
public @interface FieldName {
  /** Returns the name on the wire. */
  String value();
}
