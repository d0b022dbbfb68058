package dev.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeRefTest {
  record Page<T>(List<T> items, Map<String, T> byId) {}

  @Test
  void typeRef_capturesParameterizedType() {
    TypeRef<List<String>> ref = new TypeRef<>() {};
    assertThat(ref.rawType()).isEqualTo(List.class);
    assertThat(ref.typeArguments()).containsExactly(TypeRef.of(String.class));
    assertThat(ref).hasToString("java.util.List<java.lang.String>");
  }

  @Test
  void typeRef_equalWhicheverWayMade() {
    TypeRef<Map<String, List<Long>>> token = new TypeRef<>() {};
    TypeRef<?> built =
        TypeRef.parameterized(
            Map.class, String.class, TypeRef.parameterized(List.class, Long.class).type());
    assertThat(built).isEqualTo(token);
    assertThat(built.hashCode()).isEqualTo(token.hashCode());
  }

  @Test
  void typeRef_wildcardsCanonicalizedToBounds() {
    TypeRef<List<? extends Number>> wild = new TypeRef<>() {};
    assertThat(wild).isEqualTo(new TypeRef<List<Number>>() {});
  }

  @Test
  void typeRef_genericArrayOfClassIsTheArrayClass() {
    TypeRef<byte[]> ref = new TypeRef<>() {};
    assertThat(ref.type()).isEqualTo(byte[].class);
    assertThat(TypeRef.of(byte[].class)).isEqualTo(ref);
  }

  @Test
  void typeRef_rejectsUnresolvedTypeVariable() {
    assertThatThrownBy(TypeRefTest::listOfT)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("type variable T of ")
        .hasMessageContaining("is unresolved in java.util.List<T>");
  }

  private static <T> TypeRef<List<T>> listOfT() {
    return new TypeRef<List<T>>() {};
  }

  @Test
  void typeRef_rejectsRawGenericClass() {
    assertThatThrownBy(() -> TypeRef.of(List.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "raw type java.util.List needs its type arguments: use new TypeRef<List<...>>() {}");
  }

  @SuppressWarnings("rawtypes")
  @Test
  void typeRef_rejectsMissingTypeArgument() {
    assertThatThrownBy(() -> new TypeRef() {})
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("TypeRef must be created as an anonymous subclass");
  }

  @Test
  void resolve_substitutesRecordTypeParameters() throws Exception {
    TypeRef<Page<Long>> page = new TypeRef<>() {};
    Type items = Page.class.getRecordComponents()[0].getGenericType();
    Type byId = Page.class.getRecordComponents()[1].getGenericType();
    assertThat(page.resolve(items)).isEqualTo(new TypeRef<List<Long>>() {});
    assertThat(page.resolve(byId)).isEqualTo(new TypeRef<Map<String, Long>>() {});
  }

  @Test
  void typeArgument_ofClassFails() {
    assertThatThrownBy(() -> TypeRef.of(String.class).typeArgument(0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("java.lang.String has no type arguments");
  }

  @Test
  void of_wildcardIsADefinitionErrorNamingItsBound() throws Exception {
    java.lang.reflect.ParameterizedType listOfWildcard =
        (java.lang.reflect.ParameterizedType)
            new TypeRef<List<? extends Long>>() {}.getClass().getGenericSuperclass();
    java.lang.reflect.Type wildcard =
        ((java.lang.reflect.ParameterizedType) listOfWildcard.getActualTypeArguments()[0])
            .getActualTypeArguments()[0];

    assertThatThrownBy(() -> TypeRef.of(wildcard))
        .isInstanceOf(TypeDefinitionException.class)
        .hasMessage(
            "the wildcard ? extends java.lang.Long is not a type a value has: use its bound"
                + " java.lang.Long (declare List<Long> rather than List<? extends Long>)")
        .satisfies(
            e ->
                assertThat(((TypeDefinitionException) e).type()).isEqualTo(TypeRef.of(Long.class)));
  }
}
