package dev.ferry.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.OffloadPolicy;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.sdk.Cache;
import dev.ferry.sdk.RecoverableException;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskContext;
import dev.ferry.sdk.TaskEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A map's elements read their inputs from one document, as a Flyte {@code ArrayNode}'s subtasks
 * read their node's {@code inputs.pb}: each variable a collection, each element its index.
 */
class MapInputsTest {
  record Item(long x, String label) {}

  static final TaskEnvironment ENV = TaskEnvironment.of("maps");
  static final Map<String, Integer> ATTEMPTS = new ConcurrentHashMap<>();

  static String describe(Item item) {
    return item.label() + "=" + item.x() * 2;
  }

  static final Task<Item, String> DESCRIBE = ENV.task("describe", MapInputsTest::describe);

  static String flaky(Item item) {
    int n = ATTEMPTS.merge(item.label(), 1, Integer::sum);
    if (item.x() == 2 && n == 1) {
      throw new RecoverableException("first attempt of " + item.label());
    }
    return item.label() + "@" + TaskContext.current().attempt();
  }

  static final Task<Item, String> FLAKY =
      ENV.task("flaky", MapInputsTest::flaky, o -> o.retries(1));

  static List<Item> items(long n) {
    return LongStream.range(0, n).mapToObj(i -> new Item(i, "item-" + i)).toList();
  }

  static String mapDescribe(Long n) {
    return String.join(" ", DESCRIBE.map(items(n)));
  }

  static final Task<Long, String> MAP_DESCRIBE =
      ENV.task("map_describe", MapInputsTest::mapDescribe);

  static String mapFlaky(Long n) {
    return String.join(" ", FLAKY.map(items(n)));
  }

  static final Task<Long, String> MAP_FLAKY = ENV.task("map_flaky", MapInputsTest::mapFlaky);

  static final Task<Item, String> CACHED =
      ENV.task("describe_cached", MapInputsTest::describe, o -> o.cache(Cache.auto()));

  static String mapCached(Long n) {
    return String.join(" ", CACHED.map(items(n)));
  }

  static final Task<Long, String> MAP_CACHED = ENV.task("map_cached", MapInputsTest::mapCached);

  static String callCached(Long x) {
    return CACHED.call(new Item(x, "item-" + x));
  }

  static final Task<Long, String> CALL_CACHED = ENV.task("call_cached", MapInputsTest::callCached);

  @TempDir Path tmp;
  @org.jspecify.annotations.Nullable LocalExecutor ferry;

  @AfterEach
  void tearDown() {
    LocalExecutor f = ferry;
    if (f != null) {
      f.close();
    }
  }

  @Test
  void map_writesOneInputsDocument_eachElementReadsItsIndex() throws Exception {
    ferry = LocalExecutor.builder().root(tmp.resolve("runs")).cache(false).build();

    Run<String> run = ferry.run(MAP_DESCRIBE, 5L);

    assertThat(run.output()).isEqualTo("item-0=0 item-1=2 item-2=4 item-3=6 item-4=8");
    Path document = Path.of(run.directory()).resolve("a0/0/map1/inputs.pb");
    LiteralMap inputs = LiteralMap.parseFrom(Files.readAllBytes(document));
    assertThat(inputs.getLiteralsMap()).containsOnlyKeys("x", "label");
    assertThat(inputs.getLiteralsOrThrow("x").getCollection().getLiteralsList())
        .extracting(l -> l.getScalar().getPrimitive().getInteger())
        .containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(inputs.getLiteralsOrThrow("label").getCollection().getLiteralsList())
        .extracting(l -> l.getScalar().getPrimitive().getStringValue())
        .containsExactly("item-0", "item-1", "item-2", "item-3", "item-4");
    List<Action> elements = run.actionsOf("maps.describe");
    assertThat(elements).hasSize(5);
    for (int i = 0; i < 5; i++) {
      ActionAttempt attempt = elements.get(i).attempts().get(0);
      assertThat(attempt.paths().inputElement()).hasValue(i);
      assertThat(Path.of(attempt.inputsUri())).isEqualTo(document);
      assertThat(attempt.paths().inputsWhere()).isEqualTo(attempt.inputsUri() + "[" + i + "]");
      Path own = Objects.requireNonNull(Path.of(attempt.outputsUri()).getParent());
      assertThat(own.resolve("inputs.pb")).as("no inputs.pb of its own").doesNotExist();
      LiteralMap out = LiteralMap.parseFrom(Files.readAllBytes(own.resolve("outputs.pb")));
      assertThat(out.getLiteralsOrThrow("o0").getScalar().getPrimitive().getStringValue())
          .isEqualTo("item-" + i + "=" + 2 * i);
    }
  }

  @Test
  void map_retriedElement_readsTheSameElementAgain() {
    ATTEMPTS.clear();
    ferry =
        LocalExecutor.builder()
            .root(tmp.resolve("runs"))
            .cache(false)
            .systemRetries(0, java.time.Duration.ZERO)
            .build();

    Run<String> run = ferry.run(MAP_FLAKY, 4L);

    assertThat(run.output()).isEqualTo("item-0@0 item-1@0 item-2@1 item-3@0");
    Action retried = run.actionsOf("maps.flaky").get(2);
    assertThat(retried.attempts()).hasSize(2);
    assertThat(retried.attempts())
        .extracting(a -> a.paths().inputElement().orElse(-1))
        .containsExactly(2, 2);
  }

  @Test
  void map_cacheKeysAreTheElements_aCallHitsWhatAMapElementCached() {
    ferry =
        LocalExecutor.builder().root(tmp.resolve("runs")).cacheDir(tmp.resolve("cache")).build();

    Run<String> first = ferry.run(MAP_CACHED, 3L);
    Run<String> again = ferry.run(MAP_CACHED, 3L);
    Run<String> call = ferry.run(CALL_CACHED, 2L);

    assertThat(first.actionsOf("maps.describe_cached"))
        .allSatisfy(a -> assertThat(a.attempts().get(0).cacheHit()).isFalse());
    assertThat(again.actionsOf("maps.describe_cached"))
        .hasSize(3)
        .allSatisfy(a -> assertThat(a.attempts().get(0).cacheHit()).isTrue());
    assertThat(again.output()).isEqualTo(first.output()).isEqualTo("item-0=0 item-1=2 item-2=4");
    assertThat(call.output()).isEqualTo("item-2=4");
    assertThat(call.actionsOf("maps.describe_cached").get(0).attempts().get(0).cacheHit())
        .as("the key of a call equals the key of the same element in a map")
        .isTrue();
  }

  @Test
  void map_elementsAboveTheOffloadThreshold_writeADocumentEach() throws Exception {
    ferry =
        LocalExecutor.builder()
            .root(tmp.resolve("runs"))
            .cache(false)
            .offloadPolicy(new OffloadPolicy(40, 1L << 30))
            .build();

    Run<String> run = ferry.run(MAP_DESCRIBE, 4L);

    assertThat(run.output()).isEqualTo("item-0=0 item-1=2 item-2=4 item-3=6");
    assertThat(Path.of(run.directory()).resolve("a0/0/map1/inputs.pb")).doesNotExist();
    for (Action a : run.actionsOf("maps.describe")) {
      ActionAttempt attempt = a.attempts().get(0);
      assertThat(attempt.paths().inputElement()).isEmpty();
      assertThat(Path.of(attempt.inputsUri())).isRegularFile();
    }
  }
}
