package dev.ferry.examples.snippets.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's tasks example on the embedded executor. */
class ReadmeTasksTest {
  @TempDir Path tmp;

  @Test
  void readmeTasks_runLocally() throws IOException {
    Path secrets = tmp.resolve("secrets");
    Files.createDirectories(secrets.resolve("wandb"));
    Files.writeString(secrets.resolve("wandb").resolve("api-key"), "k");
    Pipeline.Score best =
        Pipeline.runLocally(
            tmp.resolve("runs"),
            secrets,
            List.of(new Pipeline.Params(10, 0.1), new Pipeline.Params(10, 0.5)));
    assertThat(best).isEqualTo(new Pipeline.Score("rate 0.5", 5.0));
  }
}
