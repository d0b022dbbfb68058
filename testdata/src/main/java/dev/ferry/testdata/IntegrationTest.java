package dev.ferry.testdata;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class (or method) as an integration test: one that needs Python, a subprocess server
 * (S3Mock, S3Proxy) or big data. The root pom runs such tests with maven-failsafe in the {@code
 * integration-test} phase of {@code ./mvnw verify}, and keeps them out of surefire's {@code test}
 * phase. It is the JUnit 5 tag {@value #TAG}; a module without {@code testdata} on its test class
 * path writes {@code @Tag("integration")} to the same effect.
 *
 * <p>An integration test whose prerequisite is missing fails, naming what is missing; it never
 * skips and never passes silently.
 *
 * <pre>{@code
 * @IntegrationTest
 * class PandasInteropTest { ... }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(IntegrationTest.TAG)
public @interface IntegrationTest {
  /** The JUnit 5 tag the root pom's surefire excludes and failsafe includes. */
  String TAG = "integration";
}
