package dev.ferry.dataframe.parquet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the precision and scale of the decimal column a {@code BigDecimal} component of a
 * dataset row is written as; it applies to the decimal inside the component too ({@code
 * Optional<BigDecimal>}, {@code List<BigDecimal>}). Without it a decimal column is {@code
 * decimal(38, 18)}, the widest 128-bit decimal with Spark's default scale.
 *
 * <p>A value is written exactly or not at all: one with more digits after the point than {@link
 * #scale()}, or more digits in all than {@link #precision()} once scaled, fails with the row and
 * column named. Reading returns the file's values at the file's scale, whatever this says.
 *
 * <pre>{@code
 * record Payment(String id, @DecimalColumn(precision = 12, scale = 2) BigDecimal amount) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
public @interface DecimalColumn {
  /** The default precision: 38 digits, the most a 128-bit decimal holds. */
  int DEFAULT_PRECISION = 38;

  /** The default scale: 18 digits after the point. */
  int DEFAULT_SCALE = 18;

  /** Returns the number of significant digits, 1 to 38. */
  int precision();

  /** Returns the number of digits after the point, 0 to the precision. */
  int scale();
}
