package dev.ferry.executor.junit;

import dev.ferry.executor.LocalExecutor;
import dev.ferry.executor.Run;
import dev.ferry.sdk.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a local executor in a temporary directory (runs, cache, downloads), with no
 * secrets from the real environment, and removes it afterwards:
 *
 * <pre>{@code
 * @RegisterExtension final FerryExtension ferry = FerryExtension.create();
 *
 * @Test
 * void train_scoresTheModel() {
 *   Run<Double> run = ferry.run(Pipeline.TRAIN, new Params(3, 0.1));
 *   assertThat(run.output()).isGreaterThan(0.9);
 *   assertThat(run.actions()).allMatch(a -> a.phase() == Phase.SUCCEEDED);
 * }
 * }</pre>
 *
 * A test method may also take the {@link LocalExecutor} as a parameter. The executor is built for
 * each test by {@link #create(UnaryOperator)}'s customizer applied to the default builder.
 */
public final class FerryExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private final UnaryOperator<LocalExecutor.Builder> customize;
  private @Nullable Path dir;
  private @Nullable LocalExecutor executor;

  private FerryExtension(UnaryOperator<LocalExecutor.Builder> customize) {
    this.customize = customize;
  }

  /** Returns the extension with the defaults (cache on, bound = cores, no secrets). */
  public static FerryExtension create() {
    return new FerryExtension(UnaryOperator.identity());
  }

  /** Returns the extension with the executor's builder changed by {@code customize}. */
  public static FerryExtension create(UnaryOperator<LocalExecutor.Builder> customize) {
    return new FerryExtension(customize);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    Path d = Files.createTempDirectory("ferry-test-");
    dir = d;
    executor =
        customize
            .apply(
                LocalExecutor.builder()
                    .root(d.resolve("runs"))
                    .cacheDir(d.resolve("cache"))
                    .downloads(d.resolve("downloads"))
                    .env(Map.of())
                    .progress(false))
            .build();
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    if (executor != null) {
      executor.close();
      executor = null;
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
      dir = null;
    }
  }

  /** Returns this test's executor. */
  public LocalExecutor executor() {
    if (executor == null) {
      throw new IllegalStateException("the Ferry executor exists only while a test runs");
    }
    return executor;
  }

  /** Returns this test's temporary directory. */
  public Path directory() {
    if (dir == null) {
      throw new IllegalStateException("the Ferry directory exists only while a test runs");
    }
    return dir;
  }

  /** Runs {@code task} on {@code input} and returns the finished run. */
  public <I, O> Run<O> run(Task<I, O> task, @Nullable I input) {
    return executor().run(task, input);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalExecutor.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return executor();
  }

  @Override
  public String toString() {
    return "FerryExtension{" + dir + "}";
  }
}
