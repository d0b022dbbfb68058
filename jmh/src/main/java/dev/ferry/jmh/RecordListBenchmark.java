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
 * {@code List<Row>} of 100,000 fixed-seed five-component records to bytes and back, six ways in one
 * run: Ferry's tree API, Ferry's streaming path, protobuf builders with msgpack-core by hand, the
 * floor (hand-written CodedOutputStream/CodedInputStream around msgpack-core) — these four write
 * the same serialized literal — and, for the cost of msgpack alone, msgpack-core by hand and
 * jackson-databind over jackson-dataformat-msgpack writing the rows as one msgpack array. See
 * {@link RowListCodecs}; for the JVM settings, see {@link LongListBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class RecordListBenchmark {
  /** Rows in the list. */
  @Param("100000")
  public int size;

  private TypeEngine engine;
  private TransformContext ctx;
  private List<Row> rows;
  private byte[] literalBytes;
  private byte[] msgpackBytes;
  private byte[] jacksonBytes;

  /** Builds the input and its bytes, and checks that every implementation agrees on them. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    engine = TypeEngine.createDefault();
    ctx = TransformContext.at("rows");
    rows = Datasets.rows(size);
    literalBytes = RowListCodecs.encodeFloor(rows);
    msgpackBytes = RowListCodecs.encodeMsgpackCore(rows);
    jacksonBytes = RowListCodecs.encodeJackson(rows);
    check("tree", RowListCodecs.encodeTree(engine, rows, ctx));
    check("streaming", RowListCodecs.encodeStreaming(engine, rows, ctx));
    check("builders", RowListCodecs.encodeBuilders(rows));
    check(rows, RowListCodecs.decodeTree(engine, literalBytes, ctx), "tree");
    check(rows, RowListCodecs.decodeStreaming(engine, literalBytes, ctx), "streaming");
    check(rows, RowListCodecs.decodeBuilders(literalBytes), "builders");
    check(rows, RowListCodecs.decodeFloor(literalBytes), "floor");
    check(rows, RowListCodecs.decodeMsgpackCore(msgpackBytes), "msgpack-core");
    check(rows, RowListCodecs.decodeJackson(jacksonBytes), "jackson");
  }

  private void check(String name, byte[] encoded) {
    if (!Arrays.equals(literalBytes, encoded)) {
      throw new IllegalStateException(name + " writes other bytes than the floor");
    }
  }

  private static void check(List<Row> expected, List<Row> actual, String name) {
    if (!expected.equals(actual)) {
      throw new IllegalStateException(name + " reads other rows than were written");
    }
  }

  /** (a) Ferry tree API: toLiteral + Literals.toBytes. */
  @Benchmark
  public byte[] encodeTree() {
    return RowListCodecs.encodeTree(engine, rows, ctx);
  }

  /** (b) Ferry streaming: engine.toBytes. */
  @Benchmark
  public byte[] encodeStreaming() {
    return RowListCodecs.encodeStreaming(engine, rows, ctx);
  }

  /** (c) protobuf builders + msgpack-core by hand. */
  @Benchmark
  public byte[] encodeBuilders() throws IOException {
    return RowListCodecs.encodeBuilders(rows);
  }

  /** (d) the floor: hand-written CodedOutputStream around msgpack-core. */
  @Benchmark
  public byte[] encodeFloor() throws IOException {
    return RowListCodecs.encodeFloor(rows);
  }

  /** (e) msgpack-core alone: one msgpack array. */
  @Benchmark
  public byte[] encodeMsgpackCore() throws IOException {
    return RowListCodecs.encodeMsgpackCore(rows);
  }

  /** (f) jackson-databind + MessagePackFactory: one msgpack array. */
  @Benchmark
  public byte[] encodeJackson() {
    return RowListCodecs.encodeJackson(rows);
  }

  /** (a) Ferry tree API: Literal.parseFrom + toJava. */
  @Benchmark
  public List<Row> decodeTree() throws IOException {
    return RowListCodecs.decodeTree(engine, literalBytes, ctx);
  }

  /** (b) Ferry streaming: engine.fromBytes. */
  @Benchmark
  public List<Row> decodeStreaming() {
    return RowListCodecs.decodeStreaming(engine, literalBytes, ctx);
  }

  /** (c) protobuf + msgpack-core by hand. */
  @Benchmark
  public List<Row> decodeBuilders() throws IOException {
    return RowListCodecs.decodeBuilders(literalBytes);
  }

  /** (d) the floor: hand-written CodedInputStream around msgpack-core. */
  @Benchmark
  public List<Row> decodeFloor() throws IOException {
    return RowListCodecs.decodeFloor(literalBytes);
  }

  /** (e) msgpack-core alone. */
  @Benchmark
  public List<Row> decodeMsgpackCore() throws IOException {
    return RowListCodecs.decodeMsgpackCore(msgpackBytes);
  }

  /** (f) jackson-databind + MessagePackFactory. */
  @Benchmark
  public List<Row> decodeJackson() throws IOException {
    return RowListCodecs.decodeJackson(jacksonBytes);
  }
}
