package dev.ferry.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadsTest {
  static final TaskEnvironment ENV = TaskEnvironment.of("threads");

  static String where(Long n) {
    return Thread.currentThread().getName();
  }

  static final Task<Long, String> WHERE = ENV.task("where", ThreadsTest::where);

  static String parent(Long n) {
    return WHERE.call(n) + "," + Thread.currentThread().getName();
  }

  static final Task<Long, String> PARENT = ENV.task("parent", ThreadsTest::parent);

  @TempDir Path tmp;

  @Test
  void givenPool_runsEveryAction_andIsLeftRunningAfterClose() {
    AtomicInteger made = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "mine-" + made.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      try (LocalExecutor ferry =
          LocalExecutor.builder().root(tmp).cache(false).threads(pool).build()) {
        Run<String> run = ferry.run(PARENT, 1L);

        assertThat(run.phase()).isEqualTo(Phase.SUCCEEDED);
        String[] names = run.output().split(",");
        assertThat(names).hasSize(2).allSatisfy(n -> assertThat(n).startsWith("mine-"));
        assertThat(names[0]).as("the child runs on its own thread").isNotEqualTo(names[1]);
      }
      assertThat(pool.isShutdown()).as("the owner's pool").isFalse();
    } finally {
      pool.shutdownNow();
    }
  }
}
