package dev.ferry.transformers.internal;

import static dev.ferry.transformers.testing.Structs.hex;
import static dev.ferry.transformers.testing.Structs.spaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.ferry.transformers.testing.Structs;
import org.junit.jupiter.api.Test;

class StructMsgpackTest {
  @Test
  void wholeNumbersBecomeIntegersOthersStayFloats() {
    Struct struct = Structs.json("{\"a\": 2.0}");
    Struct half = Structs.json("{\"a\": 2.5}");
    Struct huge = Structs.json("{\"a\": 1e19}");

    assertThat(hex(StructMsgpack.toMsgpack(struct))).isEqualTo(spaced("81 a1 61 02"));
    assertThat(hex(StructMsgpack.toMsgpack(half)))
        .isEqualTo(spaced("81 a1 61 cb 40 04 00 00 00 00 00 00"));
    // beyond a long: stays a float rather than overflowing
    assertThat(StructMsgpack.toMsgpack(huge)[3]).isEqualTo((byte) 0xcb);
  }

  @Test
  void nullAndUnsetBecomeNil() {
    Struct struct =
        Structs.json("{\"a\": null}").toBuilder()
            .putFields("b", Value.getDefaultInstance())
            .build();

    assertThat(hex(StructMsgpack.toMsgpack(struct))).contains("a1 61 c0").contains("a1 62 c0");
  }

  @Test
  void nestingBeyond256IsRefused() {
    Struct struct = Struct.getDefaultInstance();
    for (int i = 0; i < 300; i++) {
      struct =
          Struct.newBuilder()
              .putFields("k", Value.newBuilder().setStructValue(struct).build())
              .build();
    }
    Struct deep = struct;

    assertThatThrownBy(() -> StructMsgpack.toMsgpack(deep))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("struct nested deeper than 256");
  }
}
