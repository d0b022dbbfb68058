package dev.ferry.jmh;

import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code List<Long>} of a million fixed-seed values to a serialized {@code Literal} and back, four
 * ways in one run: Ferry's tree API, Ferry's streaming path, protobuf builders by hand, and the
 * floor (a hand-written CodedOutputStream/CodedInputStream codec of the same bytes). See {@link
 * LongListCodecs}.
 *
 * <p>The collector is fixed to Parallel GC with a pre-touched 4 GB heap: these conversions are
 * throughput work that allocates millions of short-lived objects (the tree path about four per
 * element), and Parallel has the cheapest barriers and no concurrent collector threads, which on a
 * two-core machine would compete with the benchmark thread. G1 vs Parallel alone moves the absolute
 * figures by up to 2x, so only figures from the same collector may be compared; the report shows
 * ratios between implementations measured under the same settings.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class LongListBenchmark {
  /** Elements in the list. */
  @Param("1000000")
  public int size;

  private TypeEngine engine;
  private TransformContext ctx;
  private List<Long> values;
  private byte[] bytes;

  /** Builds the input and its bytes, and checks that every implementation agrees on them. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    engine = TypeEngine.createDefault();
    ctx = TransformContext.at("values");
    values = Datasets.longs(size);
    bytes = LongListCodecs.encodeFloor(values);
    check("tree", LongListCodecs.encodeTree(engine, values, ctx));
    check("streaming", LongListCodecs.encodeStreaming(engine, values, ctx));
    check("builders", LongListCodecs.encodeBuilders(values));
    check(values, LongListCodecs.decodeTree(engine, bytes, ctx), "tree");
    check(values, LongListCodecs.decodeStreaming(engine, bytes, ctx), "streaming");
    check(values, LongListCodecs.decodeBuilders(bytes), "builders");
    check(values, LongListCodecs.decodeFloor(bytes), "floor");
  }

  private void check(String name, byte[] encoded) {
    if (!Arrays.equals(bytes, encoded)) {
      throw new IllegalStateException(name + " writes other bytes than the floor");
    }
  }

  private static void check(List<Long> expected, List<Long> actual, String name) {
    if (!expected.equals(actual)) {
      throw new IllegalStateException(name + " reads other values than were written");
    }
  }

  /** (a) Ferry tree API: toLiteral + Literals.toBytes. */
  @Benchmark
  public byte[] encodeTree() {
    return LongListCodecs.encodeTree(engine, values, ctx);
  }

  /** (b) Ferry streaming: engine.toBytes. */
  @Benchmark
  public byte[] encodeStreaming() {
    return LongListCodecs.encodeStreaming(engine, values, ctx);
  }

  /** (c) protobuf builders by hand + toByteArray. */
  @Benchmark
  public byte[] encodeBuilders() {
    return LongListCodecs.encodeBuilders(values);
  }

  /** (d) the floor: hand-written CodedOutputStream. */
  @Benchmark
  public byte[] encodeFloor() {
    return LongListCodecs.encodeFloor(values);
  }

  /** (a) Ferry tree API: Literal.parseFrom + toJava. */
  @Benchmark
  public List<Long> decodeTree() throws IOException {
    return LongListCodecs.decodeTree(engine, bytes, ctx);
  }

  /** (b) Ferry streaming: engine.fromBytes. */
  @Benchmark
  public List<Long> decodeStreaming() {
    return LongListCodecs.decodeStreaming(engine, bytes, ctx);
  }

  /** (c) protobuf by hand: Literal.parseFrom + a walk of the tree. */
  @Benchmark
  public List<Long> decodeBuilders() throws IOException {
    return LongListCodecs.decodeBuilders(bytes);
  }

  /** (d) the floor: hand-written CodedInputStream. */
  @Benchmark
  public List<Long> decodeFloor() throws IOException {
    return LongListCodecs.decodeFloor(bytes);
  }
}
