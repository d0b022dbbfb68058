package dev.ferry.engine;

import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralCollection;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SimpleType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** Small transformers for the engine's own tests: the built-ins live in another module. */
final class TestTransformers {
  private TestTransformers() {}

  /** Strings, tagged with a label so tests can tell which factory made them. */
  static final class Str implements TypeTransformer<String> {
    final String label;

    Str(String label) {
      this.label = label;
    }

    @Override
    public LiteralType literalType() {
      return Literals.simple(SimpleType.STRING);
    }

    @Override
    public Literal toLiteral(@Nullable String value, TransformContext ctx) {
      if (value == null) {
        throw new LiteralConversionException("a string", "null", String.class, literalType());
      }
      return Literals.ofString(value);
    }

    @Override
    public String toJava(Literal literal, TransformContext ctx) {
      if (!literal.getScalar().getPrimitive().hasStringValue()) {
        throw new LiteralConversionException(
            "a string", Literals.describe(literal), String.class, literalType());
      }
      return literal.getScalar().getPrimitive().getStringValue();
    }
  }

  /** Returns a factory for String made with a label, counting its calls. */
  static TypeTransformer.Factory strings(String label, AtomicInteger calls) {
    return (type, engine) -> {
      calls.incrementAndGet();
      return type.rawType() == String.class ? new Str(label) : null;
    };
  }

  /** A tree of strings: {@code Node(value, children)}, recursive through List-like children. */
  record Node(String value, List<Node> children) {}

  /** Nodes as collections: element 0 is the value, the others the children. */
  static final class NodeTransformer implements TypeTransformer<Node> {
    static final TypeTransformer.Factory FACTORY =
        (type, engine) ->
            type.rawType() == Node.class
                ? new NodeTransformer(
                    engine.transformer(TypeRef.of(String.class), "value of Node"),
                    engine.transformer(TypeRef.of(Node.class), "child of Node"))
                : null;

    final TypeTransformer<String> value;
    final TypeTransformer<Node> child;

    NodeTransformer(TypeTransformer<String> value, TypeTransformer<Node> child) {
      this.value = value;
      this.child = child;
    }

    @Override
    public LiteralType literalType() {
      return LiteralType.newBuilder().setCollectionType(Literals.simple(SimpleType.STRING)).build();
    }

    @Override
    public Literal toLiteral(@Nullable Node node, TransformContext ctx) {
      LiteralCollection.Builder b = LiteralCollection.newBuilder();
      b.addLiterals(value.toLiteral(Objects.requireNonNull(node).value(), ctx));
      for (int i = 0; i < node.children().size(); i++) {
        try {
          b.addLiterals(child.toLiteral(node.children().get(i), ctx));
        } catch (LiteralConversionException e) {
          throw e.atIndex(i).atField("children");
        }
      }
      return Literal.newBuilder().setCollection(b).build();
    }

    @Override
    public Node toJava(Literal literal, TransformContext ctx) {
      List<Literal> items = literal.getCollection().getLiteralsList();
      List<Node> children = new ArrayList<>();
      for (int i = 1; i < items.size(); i++) {
        children.add(child.toJava(items.get(i), ctx));
      }
      return new Node(value.toJava(items.get(0), ctx), children);
    }
  }
}
