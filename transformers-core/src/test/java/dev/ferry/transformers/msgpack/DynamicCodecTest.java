package dev.ferry.transformers.msgpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.TransformContext;
import dev.ferry.transformers.testing.MsgpackLiterals;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class DynamicCodecTest {
  private final DynamicCodec codec = DynamicCodec.INSTANCE;

  private @Nullable Object roundTrip(@Nullable Object value) throws Exception {
    byte[] bytes = MsgpackLiterals.bytes(p -> codec.pack(value, p, TransformContext.defaults()));
    MsgpackReader reader = MsgpackReader.of(bytes);
    Object back = codec.unpack(reader);
    assertThat(reader.atEnd()).isTrue();
    return back;
  }

  @Test
  void roundTrip_everySupportedKind() throws Exception {
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put("s", "x");
    map.put(7L, List.of(true, 1.5));
    map.put(null, Arrays.asList(null, "y"));

    assertThat(roundTrip(map)).isEqualTo(map);
    assertThat((byte[]) roundTrip(new byte[] {1, 2})).containsExactly(1, 2);
    assertThat(roundTrip(null)).isNull();
  }

  @Test
  void collections_readBackAsLists() throws Exception {
    assertThat(roundTrip(Set.of("only"))).isEqualTo(List.of("only"));
  }

  @Test
  void pack_unsupportedValueIsADataErrorAtItsIndex() {
    List<Object> list = List.of(1L, new Object());

    assertThatThrownBy(
            () -> MsgpackLiterals.bytes(p -> codec.pack(list, p, TransformContext.defaults())))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected null, a boolean, number, string, byte[], collection or map but was a"
                + " java.lang.Object at [1]");
  }

  @Test
  void jsonSchema_isTheEmptySchema() {
    assertThat(codec.jsonSchema())
        .isEqualTo(Value.newBuilder().setStructValue(Struct.getDefaultInstance()).build());
    assertThat(codec.acceptsNil()).isTrue();
  }
}
