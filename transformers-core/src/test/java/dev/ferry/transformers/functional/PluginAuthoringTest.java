package dev.ferry.transformers.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.testing.TransformerContract;
import dev.ferry.transformers.msgpack.JsonSchema;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** What a plugin author meets: errors that name the plugin's class, schemas, BigDecimal. */
class PluginAuthoringTest {
  private static final String PREFIX = PluginAuthoringTest.class.getName() + "$";
  private static final TransformContext CTX = TransformContext.at("inputs.x");

  record Money(long cents) {}

  /** A plugin transformer without a msgpack form. */
  static class MoneyTransformer implements TypeTransformer<Money> {
    @Override
    public LiteralType literalType() {
      return Literals.simple(SimpleType.INTEGER);
    }

    @Override
    public Literal toLiteral(@Nullable Money value, TransformContext ctx) {
      if (value == null) {
        throw new LiteralConversionException("a Money", "null", Money.class, literalType());
      }
      return Literals.ofInteger(value.cents());
    }

    @Override
    public Money toJava(Literal literal, TransformContext ctx) {
      return new Money(literal.getScalar().getPrimitive().getInteger());
    }
  }

  record Wallet(List<Money> coins) {}

  record Purse(Map<String, Optional<Money>> coins) {}

  private final TypeEngine engine =
      TypeEngine.builder().add(Money.class, new MoneyTransformer()).build();

  @Test
  void pluginTypeInsideAListInARecord_errorNamesThePluginTransformerNotListTransformer() {
    String fix =
        "implement dev.ferry.transformers.msgpack.MsgpackCodec in "
            + PREFIX
            + "MoneyTransformer (pack, unpack and jsonSchema";
    assertThatThrownBy(() -> engine.transformer(Wallet.class))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessageContaining(
            "java.util.List<"
                + PREFIX
                + "Money> cannot be used as component 'coins' of record "
                + PREFIX
                + "Wallet: a component's transformer (the java.util.List<"
                + PREFIX
                + "Money> transformer holds it) "
                + PREFIX
                + "MoneyTransformer has no msgpack form; "
                + fix)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ListTransformer"));
    assertThatThrownBy(() -> engine.transformer(Purse.class))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessageContaining(fix)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("MapTransformer"));
  }

  @Test
  void jsonSchema_helpersAndJsonText() {
    assertThat(JsonSchema.string("decimal"))
        .isEqualTo(
            Value.newBuilder()
                .setStructValue(
                    Struct.newBuilder()
                        .putFields("type", Value.newBuilder().setStringValue("string").build())
                        .putFields("format", Value.newBuilder().setStringValue("decimal").build()))
                .build());
    assertThat(JsonSchema.integer().getStructValue().getFieldsOrThrow("type").getStringValue())
        .isEqualTo("integer");
    Value parsed =
        JsonSchema.parse(
            """
            {"type": "object", "properties": {"n": {"type": "number", "minimum": -1.5e1}},
             "required": ["n"], "additionalProperties": false, "x": null, "s": "a\\"\\u00e9"}
            """);
    Struct s = parsed.getStructValue();
    assertThat(s.getFieldsOrThrow("type").getStringValue()).isEqualTo("object");
    assertThat(
            s.getFieldsOrThrow("properties")
                .getStructValue()
                .getFieldsOrThrow("n")
                .getStructValue()
                .getFieldsOrThrow("minimum")
                .getNumberValue())
        .isEqualTo(-15.0);
    assertThat(s.getFieldsOrThrow("required").getListValue())
        .isEqualTo(
            ListValue.newBuilder().addValues(Value.newBuilder().setStringValue("n")).build());
    assertThat(s.getFieldsOrThrow("additionalProperties").getBoolValue()).isFalse();
    assertThat(s.getFieldsOrThrow("x").hasNullValue()).isTrue();
    assertThat(s.getFieldsOrThrow("s").getStringValue()).isEqualTo("a\"é");
    assertThat(JsonSchema.enumOf(List.of("A", "B")))
        .isEqualTo(JsonSchema.parse("{\"enum\": [\"A\", \"B\"]}"));
  }

  @Test
  void jsonSchema_badTextNamesTheOffset() {
    assertThatThrownBy(() -> JsonSchema.parse("{\"type\" \"string\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("JSON schema text: expected ':' at offset 8 but was '\"string\"}'");
    assertThatThrownBy(() -> JsonSchema.parse("{\"type\": \"string\"} x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("JSON schema text: expected the end of the JSON text at offset 19 but was 'x'");
  }

  @Test
  void contract_failsATransformerWithoutAUnionTagInOptional() {
    TypeEngine withMoney = TypeEngine.builder().add(Money.class, new MoneyTransformer()).build();
    assertThatThrownBy(
            () -> TransformerContract.check(withMoney, Money.class, new Money(1), new Money(-5)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("transformer contract of java.util.Optional<" + PREFIX + "Money>")
        .hasMessageContaining("states no union tag");
    TypeEngine tagged =
        TypeEngine.builder()
            .add(
                Money.class,
                new MoneyTransformer() {
                  @Override
                  public String unionTag() {
                    return "Money";
                  }
                })
            .build();
    TransformerContract.check(tagged, Money.class, new Money(1), new Money(-5));
  }

  record Invoice(String id, BigDecimal amount, @Nullable BigDecimal discount) {}

  private final TypeEngine defaults = TypeEngine.createDefault();

  @Test
  void bigDecimalInARecord_isItsDecimalStringAsPythonsDataclassesWriteDecimal() throws Exception {
    Invoice invoice = new Invoice("i-1", new BigDecimal("12.50"), new BigDecimal("1E+3"));
    Literal literal = defaults.toLiteral(invoice, TypeRef.of(Invoice.class), CTX);

    byte[] msgpack = literal.getScalar().getBinary().getValue().toByteArray();
    // {"id": "i-1", "amount": "12.50", "discount": "1E+3"}, Python's str(Decimal) form
    assertThat(HexFormat.of().formatHex(msgpack))
        .isEqualTo(
            "83" // a map of 3
                + "a26964a3692d31" // "id": "i-1"
                + "a6616d6f756e74a531322e3530" // "amount": "12.50"
                + "a8646973636f756e74a431452b33"); // "discount": "1E+3"
    assertThat(defaults.toJava(literal, TypeRef.of(Invoice.class), CTX)).isEqualTo(invoice);

    LiteralType type = defaults.literalType(Invoice.class);
    Struct amountSchema =
        type.getMetadata()
            .getFieldsOrThrow("properties")
            .getStructValue()
            .getFieldsOrThrow("amount")
            .getStructValue();
    assertThat(amountSchema.getFieldsOrThrow("type").getStringValue()).isEqualTo("string");
    assertThat(amountSchema.getFieldsOrThrow("format").getStringValue()).isEqualTo("decimal");
    LiteralType field = type.getStructure().getDataclassTypeOrThrow("amount");
    assertThat(field.getBlob().getFormat()).isEqualTo("PythonPickle");

    TransformerContract.of(defaults, TypeRef.of(Invoice.class))
        .check(invoice, new Invoice("i-2", new BigDecimal("-0.000001"), null));
  }

  @Test
  void bigDecimalInARecord_notADecimalIsADataErrorWithThePath() {
    // {"id": "i", "amount": "NaN", "discount": null}
    byte[] msgpack =
        HexFormat.of().parseHex("83a26964a169a6616d6f756e74a34e614ea8646973636f756e74c0");
    Literal literal =
        Literal.newBuilder()
            .setScalar(
                dev.ferry.idl.core.Scalar.newBuilder()
                    .setBinary(
                        dev.ferry.idl.core.Binary.newBuilder()
                            .setTag("msgpack")
                            .setValue(com.google.protobuf.ByteString.copyFrom(msgpack))))
            .build();
    assertThatThrownBy(() -> defaults.toJava(literal, TypeRef.of(Invoice.class), CTX))
        .isInstanceOf(LiteralConversionException.class)
        .hasMessageContaining("a finite decimal such as '12.50'")
        .hasMessageContaining("'NaN'");
  }

  @Test
  void bigDecimalAtTopLevel_isADefinitionErrorWithTheFix() {
    assertThatThrownBy(() -> defaults.toLiteral(BigDecimal.ONE, TypeRef.of(BigDecimal.class), CTX))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessageContaining("the Python SDK pickles a top-level Decimal")
        .hasMessageContaining(
            "Declare a String holding the decimal (str in Python), or a record with a BigDecimal"
                + " component");
    assertThatThrownBy(
            () -> defaults.toJava(Literals.ofString("1"), TypeRef.of(BigDecimal.class), CTX))
        .isInstanceOf(TypeDefinitionException.class);
  }
}
