package dev.ferry.transformers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Flyte value of an enum constant, when it differs from the constant's name: mirror a Python
 * enum whose values are lower case.
 *
 * <pre>{@code
 * enum Color {
 *   @EnumValue("red")
 *   RED,
 *   @EnumValue("green")
 *   GREEN
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface EnumValue {
  /** Returns the value written for the constant. */
  String value();
}
