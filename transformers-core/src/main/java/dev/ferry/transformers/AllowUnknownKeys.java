package dev.ferry.transformers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets a record be read from msgpack that has keys it does not declare (they are skipped). Without
 * it, an unknown key is a data error: a field renamed on one side is caught, not dropped.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AllowUnknownKeys {}
