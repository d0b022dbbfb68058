package dev.ferry.transformers.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.transformers.EnumValue;
import dev.ferry.transformers.FieldName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Definition errors: types that cannot be converted fail at lookup, with the chain and the fix. */
class DefinitionErrorsTest {
  private static final String PREFIX = DefinitionErrorsTest.class.getName() + "$";
  private static final String REGISTER =
      "register a TypeTransformer.Factory with TypeEngine.builder().add(...), or ship a"
          + " TypeTransformerRegistrar through ServiceLoader";

  record Order(String id, ArrayList<String> tags) {}

  record Holder(Object x) {}

  interface Plain {}

  sealed interface Shape permits Circle, Square {}

  record Circle(double size) implements Shape {}

  record Square(double size) implements Shape {}

  record Drawing(String name, Shape shape) {}

  static final class A {
    record Circle(double r) implements Clash {}
  }

  static final class B {
    record Circle(double r) implements Clash {}
  }

  sealed interface Clash permits A.Circle, B.Circle {}

  sealed interface Mixed permits Ok, NotARecord {}

  record Ok(int x) implements Mixed {}

  static final class NotARecord implements Mixed {}

  enum Twice {
    @EnumValue("a")
    X,
    @EnumValue("a")
    Y
  }

  record SameName(@FieldName("a") int x, int a) {}

  /** A type with a transformer but no msgpack form. */
  record Money(long cents) {}

  record Priced(Money price) {}

  private final TypeEngine engine = TypeEngine.createDefault();

  @Test
  void lookup_arrayList_suggestsList() {
    assertThatThrownBy(() -> engine.transformer(new TypeRef<ArrayList<String>>() {}))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessage(
            "no transformer for java.util.ArrayList<java.lang.String>: declare it as java.util.List");
  }

  @Test
  void lookup_componentShowsTheChain() {
    assertThatThrownBy(() -> engine.transformer(new TypeRef<List<Order>>() {}))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessage(
            "no transformer for java.util.ArrayList<java.lang.String>: declare it as java.util.List\n"
                + "  for component 'tags' of record "
                + PREFIX
                + "Order\n"
                + "  for element of java.util.List<"
                + PREFIX
                + "Order>")
        .satisfies(
            e -> {
              TypeDefinitionException tde = (TypeDefinitionException) e;
              assertThat(tde.type()).isEqualTo(new TypeRef<ArrayList<String>>() {});
              assertThat(tde.chain())
                  .containsExactly(
                      "component 'tags' of record " + PREFIX + "Order",
                      "element of java.util.List<" + PREFIX + "Order>");
            });
  }

  @Test
  void lookup_object_suggestsConcreteTypeOrUntypedMap() {
    assertThatThrownBy(() -> engine.transformer(Holder.class))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessage(
            "no transformer for java.lang.Object: Object has no Flyte type; declare a concrete"
                + " type, a record, or Map<String, Object> for untyped data\n"
                + "  for component 'x' of record "
                + PREFIX
                + "Holder");
  }

  @Test
  void lookup_char_suggestsString() {
    assertThatThrownBy(() -> engine.transformer(char.class))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessage("no transformer for char: declare it as String");
    assertThatThrownBy(() -> engine.transformer(Character.class))
        .hasMessage("no transformer for java.lang.Character: declare it as String");
  }

  @Test
  void lookup_nonSealedInterface_saysWhatToRegister() {
    assertThatThrownBy(() -> engine.transformer(Plain.class))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessage(
            "no transformer for "
                + PREFIX
                + "Plain: an interface has no Flyte type unless it is sealed and permits only"
                + " records; "
                + REGISTER);
  }

  @Test
  void lookup_setAndArraysAndMapImplementations_suggestTheInterface() {
    assertThatThrownBy(() -> engine.transformer(new TypeRef<Set<String>>() {}))
        .hasMessage(
            "no transformer for java.util.Set<java.lang.String>: Flyte collections are ordered"
                + " lists; declare it as java.util.List");
    assertThatThrownBy(() -> engine.transformer(int[].class))
        .hasMessage(
            "no transformer for int[]: declare it as java.util.List (only byte[] maps to a Flyte"
                + " type as binary)");
    assertThatThrownBy(() -> engine.transformer(new TypeRef<HashMap<String, Long>>() {}))
        .hasMessage(
            "no transformer for java.util.HashMap<java.lang.String, java.lang.Long>: declare it"
                + " as java.util.Map");
  }

  @Test
  void lookup_optionalOfOptional_isAmbiguous() {
    assertThatThrownBy(() -> engine.transformer(new TypeRef<Optional<Optional<Long>>>() {}))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessage("Optional<Optional<...>> has no Flyte type: an empty value is ambiguous");
  }

  @Test
  void lookup_sealedVariantsWithTheSameSimpleName() {
    assertThatThrownBy(() -> engine.transformer(Clash.class))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessage(
            "variants "
                + PREFIX
                + "A$Circle and "
                + PREFIX
                + "B$Circle of "
                + PREFIX
                + "Clash have the same simple name 'Circle': Flyte tells union variants apart by"
                + " name, so rename one");
  }

  @Test
  void lookup_sealedPermittingANonRecord() {
    assertThatThrownBy(() -> engine.transformer(Mixed.class))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessage(
            "permitted class "
                + PREFIX
                + "NotARecord of sealed "
                + PREFIX
                + "Mixed is not a record: a sealed union's variants must be records");
  }

  @Test
  void lookup_sealedVariantsWithTheSameKeysInsideARecord() {
    // as a top-level union the variants are told apart by their tags ...
    assertThat(engine.literalType(Shape.class).getUnionType().getVariantsCount()).isEqualTo(2);
    // ... but msgpack inside a record carries no tag
    assertThatThrownBy(() -> engine.transformer(Drawing.class))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessage(
            "variants Circle and Square of "
                + PREFIX
                + "Shape cannot be told apart inside a record (msgpack carries no tag and their"
                + " keys overlap: [size] vs [size]); give them different component names");
  }

  @Test
  void lookup_enumWithTwoConstantsOfOneValue() {
    assertThatThrownBy(() -> engine.transformer(Twice.class))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessage("enum " + PREFIX + "Twice has two constants with the value 'a'");
  }

  @Test
  void lookup_recordWithTwoComponentsOfOneName() {
    assertThatThrownBy(() -> engine.transformer(SameName.class))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessage("record " + PREFIX + "SameName has two components named 'a'");
  }

  @Test
  void lookup_componentWithoutMsgpackForm() {
    TypeTransformer<Money> money =
        new TypeTransformer<>() {
          @Override
          public LiteralType literalType() {
            return Literals.simple(SimpleType.INTEGER);
          }

          @Override
          public Literal toLiteral(Money value, TransformContext ctx) {
            return Literals.ofInteger(value.cents());
          }

          @Override
          public Money toJava(Literal literal, TransformContext ctx) {
            return new Money(literal.getScalar().getPrimitive().getInteger());
          }
        };
    TypeEngine custom = TypeEngine.builder().add(Money.class, money).build();

    assertThat(custom.literalType(Money.class)).isEqualTo(Literals.simple(SimpleType.INTEGER));
    assertThatThrownBy(() -> custom.transformer(Priced.class))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessage(
            PREFIX
                + "Money cannot be used as component 'price' of record "
                + PREFIX
                + "Priced: its transformer "
                + money.getClass().getName()
                + " has no msgpack form; implement dev.ferry.transformers.msgpack.MsgpackCodec in "
                + money.getClass().getName()
                + " (pack, unpack and jsonSchema: the value as the Python SDK writes it inside a"
                + " dataclass)");
  }

  @Test
  void lookup_failureIsNotCached() {
    assertThatThrownBy(() -> engine.transformer(Drawing.class))
        .isInstanceOf(TypeDefinitionException.class);
    assertThatThrownBy(() -> engine.transformer(Drawing.class))
        .isInstanceOf(TypeDefinitionException.class);
    // the union alone still works after the failed lookup of the record that held it
    assertThat(
            engine.toJava(
                engine.toLiteral(
                    new Circle(1), TypeRef.of(Shape.class), TransformContext.defaults()),
                TypeRef.of(Shape.class),
                TransformContext.defaults()))
        .isEqualTo(new Circle(1));
  }
}
