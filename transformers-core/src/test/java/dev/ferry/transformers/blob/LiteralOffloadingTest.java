package dev.ferry.transformers.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.engine.DataTransferException;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.OffloadPolicy;
import dev.ferry.engine.OffloadedLiteralResolver;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralCollection;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.idl.core.LiteralOffloadedMetadata;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiteralOffloadingTest {
  @TempDir Path tmp;

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TypeRef<List<Long>> type = new TypeRef<>() {};
  private final OffloadPolicy policy = new OffloadPolicy(1024, 1024 * 1024);
  private BlobStores stores;
  private TransformContext ctx;

  @BeforeEach
  void setUp() {
    stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()));
    ctx =
        DataPlane.of(stores, URI.create("memory://raw"), tmp)
            .attach(TransformContext.at("outputs.o0"));
  }

  private static List<Long> longs(int n) {
    return LongStream.range(0, n).boxed().toList();
  }

  @Test
  void toLiteral_smallStaysInline() {
    Literal literal = LiteralOffloading.toLiteral(longs(10), type, engine, ctx, policy);
    assertThat(literal).isEqualTo(engine.toLiteral(longs(10), type, ctx));
  }

  @Test
  void toLiteral_largeIsStreamedToTheStoreWithMetadataAndHash() throws Exception {
    List<Long> values = longs(10_000);
    Literal literal = LiteralOffloading.toLiteral(values, type, engine, ctx, policy);

    assertThat(literal.hasOffloadedMetadata()).isTrue();
    byte[] inline = Literals.toBytes(engine.toLiteral(values, type, ctx));
    URI uri = URI.create(literal.getOffloadedMetadata().getUri());
    assertThat(uri.toString()).matches("memory://raw/[0-9a-f]{32}/literal\\.pb");
    assertThat(literal.getOffloadedMetadata().getSizeBytes()).isEqualTo(inline.length);
    assertThat(literal.getOffloadedMetadata().getInferredType())
        .isEqualTo(engine.literalType(type));
    try (InputStream in = stores.forUri(uri).open(uri)) {
      assertThat(in.readAllBytes()).isEqualTo(inline);
    }
    assertThat(literal.getHash())
        .isEqualTo(
            Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(inline)));
  }

  @Test
  void toJava_resolvesOffloadedLiteralsAtTheTopAndInsideCollectionsAndMaps() {
    List<Long> values = longs(5_000);
    Literal offloaded = LiteralOffloading.toLiteral(values, type, engine, ctx, policy);
    assertThat(engine.toJava(offloaded, type, ctx)).isEqualTo(values);

    Literal collection =
        Literal.newBuilder()
            .setCollection(
                LiteralCollection.newBuilder().addLiterals(offloaded).addLiterals(offloaded))
            .build();
    assertThat(engine.toJava(collection, new TypeRef<List<List<Long>>>() {}, ctx))
        .containsExactly(values, values);

    Literal map =
        Literal.newBuilder().setMap(LiteralMap.newBuilder().putLiterals("k", offloaded)).build();
    assertThat(engine.toJava(map, new TypeRef<Map<String, List<Long>>>() {}, ctx))
        .containsEntry("k", values);
  }

  record Row(String name, List<Long> values) {}

  @Test
  void fromBytes_streamsOffloadedLiteralsAtTheTopAndInsideCollectionsAndMaps() {
    List<Long> values = longs(5_000);
    Literal offloaded = LiteralOffloading.toLiteral(values, type, engine, ctx, policy);
    // only the streaming hook may be used: the tree resolver fails
    TransformContext streamingOnly = ctx.with(OffloadedLiteralResolver.class, streamingOnly());

    assertThat(engine.fromBytes(Literals.toBytes(offloaded), type, streamingOnly))
        .isEqualTo(values);
    Literal collection =
        Literal.newBuilder()
            .setCollection(
                LiteralCollection.newBuilder().addLiterals(offloaded).addLiterals(offloaded))
            .build();
    assertThat(
            engine.fromBytes(
                Literals.toBytes(collection), new TypeRef<List<List<Long>>>() {}, streamingOnly))
        .containsExactly(values, values);
    Literal map =
        Literal.newBuilder().setMap(LiteralMap.newBuilder().putLiterals("k", offloaded)).build();
    assertThat(
            engine.fromBytes(
                Literals.toBytes(map), new TypeRef<Map<String, List<Long>>>() {}, streamingOnly))
        .containsEntry("k", values);
  }

  @Test
  void read_streamsOffloadedPrimitivesAndRecords() throws Exception {
    TransformContext streamingOnly = ctx.with(OffloadedLiteralResolver.class, streamingOnly());
    String text = "x".repeat(4096);
    Literal string =
        LiteralOffloading.toLiteral(text, new TypeRef<String>() {}, engine, ctx, policy);
    assertThat(string.hasOffloadedMetadata()).isTrue();
    try (InputStream in = new ByteArrayInputStream(Literals.toBytes(string))) {
      assertThat(engine.read(in, new TypeRef<String>() {}, streamingOnly)).isEqualTo(text);
    }

    Row row = new Row("r", longs(2_000));
    TypeRef<Row> rowType = new TypeRef<>() {};
    Literal record = LiteralOffloading.toLiteral(row, rowType, engine, ctx, policy);
    assertThat(record.hasOffloadedMetadata()).isTrue();
    assertThat(engine.fromBytes(Literals.toBytes(record), rowType, streamingOnly)).isEqualTo(row);
    assertThat(engine.fromBytes(Literals.toBytes(record), rowType, ctx)).isEqualTo(row);
  }

  @Test
  void fromBytes_offloadedLiteralShorterThanItsMetadataSaysSo() throws Exception {
    Literal offloaded = LiteralOffloading.toLiteral(longs(5_000), type, engine, ctx, policy);
    URI uri = URI.create(offloaded.getOffloadedMetadata().getUri());
    byte[] whole;
    try (InputStream in = stores.forUri(uri).open(uri)) {
      whole = in.readAllBytes();
    }
    stores.forUri(uri).write(uri, out -> out.write(whole, 0, whole.length - 9)); // cut inside
    assertThatThrownBy(() -> engine.fromBytes(Literals.toBytes(offloaded), type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith("expected an offloaded literal that can be read but was an")
        .hasMessageContaining(
            " (offloaded literal "
                + uri
                + " has "
                + (whole.length - 9)
                + " bytes, its metadata"
                + " says "
                + whole.length
                + ")")
        .hasMessageEndingWith(" at outputs.o0");
  }

  @Test
  void fromBytes_offloadedWithoutAResolverSaysSo() {
    Literal offloaded = LiteralOffloading.toLiteral(longs(5_000), type, engine, ctx, policy);
    assertThatThrownBy(
            () -> engine.fromBytes(Literals.toBytes(offloaded), type, TransformContext.at("x")))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith(
            "expected an inline literal (the context has no OffloadedLiteralResolver) but was an"
                + " offloaded literal 'memory://raw/");
  }

  @Test
  void fromBytes_aCycleOfOffloadedLiteralsStopsAfterFourHops() throws Exception {
    URI uri = URI.create("memory://raw/cycle/literal.pb");
    Literal sized = pointer(uri.toString(), 0);
    while (sized.getSerializedSize() != sized.getOffloadedMetadata().getSizeBytes()) {
      sized = pointer(uri.toString(), sized.getSerializedSize()); // the size it states is its own
    }
    Literal self = sized;
    stores.forUri(uri).write(uri, self::writeTo);
    assertThatThrownBy(() -> engine.fromBytes(Literals.toBytes(self), type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith("expected an offloaded literal that resolves in 4 hops but was");
    assertThatThrownBy(() -> engine.toJava(self, type, ctx))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith("expected an offloaded literal that resolves in 4 hops but was");
    // the depth is counted per read, not for the thread's lifetime
    assertThat(engine.fromBytes(Literals.toBytes(engine.toLiteral(longs(3), type, ctx)), type, ctx))
        .isEqualTo(longs(3));
  }

  /** Returns the plane's resolver with the tree path disabled, so only streaming can succeed. */
  private OffloadedLiteralResolver streamingOnly() {
    OffloadedLiteralResolver real =
        java.util.Objects.requireNonNull(ctx.get(OffloadedLiteralResolver.class));
    return new OffloadedLiteralResolver() {
      @Override
      public Literal resolve(LiteralOffloadedMetadata metadata, TransformContext c) {
        throw new AssertionError("the streaming path built the tree of " + metadata.getUri());
      }

      @Override
      public InputStream open(LiteralOffloadedMetadata metadata, TransformContext c)
          throws IOException {
        return real.open(metadata, c);
      }
    };
  }

  @Test
  void toLiteral_aboveTheMaximumIsRefused() {
    OffloadPolicy tight = new OffloadPolicy(16, 64);
    assertThatThrownBy(() -> LiteralOffloading.toLiteral(longs(100), type, engine, ctx, tight))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith("expected a literal of at most 64 bytes but was ")
        .hasMessageEndingWith(
            " bytes (raise _F_L_MAX_SIZE_MB, or pass the data as a file) at outputs.o0");
  }

  @Test
  void toJava_offloadedWithoutAResolverSaysSo() {
    Literal offloaded = LiteralOffloading.toLiteral(longs(5_000), type, engine, ctx, policy);
    assertThatThrownBy(() -> engine.toJava(offloaded, type, TransformContext.at("x")))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageStartingWith(
            "expected an inline literal (the context has no OffloadedLiteralResolver) but was an"
                + " offloaded literal 'memory://raw/");
  }

  @Test
  void policy_readsTheFlyteEnvironmentNames() {
    OffloadPolicy p =
        OffloadPolicy.fromEnvironment(Map.of("_F_L_MIN_SIZE_MB", "2", "_F_L_MAX_SIZE_MB", "20"));
    assertThat(p).isEqualTo(new OffloadPolicy(2L << 20, 20L << 20));
    assertThat(OffloadPolicy.fromEnvironment(Map.of())).isEqualTo(OffloadPolicy.DEFAULT);
    assertThat(OffloadPolicy.DEFAULT.offloads(10L << 20)).isFalse();
    assertThat(OffloadPolicy.DEFAULT.offloads((10L << 20) + 1)).isTrue();
    assertThatThrownBy(() -> OffloadPolicy.fromEnvironment(Map.of("_F_L_MIN_SIZE_MB", "ten")))
        .hasMessage("_F_L_MIN_SIZE_MB must be a whole number of MiB, was 'ten'");
  }

  private Literal pointer(String uri, long size) {
    return Literal.newBuilder()
        .setOffloadedMetadata(
            LiteralOffloadedMetadata.newBuilder()
                .setUri(uri)
                .setSizeBytes(size)
                .setInferredType(engine.literalType(type)))
        .build();
  }

  /** Asserts that both reading paths refuse {@code pointer} with {@code message}. */
  private void assertRefused(Literal pointer, TransformContext c, String message) {
    assertThatThrownBy(() -> engine.toJava(pointer, type, c))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> engine.fromBytes(Literals.toBytes(pointer), type, c))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(message);
  }

  @Test
  void toLiteral_writeThatTheStoreRefusesIsATransferError() throws Exception {
    Path blocker = java.nio.file.Files.writeString(tmp.resolve("blocker"), "not a directory");
    TransformContext broken =
        DataPlane.of(stores, blocker.resolve("raw").toUri(), tmp).attach(TransformContext.at("o"));

    assertThatThrownBy(
            () -> LiteralOffloading.toLiteral(longs(10_000), type, engine, broken, policy))
        .isInstanceOfSatisfying(
            DataTransferException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.location())
                  .matches("file://" + blocker + "/raw/[0-9a-f]{32}/literal.pb");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "write of "
                          + e.location()
                          + " failed: not a directory: "
                          + blocker
                          + " (not retryable)");
            });
  }

  @Test
  void read_missingOffloadedLiteralIsATransferErrorNamingTheUri() {
    Literal missing = pointer("memory://raw/gone/literal.pb", 100);
    String message = "read of memory://raw/gone/literal.pb failed: no such object (not retryable)";

    assertThatThrownBy(() -> engine.toJava(missing, type, ctx))
        .isInstanceOf(DataTransferException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((DataTransferException) e).retryable()).isFalse());
    assertThatThrownBy(() -> engine.fromBytes(Literals.toBytes(missing), type, ctx))
        .isInstanceOf(DataTransferException.class)
        .hasMessage(message);
  }

  @Test
  void read_malformedUriIsADataErrorNamingIt() {
    assertRefused(
        pointer("memory://raw/a b|c", 10),
        ctx,
        "expected an offloaded literal with a valid URI but was 'memory://raw/a b|c' (Illegal"
            + " character in path) at outputs.o0");
  }

  @Test
  void read_unknownSchemeIsADataErrorNamingTheUri() {
    TransformContext trusting =
        DataPlane.of(stores, URI.create("memory://raw"), tmp)
            .allowingLiteralsFrom("nosuch://")
            .attach(TransformContext.at("outputs.o0"));
    Literal pointer = pointer("nosuch://bucket/literal.pb", 10);
    assertThatThrownBy(() -> engine.toJava(pointer, type, trusting))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessage(
            "expected an offloaded literal in a known store but was"
                + " 'nosuch://bucket/literal.pb' at outputs.o0");
  }

  @Test
  void read_sizeOfZeroOrLessIsInvalid() throws Exception {
    Literal stored = LiteralOffloading.toLiteral(longs(5_000), type, engine, ctx, policy);
    String uri = stored.getOffloadedMetadata().getUri();
    for (long size : new long[] {0, -1, Long.MIN_VALUE}) {
      assertRefused(
          pointer(uri, size),
          ctx,
          "expected an offloaded literal of 1 byte to 2 GiB but was size_bytes "
              + size
              + " for '"
              + uri
              + "' at outputs.o0");
    }
  }

  @Test
  void read_literalOutsideTheAllowedPrefixesIsRefusedBeforeAnyRead() throws Exception {
    Path root = tmp.resolve("plane");
    try (DataPlane local = DataPlane.local(root)) {
      TransformContext c = local.attach(TransformContext.at("inputs.x"));
      String sources = "[" + root.resolve("raw").toUri() + "]";
      for (String uri :
          List.of(
              "file:///etc/passwd",
              "/proc/self/environ",
              root.resolve("raw").toUri() + "../../../etc/passwd",
              root.resolve("raw").toUri() + "%2e%2e/%2e%2e/etc/passwd",
              root.resolve("raw2").toUri() + "x.pb",
              "memory://raw/x.pb")) {
        assertRefused(
            pointer(uri, 10),
            c,
            "expected an offloaded literal under one of "
                + sources
                + " but was '"
                + uri
                + "' (allow its place with DataPlane.allowingLiteralsFrom(...) if it is trusted)"
                + " at inputs.x");
      }
    }
  }

  @Test
  void read_literalUnderAnAddedSourceIsRead() {
    Literal stored = LiteralOffloading.toLiteral(longs(5_000), type, engine, ctx, policy);
    TransformContext elsewhere =
        DataPlane.of(stores, URI.create("memory://other/raw"), tmp)
            .attach(TransformContext.at("inputs.x"));
    assertThatThrownBy(() -> engine.toJava(stored, type, elsewhere))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageContaining("expected an offloaded literal under one of [memory://other/raw/]");

    TransformContext trusting =
        DataPlane.of(stores, URI.create("memory://other/raw"), tmp)
            .allowingLiteralsFrom("memory://raw/")
            .attach(TransformContext.at("inputs.x"));
    assertThat(engine.toJava(stored, type, trusting)).isEqualTo(longs(5_000));
    assertThat(engine.fromBytes(Literals.toBytes(stored), type, trusting)).isEqualTo(longs(5_000));
  }
}
