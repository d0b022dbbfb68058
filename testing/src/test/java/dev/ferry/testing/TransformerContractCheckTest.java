package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.engine.WireSizes;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SimpleType;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The contract catches each kind of broken transformer, and passes a correct one. */
class TransformerContractCheckTest {
  record Code(String value) {}

  /** A correct transformer: Code as a string. */
  static class Codes implements TypeTransformer<Code> {
    @Override
    public LiteralType literalType() {
      return Literals.simple(SimpleType.STRING);
    }

    @Override
    public Literal toLiteral(@Nullable Code value, TransformContext ctx) {
      if (value == null) {
        throw new LiteralConversionException("a Code", "null", Code.class, literalType());
      }
      return Literals.ofString(value.value());
    }

    @Override
    public Code toJava(Literal literal, TransformContext ctx) {
      return new Code(Literals.stringValue(literal, Code.class, literalType()));
    }
  }

  private static TypeEngine engine(TypeTransformer<Code> t) {
    return TypeEngine.builder().discover(false).builtIns(false).add(Code.class, t).build();
  }

  @Test
  void correctTransformer_passes() {
    assertThatCode(
            () ->
                TransformerContract.check(
                    engine(new Codes()), Code.class, new Code("a"), new Code("")))
        .doesNotThrowAnyException();
  }

  @Test
  void declaresStringReturnsInteger_fails() {
    Codes liar =
        new Codes() {
          @Override
          public Literal toLiteral(@Nullable Code value, TransformContext ctx) {
            return Literals.ofInteger(7);
          }
        };
    assertThatThrownBy(() -> TransformerContract.check(engine(liar), Code.class, new Code("a")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("transformer contract of " + Code.class.getName())
        .hasMessageContaining(
            "expected the literal has the shape literalType() declares (simple: STRING) but it does"
                + " not: [$: does not hold a STRING value] in integer 7; sample Code[value=a]");
  }

  @Test
  void streamingBytesDifferFromTheTree_fails() {
    Codes skewed =
        new Codes() {
          @Override
          public int serializedSize(@Nullable Code value, WireSizes sizes, TransformContext ctx) {
            return Literals.ofString("other").getSerializedSize();
          }

          @Override
          public void writeTo(
              @Nullable Code value, CodedOutputStream out, WireSizes sizes, TransformContext ctx)
              throws IOException {
            Literals.ofString("other").writeTo(out);
          }
        };
    assertThatThrownBy(() -> TransformerContract.check(engine(skewed), Code.class, new Code("a")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "expected the streaming path (toBytes) writes the bytes of the literal tree");
  }

  @Test
  void lossyRoundTrip_fails() {
    Codes lossy =
        new Codes() {
          @Override
          public Code toJava(Literal literal, TransformContext ctx) {
            return new Code(super.toJava(literal, ctx).value().trim());
          }
        };
    assertThatThrownBy(() -> TransformerContract.check(engine(lossy), Code.class, new Code(" a")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "expected toJava(toLiteral(value)) equals the value but it read back Code[value=a]");
  }

  @Test
  void nullAcceptedWhereRejectionIsExpected_fails() {
    Codes lenient =
        new Codes() {
          @Override
          public Literal toLiteral(@Nullable Code value, TransformContext ctx) {
            return Literals.ofString(value == null ? "" : value.value());
          }
        };
    assertThatThrownBy(() -> TransformerContract.check(engine(lenient), Code.class, new Code("a")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected toLiteral(null) throws a LiteralConversionException");
    assertThatCode(
            () ->
                TransformerContract.of(engine(lenient), Code.class)
                    .nulls(TransformerContract.Nulls.UNCHECKED)
                    .check(new Code("a")))
        .doesNotThrowAnyException();
  }

  /** Not thread-safe: a shared buffer that threads overwrite. */
  static final class Racy extends Codes {
    private final StringBuilder scratch = new StringBuilder();

    @Override
    public Literal toLiteral(@Nullable Code value, TransformContext ctx) {
      if (value == null) {
        return super.toLiteral(null, ctx);
      }
      scratch.setLength(0);
      for (char c : value.value().toCharArray()) {
        scratch.append(c);
        Thread.yield();
      }
      return Literals.ofString(scratch.toString());
    }
  }

  @Test
  void sharedMutableState_failsTheThreadCheck() {
    List<Code> samples =
        List.of(new Code("aaaaaaaaaaaaaaaaaaaa"), new Code("bbbbbbbbbbbbbbbbbbbb"));
    assertThatThrownBy(() -> TransformerContract.of(engine(new Racy()), Code.class).check(samples))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("threads");
  }

  /** The JUnit base class runs the same contract. */
  static final class CodeContractTest extends TransformerContractTest<Code> {
    CodeContractTest() {
      super(TypeRef.of(Code.class));
    }

    @Override
    protected TypeEngine engine() {
      return TransformerContractCheckTest.engine(new Codes());
    }

    @Override
    protected List<Code> samples() {
      return List.of(new Code("x"));
    }
  }

  @Test
  void baseClass_runsTheContract() {
    assertThatCode(() -> new CodeContractTest().transformerKeepsTheContract())
        .doesNotThrowAnyException();
    TransformerContractTest<Code> broken =
        new TransformerContractTest<>(TypeRef.of(Code.class)) {
          @Override
          protected TypeEngine engine() {
            return TransformerContractCheckTest.engine(
                new Codes() {
                  @Override
                  public Literal toLiteral(@Nullable Code value, TransformContext ctx) {
                    return Literals.ofInteger(1);
                  }
                });
          }

          @Override
          protected List<Code> samples() {
            return List.of(new Code("x"));
          }
        };
    assertThatThrownBy(broken::transformerKeepsTheContract).isInstanceOf(AssertionError.class);
  }
}
