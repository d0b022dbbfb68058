package dev.ferry.transformers.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SimpleType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Records and sealed unions that refer to themselves. */
class RecursiveTypesTest {
  record Category(String name, List<Category> children, Optional<Category> parent) {}

  sealed interface Expr permits Num, Add, Neg {}

  record Num(double value) implements Expr {}

  record Add(Expr left, Expr right) implements Expr {}

  record Neg(Expr operand) implements Expr {}

  record Graph(Map<String, List<Graph>> edges) {}

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs");

  private <T> T roundTrip(T value, TypeRef<T> type) {
    Literal literal = engine.toLiteral(value, type, ctx);
    byte[] streamed = engine.toBytes(value, type, ctx);
    assertThat(streamed).isEqualTo(Literals.toBytes(literal));
    assertThat(engine.fromBytes(streamed, type, ctx)).isEqualTo(value);
    return engine.toJava(literal, type, ctx);
  }

  @Test
  void roundTrip_recordHoldingListAndOptionalOfItself() {
    Category leaf = new Category("leaf", List.of(), Optional.empty());
    Category root =
        new Category(
            "root",
            List.of(leaf, new Category("mid", List.of(leaf), Optional.of(leaf))),
            Optional.empty());
    assertThat(roundTrip(root, TypeRef.of(Category.class))).isEqualTo(root);
  }

  @Test
  void literalType_recursiveReferenceStopsAtAShallowStruct() {
    LiteralType type = engine.literalType(Category.class);
    LiteralType children = type.getStructure().getDataclassTypeOrThrow("children");
    LiteralType inner = children.getCollectionType();
    assertThat(inner.getSimple()).isEqualTo(SimpleType.STRUCT);
    assertThat(inner.hasStructure()).isFalse();
    assertThat(inner.getAnnotation()).isEqualTo(type.getAnnotation());
    assertThat(engine.literalType(Category.class)).isEqualTo(type);
    assertThat(
            type.getMetadata()
                .getFieldsOrThrow("properties")
                .getStructValue()
                .getFieldsOrThrow("children"))
        .hasToString(
            engine
                .literalType(Category.class)
                .getMetadata()
                .getFieldsOrThrow("properties")
                .getStructValue()
                .getFieldsOrThrow("children")
                .toString());
  }

  @Test
  void roundTrip_recursiveSealedUnion() {
    Expr expr = new Add(new Num(1.5), new Neg(new Add(new Num(2), new Num(-3))));
    assertThat(roundTrip(expr, TypeRef.of(Expr.class))).isEqualTo(expr);
    assertThat(engine.literalType(Expr.class).getUnionType().getVariantsCount()).isEqualTo(3);
  }

  @Test
  void roundTrip_recordRecursiveThroughMapOfLists() {
    Graph g =
        new Graph(Map.of("a", List.of(new Graph(Map.of()), new Graph(Map.of("b", List.of())))));
    assertThat(roundTrip(g, TypeRef.of(Graph.class))).isEqualTo(g);
  }
}
