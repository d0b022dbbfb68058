package dev.ferry.transformers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record permitted by a sealed interface as a single-value variant of the union: the record
 * stands for the variant of its one component's type, not for a dataclass. With it a sealed
 * interface is a union of any types, as {@code Union[int, str, List[str], Color, FlyteFile, None]}
 * is in Python:
 *
 * <pre>{@code
 * sealed interface IntOrStr {
 *   @UnionValue
 *   record I(long value) implements IntOrStr {} // variant int, tag "int"
 *
 *   @UnionValue
 *   record S(String value) implements IntOrStr {} // variant str, tag "str"
 *
 *   @UnionValue
 *   record Nothing() implements IntOrStr {} // variant none (no component)
 * }
 * }</pre>
 *
 * The literal is {@code Scalar.union{value of the component, type of its variant}}, with the
 * variant types and tags the Python SDK writes; the variant is chosen by the value's class when
 * writing and by the literal's variant type when reading. A record without this annotation is a
 * dataclass variant ({@code "Object-Dataclass-Transformer"}). Variants the Python SDK could not
 * tell apart (the same tag and type, such as {@code long} and {@code int}) are a definition error.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface UnionValue {}
