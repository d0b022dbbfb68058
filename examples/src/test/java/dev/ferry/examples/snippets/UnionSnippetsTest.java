package dev.ferry.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.transformers.UnionValue;
import dev.ferry.transformers.blob.BlobFormat;
import dev.ferry.transformers.blob.FlyteFile;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The union and file-format examples of the javadoc ({@code UnionValue}, {@code BlobFormat}) and of
 * the README, compiled and run; {@code DocSnippetsTest} checks the documentation shows them as they
 * are here.
 */
class UnionSnippetsTest {
  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs");

  /** The javadoc of {@code UnionValue}. */
  static final class Javadoc {
    // snippet:begin union-value-javadoc
    sealed interface IntOrStr {
      @UnionValue
      record I(long value) implements IntOrStr {} // variant int, tag "int"

      @UnionValue
      record S(String value) implements IntOrStr {} // variant str, tag "str"

      @UnionValue
      record Nothing() implements IntOrStr {} // variant none (no component)
    }
    // snippet:end union-value-javadoc
  }

  /** The README's unions section. */
  static final class Readme {
    // snippet:begin union-value-readme
    sealed interface IntOrStr {
      @UnionValue
      record I(long value) implements IntOrStr {} // the int variant

      @UnionValue
      record S(String value) implements IntOrStr {} // the str variant
    }
    // snippet:end union-value-readme
  }

  // snippet:begin blob-format-javadoc
  record Report(String name, @BlobFormat("csv") FlyteFile table) {}

  // snippet:end blob-format-javadoc

  @Test
  void unionValue_javadocExample_isIntStrNoneAsPythonTagsThem() {
    TypeRef<Javadoc.IntOrStr> type = TypeRef.of(Javadoc.IntOrStr.class);
    LiteralType t = engine.literalType(type);
    assertThat(t.getUnionType().getVariantsList())
        .extracting(v -> v.getStructure().getTag())
        .containsExactlyInAnyOrder("int", "str", "none");
    for (Javadoc.IntOrStr v :
        new Javadoc.IntOrStr[] {
          new Javadoc.IntOrStr.I(42), new Javadoc.IntOrStr.S("x"), new Javadoc.IntOrStr.Nothing()
        }) {
      Literal literal = engine.toLiteral(v, type, ctx);
      assertThat(engine.toJava(literal, type, ctx)).isEqualTo(v);
    }
    Literal i = engine.toLiteral(new Javadoc.IntOrStr.I(42), type, ctx);
    assertThat(i.getScalar().getUnion().getType().getStructure().getTag()).isEqualTo("int");
    assertThat(i.getScalar().getUnion().getValue().getScalar().getPrimitive().getInteger())
        .isEqualTo(42);
  }

  @Test
  void unionValue_readmeExample_roundTrips() {
    TypeRef<Readme.IntOrStr> type = TypeRef.of(Readme.IntOrStr.class);
    Literal s = engine.toLiteral(new Readme.IntOrStr.S("hello"), type, ctx);
    assertThat(s.getScalar().getUnion().getType().getStructure().getTag()).isEqualTo("str");
    assertThat(engine.toJava(s, type, ctx)).isEqualTo(new Readme.IntOrStr.S("hello"));
  }

  @Test
  void blobFormat_javadocExample_putsTheFormatInTheType() {
    TypeRef<Report> type = TypeRef.of(Report.class);
    LiteralType t = engine.literalType(type);
    assertThat(t.getStructure().getDataclassTypeOrThrow("table").getBlob().getFormat())
        .isEqualTo("csv");
    Report r = new Report("q3", FlyteFile.of(URI.create("s3://bucket/q3.csv")));
    Report back = engine.toJava(engine.toLiteral(r, type, ctx), type, ctx);
    assertThat(back.table().format()).isEqualTo("csv");
  }
}
