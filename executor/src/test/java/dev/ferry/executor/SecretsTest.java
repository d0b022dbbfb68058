package dev.ferry.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.idl.core.ContainerError;
import dev.ferry.idl.core.ErrorDocument;
import dev.ferry.sdk.Secret;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskContext;
import dev.ferry.sdk.TaskEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
  static final AtomicInteger BODIES = new AtomicInteger();
  static final TaskEnvironment ENV =
      TaskEnvironment.builder("sec").secrets(Secret.of("db", "password")).build();

  static String useSecret(String what) {
    BODIES.incrementAndGet();
    String pw = TaskContext.current().secret("db/password");
    if (what.equals("leak")) {
      throw new IllegalStateException("login failed for password " + pw);
    }
    return "length " + pw.length();
  }

  static final Task<String, String> USE = ENV.task("use", SecretsTest::useSecret);

  @TempDir Path tmp;

  @BeforeEach
  void reset() {
    BODIES.set(0);
  }

  @Test
  void missingSecret_failsBeforeTheBody_namingWhereItWasLooked() throws Exception {
    Path dir = tmp.resolve("secrets");
    try (LocalExecutor ferry =
        LocalExecutor.builder().root(tmp.resolve("runs")).env(Map.of()).secretsDir(dir).build()) {
      Run<String> run = ferry.run(USE, "ok");

      assertThat(run.phase()).isEqualTo(Phase.FAILED);
      assertThat(BODIES.get()).isZero();
      ContainerError e =
          ErrorDocument.parseFrom(
                  Files.readAllBytes(Path.of(run.action("a0").attempts().get(0).errorUri())))
              .getError();
      assertThat(e.getCode()).isEqualTo("USER:MissingSecret");
      assertThat(e.getKind()).isEqualTo(ContainerError.Kind.NON_RECOVERABLE);
      assertThat(e.getMessage())
          .isEqualTo(
              "Message:\n\n    secret 'db/password' of task sec.use was not found: set the"
                  + " environment variable _FSEC_DB_PASSWORD or write the file "
                  + dir.resolve("db").resolve("password"));
    }
  }

  @Test
  void secretFromDirectory_reachesTheBody_andIsMaskedInErrors() throws Exception {
    Path dir = tmp.resolve("secrets");
    Files.createDirectories(dir.resolve("db"));
    Files.writeString(dir.resolve("db/password"), "hunter2\n");
    try (LocalExecutor ferry =
        LocalExecutor.builder().root(tmp.resolve("runs")).env(Map.of()).secretsDir(dir).build()) {
      assertThat(ferry.run(USE, "ok").output()).isEqualTo("length 7");

      Run<String> leak = ferry.run(USE, "leak");
      byte[] doc = Files.readAllBytes(Path.of(leak.action("a0").attempts().get(0).errorUri()));
      String message = ErrorDocument.parseFrom(doc).getError().getMessage();
      assertThat(message).contains("login failed for password [secret]");
      assertThat(new String(doc, java.nio.charset.StandardCharsets.UTF_8))
          .doesNotContain("hunter2");
    }
  }

  @Test
  void secretFromEnvironment_winsOverTheDirectory() {
    try (LocalExecutor ferry =
        LocalExecutor.builder()
            .root(tmp.resolve("runs"))
            .env(Map.of("_FSEC_DB_PASSWORD", "abc"))
            .build()) {
      assertThat(ferry.run(USE, "ok").output()).isEqualTo("length 3");
    }
  }
}
