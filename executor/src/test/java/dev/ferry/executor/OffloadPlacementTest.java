package dev.ferry.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.engine.OffloadPolicy;
import dev.ferry.engine.TypeEngine;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.idl.core.Primitive;
import dev.ferry.idl.core.Scalar;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskContext;
import dev.ferry.sdk.TaskEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where an attempt writes an offloaded output: raw prefix (local) or beside outputs.pb (pod). */
class OffloadPlacementTest {
  static String big(long size) {
    return "x".repeat((int) size);
  }

  static final Task<Long, String> BIG =
      TaskEnvironment.of("offl").task("big", OffloadPlacementTest::big);

  /** Offload above 1 KiB, refuse above 64 KiB. */
  static final OffloadPolicy POLICY = new OffloadPolicy(1024, 64 * 1024);

  @TempDir Path tmp;
  BlobStores stores;
  ScheduledExecutorService timer;

  @BeforeEach
  void setUp() {
    stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()));
    timer = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void tearDown() throws Exception {
    timer.shutdownNow();
    stores.close();
  }

  private ActionExecution execution(ActionExecution.OffloadPlacement placement) {
    return new ActionExecution(
        TypeEngine.createDefault(),
        stores,
        POLICY,
        tmp.resolve("downloads"),
        new SecretResolver(Map.of(), null),
        TaskContext.Mode.CLUSTER,
        timer,
        placement);
  }

  private ActionPaths paths(long size) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("attempt"));
    LiteralMap inputs =
        LiteralMap.newBuilder()
            .putLiterals(
                "size",
                Literal.newBuilder()
                    .setScalar(
                        Scalar.newBuilder().setPrimitive(Primitive.newBuilder().setInteger(size)))
                    .build())
            .build();
    Files.write(dir.resolve("inputs.pb"), inputs.toByteArray());
    return ActionPaths.under(dir.toUri(), null);
  }

  @Test
  void outputPrefix_writesTheLiteralBesideOutputsPb_andNothingUnderTheRawPrefix() throws Exception {
    ActionPaths paths = paths(4000);

    ActionExecution.Outcome outcome =
        execution(ActionExecution.OffloadPlacement.OUTPUT_PREFIX)
            .execute(BIG, paths, new ActionExecution.Attempt("r", "a0", 0), null, null);

    assertThat(outcome.succeeded()).as(String.valueOf(outcome.error())).isTrue();
    Literal o0 =
        LiteralMap.parseFrom(Files.readAllBytes(Path.of(paths.outputs()))).getLiteralsOrThrow("o0");
    Path expected = Path.of(paths.outputPrefix()).resolve("o0_offloaded_metadata.pb");
    assertThat(paths.offloaded("o0")).isEqualTo(expected.toUri());
    assertThat(o0.getOffloadedMetadata().getUri()).isEqualTo(paths.offloaded("o0").toString());
    byte[] stored = Files.readAllBytes(expected);
    assertThat(o0.getOffloadedMetadata().getSizeBytes()).isEqualTo(stored.length);
    assertThat(o0.getOffloadedMetadata().getInferredType().getSimple().name()).isEqualTo("STRING");
    assertThat(o0.getHash())
        .isEqualTo(
            Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(stored)));
    assertThat(Literal.parseFrom(stored).getScalar().getPrimitive().getStringValue())
        .isEqualTo(big(4000));
    assertThat(filesUnder(Path.of(paths.rawOutputPrefix()))).isEmpty();
  }

  @Test
  void rawPrefix_staysTheDefault() throws Exception {
    ActionPaths paths = paths(4000);

    ActionExecution.Outcome outcome =
        execution(ActionExecution.OffloadPlacement.RAW_PREFIX)
            .execute(BIG, paths, new ActionExecution.Attempt("r", "a0", 0), null, null);

    assertThat(outcome.succeeded()).as(String.valueOf(outcome.error())).isTrue();
    Literal o0 =
        LiteralMap.parseFrom(Files.readAllBytes(Path.of(paths.outputs()))).getLiteralsOrThrow("o0");
    assertThat(o0.getOffloadedMetadata().getUri()).startsWith(paths.rawOutputPrefix().toString());
    assertThat(Path.of(paths.offloaded("o0"))).doesNotExist();
  }

  @Test
  void outputPrefix_aboveTheMaximum_isAUserErrorAndWritesNoLiteral() throws Exception {
    ActionPaths paths = paths(100_000);

    ActionExecution.Outcome outcome =
        execution(ActionExecution.OffloadPlacement.OUTPUT_PREFIX)
            .execute(BIG, paths, new ActionExecution.Attempt("r", "a0", 0), null, null);

    assertThat(outcome.succeeded()).isFalse();
    assertThat(java.util.Objects.requireNonNull(outcome.error()).getMessage())
        .contains("_F_L_MAX_SIZE_MB");
    assertThat(Path.of(paths.offloaded("o0"))).doesNotExist();
    assertThat(Path.of(paths.outputs())).doesNotExist();
  }

  private static List<Path> filesUnder(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }
}
