package dev.ferry.transformers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PackersTest {
  @Test
  void encode_reentrantCallGetsItsOwnPacker() {
    AtomicReference<byte[]> inner = new AtomicReference<>();

    byte[] outer =
        Packers.encode(
            p -> {
              p.packInt(1);
              inner.set(Packers.encode(q -> q.packInt(2)));
              p.packInt(3);
            });

    assertThat(outer).containsExactly(1, 3);
    assertThat(inner.get()).containsExactly(2);
  }

  @Test
  void encode_failureLeavesNothingForTheNextEncode() {
    assertThatThrownBy(
            () ->
                Packers.encode(
                    p -> {
                      p.packString("half written");
                      throw new LiteralConversionException("x", "y", null, null);
                    }))
        .isInstanceOf(LiteralConversionException.class);

    assertThat(Packers.encode(p -> p.packInt(5))).containsExactly(5);
  }

  @Test
  void encode_largePayloadThenSmall() {
    byte[] big = Packers.encode(p -> p.packBinaryHeader(3 << 20).writePayload(new byte[3 << 20]));

    assertThat(big).hasSize((3 << 20) + 5);
    assertThat(Packers.encode(p -> p.packNil())).containsExactly((byte) 0xc0);
  }
}
