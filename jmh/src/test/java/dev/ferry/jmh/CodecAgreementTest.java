package dev.ferry.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.idl.core.Literal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The benchmarks compare equal work: every implementation that writes a serialized literal writes
 * the same bytes, and every implementation reads back the values written. No timing here.
 */
class CodecAgreementTest {
  private static final int N = 1_000;
  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("test");

  private static List<Long> longs() {
    List<Long> values = new ArrayList<>(Datasets.longs(N));
    values.addAll(List.of(0L, -1L, 1L, 127L, 128L, Long.MIN_VALUE, Long.MAX_VALUE));
    return values;
  }

  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>(Datasets.rows(N));
    rows.add(new Row(0, "", 0.0, false, 0));
    rows.add(new Row(Long.MIN_VALUE, "日本語 ✓", -0.5, true, Integer.MIN_VALUE));
    rows.add(new Row(Long.MAX_VALUE, "x".repeat(300), Double.MAX_VALUE, true, Integer.MAX_VALUE));
    return rows;
  }

  @Test
  void datasetsAreFixed() {
    assertThat(Datasets.longs(100)).isEqualTo(Datasets.longs(100));
    assertThat(Datasets.rows(100)).isEqualTo(Datasets.rows(100));
    assertThat(Datasets.longs(N)).anyMatch(v -> v < 0).anyMatch(v -> v >= 0 && v < 128);
  }

  @Test
  void longListImplementationsWriteTheSameBytes() throws IOException {
    List<Long> values = longs();
    byte[] floor = LongListCodecs.encodeFloor(values);
    assertThat(LongListCodecs.encodeTree(engine, values, ctx)).isEqualTo(floor);
    assertThat(LongListCodecs.encodeStreaming(engine, values, ctx)).isEqualTo(floor);
    assertThat(LongListCodecs.encodeBuilders(values)).isEqualTo(floor);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    engine.write(values, LongListCodecs.TYPE, out, ctx);
    assertThat(out.toByteArray()).isEqualTo(floor);
    Literal literal = Literal.parseFrom(floor);
    assertThat(literal.getCollection().getLiteralsCount()).isEqualTo(values.size());
  }

  @Test
  void longListImplementationsReadTheSameValues() throws IOException {
    List<Long> values = longs();
    byte[] bytes = LongListCodecs.encodeFloor(values);
    assertThat(LongListCodecs.decodeTree(engine, bytes, ctx)).isEqualTo(values);
    assertThat(LongListCodecs.decodeStreaming(engine, bytes, ctx)).isEqualTo(values);
    assertThat(LongListCodecs.decodeBuilders(bytes)).isEqualTo(values);
    assertThat(LongListCodecs.decodeFloor(bytes)).isEqualTo(values);
  }

  @Test
  void recordListImplementationsWriteTheSameBytes() throws IOException {
    List<Row> rows = rows();
    byte[] floor = RowListCodecs.encodeFloor(rows);
    assertThat(RowListCodecs.encodeTree(engine, rows, ctx)).isEqualTo(floor);
    assertThat(RowListCodecs.encodeStreaming(engine, rows, ctx)).isEqualTo(floor);
    assertThat(RowListCodecs.encodeBuilders(rows)).isEqualTo(floor);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    engine.write(rows, RowListCodecs.TYPE, out, ctx);
    assertThat(out.toByteArray()).isEqualTo(floor);
  }

  @Test
  void msgpackAloneHoldsTheSamePayloadsAsTheLiteral() throws IOException {
    List<Row> rows = rows();
    Literal literal = Literal.parseFrom(RowListCodecs.encodeFloor(rows));
    MessageBufferPacker expected = MessagePack.newDefaultBufferPacker();
    expected.packArrayHeader(rows.size());
    for (Literal element : literal.getCollection().getLiteralsList()) {
      assertThat(element.getScalar().getBinary().getTag()).isEqualTo("msgpack");
      expected.writePayload(element.getScalar().getBinary().getValue().toByteArray());
    }
    assertThat(RowListCodecs.encodeMsgpackCore(rows)).isEqualTo(expected.toByteArray());
  }

  @Test
  void recordListImplementationsReadTheSameRows() throws IOException {
    List<Row> rows = rows();
    byte[] bytes = RowListCodecs.encodeFloor(rows);
    assertThat(RowListCodecs.decodeTree(engine, bytes, ctx)).isEqualTo(rows);
    assertThat(RowListCodecs.decodeStreaming(engine, bytes, ctx)).isEqualTo(rows);
    assertThat(RowListCodecs.decodeBuilders(bytes)).isEqualTo(rows);
    assertThat(RowListCodecs.decodeFloor(bytes)).isEqualTo(rows);
    assertThat(RowListCodecs.decodeMsgpackCore(RowListCodecs.encodeMsgpackCore(rows)))
        .isEqualTo(rows);
  }

  @Test
  void jacksonWritesTheSameMapsAndReadsTheSameRows() throws IOException {
    List<Row> rows = rows();
    byte[] jackson = RowListCodecs.encodeJackson(rows);
    assertThat(RowListCodecs.decodeJackson(jackson)).isEqualTo(rows);
    // the same shape (an array of maps of component name to value), read by the hand decoder
    assertThat(RowListCodecs.decodeMsgpackCore(jackson)).isEqualTo(rows);
  }
}
