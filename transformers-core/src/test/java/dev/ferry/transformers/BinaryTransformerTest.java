package dev.ferry.transformers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.transformers.testing.MsgpackLiterals;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BinaryTransformerTest {
  record Blob(byte[] data) {}

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs.b");
  private final TypeRef<byte[]> type = TypeRef.of(byte[].class);

  @Test
  void toLiteral_binaryWithEmptyTag() {
    Literal literal = engine.toLiteral(new byte[] {1, 2}, type, ctx);

    assertThat(literal.getScalar().getBinary().getTag()).isEmpty();
    assertThat(literal.getScalar().getBinary().getValue().toByteArray()).containsExactly(1, 2);
  }

  @Test
  void arrays_areCopiedInAndOut() {
    byte[] data = {1, 2, 3};
    Literal literal = engine.toLiteral(data, type, ctx);
    data[0] = 9;

    byte[] first = engine.toJava(literal, type, ctx);
    first[1] = 9;

    assertThat(engine.toJava(literal, type, ctx)).containsExactly(1, 2, 3);
  }

  @Test
  void toJava_msgpackBinaryIsNotRawBytes() {
    Literal msgpack = MsgpackLiterals.of(new byte[] {(byte) 0x80});

    assertThatThrownBy(() -> engine.toJava(msgpack, type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected binary with an empty tag but was binary (tag 'msgpack', 1 bytes) at inputs.b");
  }

  @Test
  void insideRecord_msgpackBin() {
    Blob blob = new Blob(new byte[] {0, -1});
    Literal literal = engine.toLiteral(blob, TypeRef.of(Blob.class), ctx);

    assertThat(literal)
        .isEqualTo(
            MsgpackLiterals.of(
                p ->
                    p.packMapHeader(1)
                        .packString("data")
                        .packBinaryHeader(2)
                        .writePayload(new byte[] {0, -1})));
    assertThat(
            Arrays.equals(engine.toJava(literal, TypeRef.of(Blob.class), ctx).data(), blob.data()))
        .isTrue();
  }
}
