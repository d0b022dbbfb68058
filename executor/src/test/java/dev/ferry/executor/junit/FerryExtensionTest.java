package dev.ferry.executor.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.executor.LocalExecutor;
import dev.ferry.executor.Phase;
import dev.ferry.executor.Run;
import dev.ferry.sdk.Cache;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FerryExtensionTest {
  record Greeting(String name) {}

  static String greet(Greeting g) {
    return "hello " + g.name();
  }

  static final Task<Greeting, String> GREET =
      TaskEnvironment.of("hello")
          .task("greet", FerryExtensionTest::greet, o -> o.cache(Cache.auto()));

  @RegisterExtension final FerryExtension ferry = FerryExtension.create(b -> b.maxConcurrency(1));

  @Test
  void run_inATemporaryRoot() {
    Run<String> run = ferry.run(GREET, new Greeting("ana"));

    assertThat(run.output()).isEqualTo("hello ana");
    assertThat(run.phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(Path.of(run.directory())).startsWith(ferry.directory());
  }

  @Test
  void eachTest_hasAFreshCache(LocalExecutor executor) {
    assertThat(executor).isSameAs(ferry.executor());
    assertThat(ferry.run(GREET, new Greeting("ana")).action("a0").cacheHit()).isFalse();
    assertThat(ferry.run(GREET, new Greeting("ana")).action("a0").cacheHit()).isTrue();
  }
}
