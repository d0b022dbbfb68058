package dev.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import dev.ferry.engine.TestTransformers.Str;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SimpleType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a plugin author relies on: discovery, explicit registrars, delegation, checked kinds. */
class PluginApiTest {
  @TempDir Path tmp;

  /** A registrar listed only in a jar on a child class loader. */
  public static final class ChildRegistrar implements TypeTransformerRegistrar {
    @Override
    public List<TypeTransformer.Factory> factories() {
      return List.of(TestTransformers.strings("child", new AtomicInteger()));
    }
  }

  private static String label(TypeEngine engine) {
    return ((Str) engine.transformer(String.class)).label;
  }

  private URLClassLoader childLoader() throws IOException {
    Path jar = tmp.resolve("child-plugin.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("META-INF/services/dev.ferry.engine.TypeTransformerRegistrar"));
      OutputStream o = out;
      o.write((ChildRegistrar.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void discovery_findsAPluginOnTheContextClassLoader() throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader child = childLoader()) {
      thread.setContextClassLoader(child);
      TypeEngine engine = TypeEngine.builder().build();
      // ChildRegistrar sorts before ZPluginRegistrar, after APluginRegistrar
      assertThat(labels(engine)).containsExactly("plugin", "child", "zplugin", "builtin");
    } finally {
      thread.setContextClassLoader(before);
    }
    assertThat(labels(TypeEngine.builder().build()))
        .containsExactly("plugin", "zplugin", "builtin");
  }

  private static List<String> labels(TypeEngine engine) {
    return engine.factories().stream()
        .map(f -> f.create(TypeRef.of(String.class), engine))
        .filter(t -> t instanceof Str)
        .map(t -> ((Str) t).label)
        .toList();
  }

  @Test
  void discoverFalse_keepsTheBuiltIns() {
    TypeEngine engine = TypeEngine.builder().discover(false).build();
    assertThat(labels(engine)).containsExactly("builtin");
    assertThat(labels(TypeEngine.builder().discover(false).builtIns(false).build())).isEmpty();
    assertThat(labels(TypeEngine.builder().builtIns(false).build()))
        .containsExactly("plugin", "zplugin");
  }

  @Test
  void registrar_explicitOnesGoByTheirPrecedenceAndReplaceTheDiscoveredInstance() {
    TypeEngine engine =
        TypeEngine.builder()
            .discover(false)
            .builtIns(false)
            .registrar(new ChildRegistrar())
            .registrar(new ABuiltInRegistrar())
            .build();
    assertThat(labels(engine)).containsExactly("child", "builtin");
    // the same class discovered and given: used once
    assertThat(labels(TypeEngine.builder().registrar(new APluginRegistrar()).build()))
        .containsExactly("plugin", "zplugin", "builtin");
  }

  /** Decorates whatever the later factories give for String: upper-cases on the way out. */
  static final class Shouting implements TypeTransformer.Factory {
    @Override
    public @Nullable TypeTransformer<?> create(TypeRef<?> type, TypeEngine engine) {
      if (type.rawType() != String.class) {
        return null;
      }
      TypeTransformer<String> next = engine.nextTransformer(this, TypeRef.of(String.class));
      return new TypeTransformer<String>() {
        @Override
        public LiteralType literalType() {
          return next.literalType();
        }

        @Override
        public Literal toLiteral(@Nullable String value, TransformContext ctx) {
          return next.toLiteral(
              value == null ? null : value.toUpperCase(java.util.Locale.ROOT), ctx);
        }

        @Override
        public String toJava(Literal literal, TransformContext ctx) {
          return next.toJava(literal, ctx);
        }
      };
    }
  }

  @Test
  void nextTransformer_letsAPluginDecorateTheTransformerAfterIt() {
    TypeEngine engine = TypeEngine.builder().builtIns(false).add(new Shouting()).build();
    TransformContext ctx = TransformContext.at("in");
    Literal literal = engine.toLiteral("quiet", TypeRef.of(String.class), ctx);
    assertThat(literal).isEqualTo(Literals.ofString("QUIET"));
    assertThat(engine.toJava(literal, TypeRef.of(String.class), ctx)).isEqualTo("QUIET");

    Shouting stranger = new Shouting();
    assertThatThrownBy(() -> engine.nextTransformer(stranger, TypeRef.of(String.class)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "factory dev.ferry.engine.PluginApiTest$Shouting is not one of this engine's"
                + " factories");
    TypeEngine alone = TypeEngine.builder().discover(false).builtIns(false).add(stranger).build();
    assertThatThrownBy(() -> alone.transformer(String.class))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessageStartingWith("no transformer for java.lang.String");
  }

  /** Declares STRING, returns an integer: a bug in the plugin. */
  static final class Liar implements TypeTransformer<String> {
    @Override
    public LiteralType literalType() {
      return Literals.simple(SimpleType.STRING);
    }

    @Override
    public Literal toLiteral(@Nullable String value, TransformContext ctx) {
      return Literals.ofInteger(42);
    }

    @Override
    public String toJava(Literal literal, TransformContext ctx) {
      return Literals.stringValue(literal, String.class, literalType());
    }
  }

  @Test
  void toLiteral_literalOfAnotherKindThanDeclaredIsADefinitionErrorNamingTheTransformer() {
    TypeEngine engine =
        TypeEngine.builder().discover(false).builtIns(false).add(String.class, new Liar()).build();
    assertThatThrownBy(
            () -> engine.toLiteral("x", TypeRef.of(String.class), TransformContext.at("inputs.a")))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessageContaining(
            "transformer dev.ferry.engine.PluginApiTest$Liar declares a string for"
                + " java.lang.String but its toLiteral returned integer 42 at inputs.a; make"
                + " literalType(), toLiteral() and writeTo() agree");
  }

  /** Right on the tree, wrong on the streaming path: writes an integer for a STRING type. */
  static final class StreamingLiar implements TypeTransformer<String> {
    private final Str tree = new Str("streaming liar");

    @Override
    public LiteralType literalType() {
      return tree.literalType();
    }

    @Override
    public Literal toLiteral(@Nullable String value, TransformContext ctx) {
      return tree.toLiteral(value, ctx);
    }

    @Override
    public String toJava(Literal literal, TransformContext ctx) {
      return tree.toJava(literal, ctx);
    }

    @Override
    public int serializedSize(@Nullable String value, WireSizes sizes, TransformContext ctx) {
      return Literals.ofInteger(7).getSerializedSize();
    }

    @Override
    public void writeTo(
        @Nullable String value, CodedOutputStream out, WireSizes sizes, TransformContext ctx)
        throws IOException {
      Literals.ofInteger(7).writeTo(out);
    }
  }

  @Test
  void toBytes_literalOfAnotherKindThanDeclaredIsADefinitionErrorToo() {
    TypeEngine engine =
        TypeEngine.builder()
            .discover(false)
            .builtIns(false)
            .add(String.class, new StreamingLiar())
            .build();
    TypeRef<String> type = TypeRef.of(String.class);
    TransformContext ctx = TransformContext.at("outputs.o0");
    assertThat(engine.toLiteral("x", type, ctx)).isEqualTo(Literals.ofString("x"));
    assertThatThrownBy(() -> engine.toBytes("x", type, ctx))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessageContaining(
            "declares a string for java.lang.String but its writeTo wrote"
                + " scalar.primitive.integer at outputs.o0");
  }

  @Test
  void topLevelKind_readsOnlyTheOneofCases() throws Exception {
    Literal big =
        Literal.newBuilder()
            .setHash("h")
            .setScalar(
                dev.ferry.idl.core.Scalar.newBuilder()
                    .setPrimitive(
                        dev.ferry.idl.core.Primitive.newBuilder()
                            .setStringValue("abc".repeat(1000))))
            .build();
    Literal kind = Literals.topLevelKind(Literals.toBytes(big));
    assertThat(Literals.kindName(kind)).isEqualTo("scalar.primitive.string_value");
    assertThat(Literals.fits(kind, Literals.simple(SimpleType.STRING))).isTrue();
    assertThat(Literals.kindName(Literals.topLevelKind(Literals.toBytes(Literals.none()))))
        .isEqualTo("scalar.none_type");
    LiteralType list =
        LiteralType.newBuilder().setCollectionType(Literals.simple(SimpleType.INTEGER)).build();
    Literal collection =
        Literal.newBuilder()
            .setCollection(
                dev.ferry.idl.core.LiteralCollection.newBuilder()
                    .addLiterals(Literals.ofInteger(1)))
            .build();
    assertThat(Literals.fits(Literals.topLevelKind(Literals.toBytes(collection)), list)).isTrue();
  }

  @Test
  void fits_checksTheTopLevelKind() {
    assertThat(Literals.fits(Literals.ofString("a"), Literals.simple(SimpleType.STRING))).isTrue();
    assertThat(Literals.fits(Literals.ofInteger(1), Literals.simple(SimpleType.STRING))).isFalse();
    assertThat(Literals.fits(Literals.none(), Literals.simple(SimpleType.NONE))).isTrue();
    LiteralType list =
        LiteralType.newBuilder().setCollectionType(Literals.simple(SimpleType.INTEGER)).build();
    assertThat(Literals.fits(Literals.ofInteger(1), list)).isFalse();
  }

  @Test
  void stringValue_namesTheTypesWhenTheLiteralIsNotAString() {
    assertThat(
            Literals.stringValue(
                Literals.ofString("a"), String.class, Literals.simple(SimpleType.STRING)))
        .isEqualTo("a");
    assertThatThrownBy(
            () ->
                Literals.stringValue(
                    Literals.ofInteger(3), String.class, Literals.simple(SimpleType.STRING)))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageContaining("expected a string but was integer 3");
  }

  @Test
  void unionTag_isStatedNotDerivedFromTheClassName() {
    assertThatThrownBy(() -> new Liar().unionTag())
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessageContaining("transformer dev.ferry.engine.PluginApiTest$Liar states no union tag")
        .hasMessageContaining("override unionTag()");
  }
}
