package dev.ferry.transformers.msgpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackDepthTest {
  record Node(String name, List<Node> children) {}

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs");

  private static Node chain(int depth) {
    Node n = new Node("leaf", List.of());
    for (int i = 0; i < depth; i++) {
      n = new Node("n" + i, List.of(n));
    }
    return n;
  }

  @Test
  void pack_cyclicUntypedMapIsADataErrorNotAStackOverflow() {
    Map<String, Object> cyclic = new HashMap<>();
    cyclic.put("self", cyclic);
    assertThatThrownBy(() -> engine.toLiteral(cyclic, new TypeRef<Map<String, Object>>() {}, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith(
            "expected msgpack nested at most 256 deep but was deeper nesting at inputs.self.self");
  }

  @Test
  void pack_tooDeepRecordIsRefusedOnWriting() {
    assertThatThrownBy(() -> engine.toLiteral(chain(10_000), TypeRef.of(Node.class), ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith("expected msgpack nested at most 256 deep but was deeper nesting");
  }

  @Test
  void pack_whateverIsWrittenCanBeRead() {
    // each level is a map (the record) and an array (its children): 127 levels fit in 256
    Node deepest = chain(126);
    var literal = engine.toLiteral(deepest, TypeRef.of(Node.class), ctx);
    assertThat(engine.toJava(literal, TypeRef.of(Node.class), ctx)).isEqualTo(deepest);
    assertThatThrownBy(() -> engine.toLiteral(chain(128), TypeRef.of(Node.class), ctx))
        .isInstanceOf(LiteralConversionException.class);
  }

  @Test
  void pack_depthIsReleasedAfterAFailure() {
    List<Object> ok = new ArrayList<>(List.of(1L, 2L));
    Map<String, Object> cyclic = new HashMap<>();
    cyclic.put("self", cyclic);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> engine.toLiteral(cyclic, new TypeRef<Map<String, Object>>() {}, ctx))
          .isInstanceOf(LiteralConversionException.class);
    }
    Map<String, Object> fine = Map.of("list", ok);
    var literal = engine.toLiteral(fine, new TypeRef<Map<String, Object>>() {}, ctx);
    assertThat(engine.toJava(literal, new TypeRef<Map<String, Object>>() {}, ctx)).isEqualTo(fine);
  }

  @Test
  void enter_depthBelongsToThePackerNotToTheThread() {
    org.msgpack.core.MessagePacker a = PackDepth.newPacker(new java.io.ByteArrayOutputStream());
    org.msgpack.core.MessagePacker b = PackDepth.newPacker(new java.io.ByteArrayOutputStream());
    for (int i = 0; i < 200; i++) {
      PackDepth.enter(a, Object.class);
    }
    for (int i = 0; i < MsgpackReader.MAX_DEPTH; i++) {
      PackDepth.enter(b, Object.class); // 200 open levels of another encoding do not count
    }
    assertThatThrownBy(() -> PackDepth.enter(b, Object.class))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected msgpack nested at most 256 deep but was deeper nesting at <root>");
    PackDepth.exit(a);
    PackDepth.enter(a, Object.class);
  }
}
