package dev.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.TestTransformers.Node;
import dev.ferry.engine.TestTransformers.NodeTransformer;
import dev.ferry.engine.TestTransformers.Str;
import dev.ferry.idl.core.Literal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class TypeEngineTest {
  private static String label(TypeEngine engine) {
    return ((Str) engine.transformer(String.class)).label;
  }

  @Test
  void lookup_addedFactoriesComeBeforeDiscoveredOnes() {
    TypeEngine engine =
        TypeEngine.builder().add(TestTransformers.strings("added", new AtomicInteger())).build();
    assertThat(label(engine)).isEqualTo("added");
  }

  @Test
  void lookup_pluginRegistrarsComeBeforeBuiltIns() {
    // the test class path has APluginRegistrar (PLUGIN) and ABuiltInRegistrar (BUILT_IN)
    assertThat(label(TypeEngine.createDefault())).isEqualTo("plugin");
  }

  @Test
  void lookup_registrarsSortedByClassName() {
    List<String> order = new ArrayList<>();
    TypeEngine engine = TypeEngine.createDefault();
    for (TypeTransformer.Factory f : engine.factories()) {
      TypeTransformer<?> t = f.create(TypeRef.of(String.class), engine);
      if (t instanceof Str s) {
        order.add(s.label);
      }
    }
    assertThat(order).containsExactly("plugin", "zplugin", "builtin");
  }

  @Test
  void lookup_addLastOnlySeesWhatNothingElseAccepts() {
    AtomicInteger lastCalls = new AtomicInteger();
    TypeEngine engine =
        TypeEngine.builder()
            .discover(false)
            .builtIns(false)
            .add(TestTransformers.strings("first", new AtomicInteger()))
            .addLast(TestTransformers.strings("last", lastCalls))
            .build();
    assertThat(label(engine)).isEqualTo("first");
    assertThat(lastCalls).hasValue(0);
  }

  @Test
  void lookup_discoveryCanBeTurnedOff() {
    TypeEngine engine = TypeEngine.builder().discover(false).builtIns(false).build();
    assertThat(engine.factories()).isEmpty();
    assertThatThrownBy(() -> engine.transformer(String.class))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessageStartingWith("no transformer for java.lang.String: register a");
  }

  @Test
  void lookup_cachedPerType() {
    AtomicInteger calls = new AtomicInteger();
    TypeEngine engine =
        TypeEngine.builder()
            .discover(false)
            .builtIns(false)
            .add(TestTransformers.strings("x", calls))
            .build();
    TypeTransformer<String> first = engine.transformer(String.class);
    TypeTransformer<String> second = engine.transformer(new TypeRef<String>() {});
    assertThat(second).isSameAs(first);
    assertThat(calls).hasValue(1);
  }

  @Test
  void lookup_failureIsNotCached() {
    AtomicInteger calls = new AtomicInteger();
    TypeEngine engine =
        TypeEngine.builder()
            .discover(false)
            .builtIns(false)
            .add(TestTransformers.strings("x", calls))
            .build();
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> engine.transformer(Integer.class))
          .isInstanceOf(TypeDefinitionException.class);
    }
    assertThat(calls).hasValue(2);
  }

  @Test
  void lookup_recursiveTypeGetsADeferredThatDelegates() {
    TypeEngine engine =
        TypeEngine.builder()
            .discover(false)
            .builtIns(false)
            .add(TestTransformers.strings("s", new AtomicInteger()))
            .add(NodeTransformer.FACTORY)
            .build();
    NodeTransformer outer = (NodeTransformer) engine.transformer(Node.class);
    assertThat(outer.child).isNotSameAs(outer);
    assertThat(outer.child.literalType()).isEqualTo(outer.literalType());
    Node tree = new Node("root", List.of(new Node("a", List.of()), new Node("b", List.of())));
    Literal literal = engine.toLiteral(tree, TypeRef.of(Node.class), TransformContext.defaults());
    assertThat(engine.toJava(literal, TypeRef.of(Node.class), TransformContext.defaults()))
        .isEqualTo(tree);
    assertThat(engine.transformer(Node.class)).isSameAs(outer);
  }

  @Test
  void lookup_chainNamesEachEnclosingComponent() {
    TypeEngine engine =
        TypeEngine.builder().discover(false).builtIns(false).add(NodeTransformer.FACTORY).build();
    assertThatThrownBy(() -> engine.transformer(Node.class))
        .isInstanceOf(TypeDefinitionException.class)
        .satisfies(
            e -> {
              TypeDefinitionException d = (TypeDefinitionException) e;
              assertThat(d.type()).isEqualTo(TypeRef.of(String.class));
              assertThat(d.chain()).containsExactly("value of Node");
            })
        .hasMessage(
            "no transformer for java.lang.String: register a TypeTransformer.Factory with"
                + " TypeEngine.builder().add(...), or ship a TypeTransformerRegistrar through"
                + " ServiceLoader\n  for value of Node");
  }

  @Test
  void lookup_factoryThatThrowsIsReportedAsDefinitionError() {
    TypeEngine engine =
        TypeEngine.builder()
            .discover(false)
            .builtIns(false)
            .add(
                (type, e) -> {
                  throw new IllegalStateException("boom");
                })
            .build();
    assertThatThrownBy(() -> engine.transformer(String.class))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessageContaining("failed for java.lang.String: java.lang.IllegalStateException: boom")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void lookup_suggestionsForCommonMistakes() {
    TypeEngine engine = TypeEngine.builder().discover(false).builtIns(false).build();
    assertThatThrownBy(() -> engine.transformer(new TypeRef<ArrayList<String>>() {}))
        .hasMessage(
            "no transformer for java.util.ArrayList<java.lang.String>: declare it as"
                + " java.util.List");
    assertThatThrownBy(() -> engine.transformer(Object.class))
        .hasMessageStartingWith("no transformer for java.lang.Object: Object has no Flyte type");
    assertThatThrownBy(() -> engine.transformer(char.class))
        .hasMessage("no transformer for char: declare it as String");
    assertThatThrownBy(() -> engine.transformer(int[].class))
        .hasMessage(
            "no transformer for int[]: declare it as java.util.List (only byte[] maps to a Flyte"
                + " type as binary)");
  }

  @Test
  @SuppressWarnings("NullAway") // a null inside the tree is what this test converts
  void toJava_dataErrorCarriesRootPathAndSegments() {
    TypeEngine engine =
        TypeEngine.builder()
            .discover(false)
            .builtIns(false)
            .add(TestTransformers.strings("s", new AtomicInteger()))
            .add(NodeTransformer.FACTORY)
            .build();
    Node bad = new Node("root", List.of(new Node("a", List.of()), new Node(null, List.of())));
    assertThatThrownBy(
            () -> engine.toLiteral(bad, TypeRef.of(Node.class), TransformContext.at("inputs.tree")))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage("expected a string but was null at inputs.tree.children[1]")
        .satisfies(
            e ->
                assertThat(((LiteralConversionException) e).path())
                    .isEqualTo("inputs.tree.children[1]"));
  }

  @Test
  void streaming_fallsBackToTheTreeAndMatchesItsBytes() throws Exception {
    TypeEngine engine =
        TypeEngine.builder()
            .discover(false)
            .builtIns(false)
            .add(TestTransformers.strings("s", new AtomicInteger()))
            .add(NodeTransformer.FACTORY)
            .build();
    Node tree = new Node("root", List.of(new Node("a", List.of())));
    TypeRef<Node> type = TypeRef.of(Node.class);
    byte[] tree1 = Literals.toBytes(engine.toLiteral(tree, type, TransformContext.defaults()));
    byte[] streamed = engine.toBytes(tree, type, TransformContext.defaults());
    assertThat(streamed).isEqualTo(tree1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    engine.write(tree, type, out, TransformContext.defaults());
    assertThat(out.toByteArray()).isEqualTo(tree1);
    assertThat(engine.read(new ByteArrayInputStream(tree1), type, TransformContext.defaults()))
        .isEqualTo(tree);
  }

  @Test
  void read_malformedBytesIsADataError() {
    TypeEngine engine =
        TypeEngine.builder()
            .discover(false)
            .builtIns(false)
            .add(TestTransformers.strings("s", new AtomicInteger()))
            .build();
    assertThatThrownBy(
            () ->
                engine.fromBytes(
                    new byte[] {0x0a, 0x7f}, TypeRef.of(String.class), TransformContext.at("x")))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith(
            "expected a serialized flyteidl.core.Literal but was malformed bytes")
        .hasMessageEndingWith(" at x");
  }

  @Test
  void lookup_threadSafeUnderContention() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    TypeEngine engine =
        TypeEngine.builder()
            .discover(false)
            .builtIns(false)
            .add(TestTransformers.strings("s", calls))
            .add(NodeTransformer.FACTORY)
            .build();
    Map<TypeTransformer<?>, Boolean> seen = new ConcurrentHashMap<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Thread t =
          new Thread(
              () -> {
                for (int j = 0; j < 100; j++) {
                  seen.put(engine.transformer(Node.class), true);
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    Node tree = new Node("r", List.of());
    for (TypeTransformer<?> t : seen.keySet()) {
      @SuppressWarnings("unchecked")
      TypeTransformer<Node> n = (TypeTransformer<Node>) t;
      assertThat(
              n.toJava(n.toLiteral(tree, TransformContext.defaults()), TransformContext.defaults()))
          .isEqualTo(tree);
    }
    assertThat(engine.transformer(Node.class)).isSameAs(engine.transformer(Node.class));
  }

  @Test
  void lookup_failingLambdaFactoryIsNamedAfterItsDeclaringClass() {
    TypeEngine engine =
        TypeEngine.builder()
            .discover(false)
            .builtIns(false)
            .add(
                (type, e) -> {
                  throw new IllegalStateException("boom");
                })
            .build();
    assertThatThrownBy(() -> engine.transformer(String.class))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessage(
            "transformer factory lambda in dev.ferry.engine.TypeEngineTest failed for"
                + " java.lang.String: java.lang.IllegalStateException: boom")
        .hasMessageNotContaining("$$Lambda");
  }

  @Test
  void lookup_failingNamedFactoryIsReportedByItsName() {
    TypeTransformer.Factory named =
        TypeTransformer.Factory.named(
            "MoneyTransformer.FACTORY",
            (type, e) -> {
              throw new IllegalStateException("boom");
            });
    TypeEngine engine = TypeEngine.builder().discover(false).builtIns(false).add(named).build();

    assertThat(named.name()).isEqualTo("MoneyTransformer.FACTORY");
    assertThat(named).hasToString("MoneyTransformer.FACTORY");
    assertThatThrownBy(() -> engine.transformer(String.class))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessage(
            "transformer factory MoneyTransformer.FACTORY failed for java.lang.String:"
                + " java.lang.IllegalStateException: boom");
  }

  static final class DecliningFactory implements TypeTransformer.Factory {
    @Override
    public @Nullable TypeTransformer<?> create(TypeRef<?> type, TypeEngine engine) {
      return null;
    }
  }

  @Test
  void factoryName_ofAClassIsItsClassName() {
    assertThat(new DecliningFactory().name())
        .isEqualTo("dev.ferry.engine.TypeEngineTest$DecliningFactory");
  }
}
