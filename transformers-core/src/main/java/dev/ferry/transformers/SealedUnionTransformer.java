package dev.ferry.transformers;

import com.google.protobuf.Value;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.idl.core.Binary;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Scalar;
import dev.ferry.idl.core.Union;
import dev.ferry.idl.core.UnionType;
import dev.ferry.transformers.internal.Codecs;
import dev.ferry.transformers.internal.Json;
import dev.ferry.transformers.internal.Nullability;
import dev.ferry.transformers.internal.Tags;
import dev.ferry.transformers.msgpack.MsgpackCodec;
import dev.ferry.transformers.msgpack.MsgpackReader;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;
import org.msgpack.value.ValueType;

/**
 * A sealed interface whose permitted classes are records (directly or through sealed
 * sub-interfaces) as a Flyte {@code union_type}. A plain record is a dataclass variant, tagged
 * {@code "Object-Dataclass-Transformer"} as the Python SDK tags one; a record marked {@link
 * UnionValue} is the variant of its single component's type ({@code @UnionValue record I(long
 * value)} is the {@code int} variant, tag {@code "int"}; with no component, the {@code none}
 * variant), so a sealed interface can be {@code Union[int, str]} or any mix of primitives, lists,
 * maps, enums, files, datasets and records.
 *
 * <p>Writing picks the variant by the value's class, never by trying. Reading picks it by the union
 * literal's variant type: its tag, then the title of its schema (records) or the whole type.
 * Variants the Python SDK could not tell apart (one tag and one type, or two dataclasses with one
 * simple name) are a definition error naming them. Inside a record, where msgpack carries no tag,
 * the variant is the one of the value's msgpack kind (integer, string, array, ...) and, among
 * records, the one whose keys match; a union whose variants share a kind there is an error when it
 * is used inside a record.
 */
public final class SealedUnionTransformer<T> implements TypeTransformer<T>, MsgpackCodec<T> {
  static final Factory FACTORY =
      (type, engine) -> {
        Class<?> raw = type.rawType();
        if (!raw.isInterface() || !raw.isSealed()) {
          return null;
        }
        return new SealedUnionTransformer<>(type, engine);
      };

  private final TypeRef<?> type;
  private final List<Variant> variants = new ArrayList<>();
  private final Map<Class<?>, Variant> byClass = new HashMap<>();
  private volatile boolean checked;
  private volatile @Nullable String msgpackAmbiguity;

  private static final class Variant {
    final Class<?> recordClass;
    final TypeRef<?> valueType;
    final String name;
    final TypeTransformer<Object> transformer;

    /** For a {@link UnionValue} record: reads its component (null when it has none). */
    final @Nullable MethodHandle accessor;

    /** For a {@link UnionValue} record: its canonical constructor, spread over an array. */
    final @Nullable MethodHandle constructor;

    final Set<String> keys = new HashSet<>();
    final Set<String> requiredKeys = new HashSet<>();

    @SuppressWarnings("unchecked")
    Variant(
        Class<?> recordClass,
        TypeRef<?> valueType,
        TypeTransformer<?> transformer,
        @Nullable MethodHandle accessor,
        @Nullable MethodHandle constructor) {
      this.recordClass = recordClass;
      this.valueType = valueType;
      this.name = recordClass.getSimpleName();
      this.transformer = (TypeTransformer<Object>) transformer;
      this.accessor = accessor;
      this.constructor = constructor;
      if (constructor == null) {
        for (RecordComponent rc : recordClass.getRecordComponents()) {
          FieldName rename = rc.getAnnotation(FieldName.class);
          String key = rename != null ? rename.value() : rc.getName();
          keys.add(key);
          if (rc.getType() != Optional.class
              && (rc.getType().isPrimitive() || !Nullability.isNullable(rc))) {
            requiredKeys.add(key);
          }
        }
      }
    }

    boolean single() {
      return constructor != null;
    }

    // asked when used, not when made: a recursive variant's transformer resolves after lookup

    String tag() {
      return transformer.unionTag();
    }

    LiteralType variantType() {
      return Tags.variant(transformer.literalType(), tag());
    }

    /** A dataclass variant's simple name; the schema title of a single value, if it has one. */
    String title() {
      return single() ? Tags.title(variantType()) : name;
    }

    boolean matches(Set<String> present) {
      return keys.containsAll(present) && present.containsAll(requiredKeys);
    }

    /** The value the variant's transformer converts: the component of a single-value record. */
    @Nullable Object unwrap(Object value) {
      if (constructor == null) {
        return value;
      }
      if (accessor == null) {
        return null;
      }
      try {
        return accessor.invokeExact(value);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }

    /** The Java value of the union for a value of the variant's transformer. */
    Object wrap(@Nullable Object inner) {
      if (constructor == null) {
        return java.util.Objects.requireNonNull(inner);
      }
      try {
        return accessor == null
            ? constructor.invokeExact(new Object[0])
            : constructor.invokeExact(new Object[] {inner});
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }

    /** The msgpack kind of the variant's values inside a record, or null if it has several. */
    @Nullable ValueType kind() {
      return msgpackKind(variantType());
    }
  }

  private SealedUnionTransformer(TypeRef<?> type, TypeEngine engine) {
    this.type = type;
    List<TypeRef<?>> records = new ArrayList<>();
    collect(type, type, records);
    for (TypeRef<?> recordType : records) {
      Class<?> record = recordType.rawType();
      Variant v =
          record.isAnnotationPresent(UnionValue.class)
              ? singleValue(type, recordType, engine)
              : new Variant(
                  record,
                  recordType,
                  engine.transformer(
                      recordType, "variant " + record.getSimpleName() + " of " + type),
                  null,
                  null);
      for (Variant other : variants) {
        if (!v.single() && !other.single() && v.name.equals(other.name)) {
          throw new TypeDefinitionException(type, sameName(other, v));
        }
      }
      variants.add(v);
      byClass.put(record, v);
    }
    try {
      check();
    } catch (dev.ferry.engine.internal.DeferredTransformer.Unresolved e) {
      // a recursive variant: checked when the union is first used
    }
  }

  /**
   * Checks the variants against each other once, when the union is first used (a recursive
   * variant's type is known only then): variants the Python SDK could not tell apart are a
   * definition error; variants msgpack cannot tell apart make the union unusable inside records.
   */
  private void check() {
    if (checked) {
      return;
    }
    for (int i = 0; i < variants.size(); i++) {
      for (int j = i + 1; j < variants.size(); j++) {
        String clash = indistinguishable(variants.get(i), variants.get(j));
        if (clash != null) {
          throw new TypeDefinitionException(type, clash);
        }
      }
    }
    msgpackAmbiguity = findAmbiguity();
    checked = true;
  }

  private String sameName(Variant a, Variant b) {
    return "variants "
        + a.recordClass.getName()
        + " and "
        + b.recordClass.getName()
        + " of "
        + type
        + " have the same simple name '"
        + a.name
        + "': Flyte tells union variants apart by name, so rename one";
  }

  private static Variant singleValue(TypeRef<?> union, TypeRef<?> recordType, TypeEngine engine) {
    Class<?> record = recordType.rawType();
    RecordComponent[] rcs = record.getRecordComponents();
    if (rcs.length > 1) {
      throw new TypeDefinitionException(
          union,
          "@UnionValue record "
              + record.getName()
              + " of "
              + union
              + " has "
              + rcs.length
              + " components: a single-value variant has one (the value) or none (the none"
              + " variant); remove @UnionValue to make it a dataclass variant");
    }
    TypeRef<?> valueType =
        rcs.length == 0 ? TypeRef.of(Void.class) : recordType.resolve(rcs[0].getGenericType());
    String where = "variant " + record.getSimpleName() + " of " + union;
    TypeTransformer<?> transformer = engine.transformer(valueType, where);
    if (rcs.length == 1) {
      transformer =
          dev.ferry.transformers.blob.BlobFormat.Support.apply(
              transformer, rcs[0], valueType, where);
    }
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    try {
      MethodHandle accessor = null;
      Class<?>[] parameters = new Class<?>[rcs.length];
      if (rcs.length == 1) {
        rcs[0].getAccessor().setAccessible(true);
        accessor =
            lookup
                .unreflect(rcs[0].getAccessor())
                .asType(MethodType.methodType(Object.class, Object.class));
        parameters[0] = rcs[0].getType();
      }
      Constructor<?> ctor = record.getDeclaredConstructor(parameters);
      ctor.setAccessible(true);
      MethodHandle constructor =
          lookup
              .unreflectConstructor(ctor)
              .asType(MethodType.methodType(Object.class, parameters))
              .asSpreader(Object[].class, parameters.length);
      return new Variant(record, valueType, transformer, accessor, constructor);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new TypeDefinitionException(
          union, "cannot use @UnionValue record " + record.getName() + ": " + e, e);
    }
  }

  /** Why the Python SDK could not tell {@code a} and {@code b} apart, or null if it can. */
  private @Nullable String indistinguishable(Variant a, Variant b) {
    String tag = a.tag();
    if (!tag.equals(b.tag())) {
      return null;
    }
    if (!a.single() && !b.single()) {
      return a.name.equals(b.name) ? sameName(a, b) : null;
    }
    String title = a.title();
    boolean sameType =
        !title.isEmpty() || !b.title().isEmpty()
            ? title.equals(b.title())
            : a.variantType().equals(b.variantType());
    if (!sameType) {
      return null;
    }
    return "variants "
        + a.name
        + " ("
        + a.valueType
        + ") and "
        + b.name
        + " ("
        + b.valueType
        + ") of "
        + type
        + " have the same variant type (tag '"
        + tag
        + "'"
        + (title.isEmpty() ? "" : ", title '" + title + "'")
        + "): the Python SDK could not tell them apart; keep one";
  }

  private static void collect(TypeRef<?> root, TypeRef<?> sealed, List<TypeRef<?>> out) {
    for (Class<?> permitted : sealed.rawType().getPermittedSubclasses()) {
      if (permitted.isRecord()) {
        out.add(GenericVariants.resolve(root, sealed, permitted));
      } else if (permitted.isInterface() && permitted.isSealed()) {
        collect(root, GenericVariants.resolve(root, sealed, permitted), out);
      } else {
        throw new TypeDefinitionException(
            root,
            "permitted class "
                + permitted.getName()
                + " of sealed "
                + sealed.rawType().getName()
                + " is not a record: a sealed union's variants must be records");
      }
    }
  }

  /** The msgpack kind a value of {@code t} has inside a record, or null if it may have several. */
  private static @Nullable ValueType msgpackKind(LiteralType t) {
    switch (t.getTypeCase()) {
      case SIMPLE:
        return switch (t.getSimple()) {
          case NONE -> ValueType.NIL;
          case INTEGER -> ValueType.INTEGER;
          case FLOAT, DURATION -> ValueType.FLOAT;
          case STRING, DATETIME -> ValueType.STRING;
          case BOOLEAN -> ValueType.BOOLEAN;
          case BINARY -> ValueType.BINARY;
          case STRUCT, ERROR -> ValueType.MAP;
          default -> null;
        };
      case ENUM_TYPE:
        return ValueType.STRING;
      case COLLECTION_TYPE:
        return ValueType.ARRAY;
      case MAP_VALUE_TYPE:
      case BLOB:
      case STRUCTURED_DATASET_TYPE:
        return ValueType.MAP;
      default:
        return null;
    }
  }

  private @Nullable String findAmbiguity() {
    for (int i = 0; i < variants.size(); i++) {
      for (int j = i + 1; j < variants.size(); j++) {
        Variant a = variants.get(i);
        Variant b = variants.get(j);
        if (!a.single() && !b.single()) {
          if (a.matches(b.requiredKeys) || b.matches(a.requiredKeys)) {
            return "variants "
                + a.name
                + " and "
                + b.name
                + " of "
                + type
                + " cannot be told apart inside a record (msgpack carries no tag and their keys"
                + " overlap: "
                + a.keys.stream().sorted().toList()
                + " vs "
                + b.keys.stream().sorted().toList()
                + "); give them different component names";
          }
        } else if (a.kind() == null || a.kind() == b.kind()) {
          return "variants "
              + a.name
              + " and "
              + b.name
              + " of "
              + type
              + " cannot be told apart inside a record (msgpack carries no tag and both are"
              + " written as "
              + (a.kind() == null ? "a union" : "msgpack " + a.kind())
              + ")";
        }
      }
    }
    if (variants.size() == 1 && variants.get(0).single() && variants.get(0).kind() == null) {
      return "variant " + variants.get(0).name + " of " + type + " is a union inside a union";
    }
    return null;
  }

  @Override
  public LiteralType literalType() {
    check();
    UnionType.Builder union = UnionType.newBuilder();
    for (Variant v : variants) {
      union.addVariants(v.variantType());
    }
    return LiteralType.newBuilder().setUnionType(union).build();
  }

  @Override
  public String unionTag() {
    return "Typed Union";
  }

  @Override
  public <C> @Nullable C as(Class<C> capability) {
    check();
    if (capability == MsgpackCodec.class && msgpackAmbiguity != null) {
      throw new TypeDefinitionException(type, msgpackAmbiguity);
    }
    if (capability == MsgpackCodec.class) {
      for (Variant v : variants) {
        if (v.transformer.as(MsgpackCodec.class) == null) {
          return null;
        }
      }
    }
    return TypeTransformer.super.as(capability);
  }

  private List<String> names() {
    return variants.stream().map(v -> v.name).toList();
  }

  private Variant variantOf(@Nullable T value) {
    if (value == null) {
      throw new LiteralConversionException(
          "one of " + names().stream().sorted().toList(), "null", type.type(), null);
    }
    Variant v = byClass.get(value.getClass());
    if (v == null) {
      throw new LiteralConversionException(
          "a permitted record of " + type, value.getClass().getName(), type.type(), null);
    }
    return v;
  }

  @Override
  public Literal toLiteral(@Nullable T value, TransformContext ctx) {
    check();
    Variant v = variantOf(value);
    Literal literal;
    try {
      literal = v.transformer.toLiteral(v.unwrap(java.util.Objects.requireNonNull(value)), ctx);
    } catch (LiteralConversionException e) {
      throw v.single() ? e.atField(v.name) : e;
    }
    return Literal.newBuilder()
        .setScalar(
            Scalar.newBuilder()
                .setUnion(Union.newBuilder().setValue(literal).setType(v.variantType())))
        .build();
  }

  /** The variant a union literal's stored type names: by tag, then title or the whole type. */
  private Variant byStoredType(LiteralType stored) {
    String tag = stored.getStructure().getTag();
    String title = Tags.title(stored);
    List<Variant> candidates =
        variants.stream().filter(v -> tag.isEmpty() || v.tag().equals(tag)).toList();
    if (!title.isEmpty()) {
      candidates = candidates.stream().filter(v -> v.title().equals(title)).toList();
    } else if (candidates.size() > 1) {
      LiteralType untagged = Tags.variant(stored, "");
      candidates =
          candidates.stream()
              .filter(v -> Tags.variant(v.variantType(), "").equals(untagged))
              .toList();
    }
    if (candidates.size() != 1) {
      throw new LiteralConversionException(
          "a union variant of " + names(),
          "variant "
              + (title.isEmpty()
                  ? Literals.quote(tag)
                      + " of type "
                      + stored.getTypeCase().name().toLowerCase(java.util.Locale.ROOT)
                  : Literals.quote(title)),
          type.type(),
          null);
    }
    return candidates.get(0);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T toJava(Literal literal, TransformContext ctx) {
    check();
    if (literal.hasScalar() && literal.getScalar().hasUnion()) {
      Union union = literal.getScalar().getUnion();
      Variant v = byStoredType(union.getType());
      Object inner;
      try {
        inner = v.transformer.toJava(union.getValue(), ctx);
      } catch (LiteralConversionException e) {
        throw v.single() ? e.atField(v.name) : e;
      }
      return (T) v.wrap(inner);
    }
    if (literal.hasScalar() && literal.getScalar().hasBinary() && allRecords()) {
      Binary binary = literal.getScalar().getBinary();
      Variant v = byKeys(MsgpackReader.of(binary.getValue().toByteArray()), variants);
      return (T) v.transformer.toJava(literal, ctx);
    }
    throw new LiteralConversionException(
        "a union of " + names(), Literals.describe(literal), type.type(), null);
  }

  private boolean allRecords() {
    return variants.stream().noneMatch(Variant::single);
  }

  private Variant byKeys(MsgpackReader reader, List<Variant> among)
      throws LiteralConversionException {
    List<String> titles = among.stream().map(v -> v.name).toList();
    Set<String> keys = new HashSet<>();
    try {
      int n = reader.readMapHeader(type.type());
      for (int i = 0; i < n; i++) {
        keys.add(reader.readString(String.class));
        reader.skip();
      }
    } catch (IOException e) {
      throw new LiteralConversionException(
          "a msgpack map", "unreadable msgpack", type.type(), null, e);
    }
    List<Variant> matching = among.stream().filter(v -> v.matches(keys)).toList();
    if (matching.size() != 1) {
      throw new LiteralConversionException(
          "the keys of exactly one of " + titles,
          "keys " + keys.stream().sorted().toList() + " matching " + matching.size(),
          type.type(),
          null);
    }
    return matching.get(0);
  }

  private MsgpackCodec<Object> codec(Variant v) {
    return Codecs.require(v.transformer, v.valueType, "inside a record");
  }

  @Override
  public void pack(@Nullable T value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    check();
    if (msgpackAmbiguity != null) {
      throw new TypeDefinitionException(type, msgpackAmbiguity);
    }
    Variant v = variantOf(value);
    codec(v).pack(v.unwrap(java.util.Objects.requireNonNull(value)), packer, ctx);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T unpack(MsgpackReader reader) throws IOException {
    check();
    if (msgpackAmbiguity != null) {
      throw new TypeDefinitionException(type, msgpackAmbiguity);
    }
    if (allRecords()) {
      Variant v = byKeys(reader.fork(), variants);
      return (T) codec(v).unpack(reader);
    }
    ValueType kind = reader.peek();
    if (kind == ValueType.MAP) {
      List<Variant> records = variants.stream().filter(v -> !v.single()).toList();
      if (records.size() > 1) {
        Variant v = byKeys(reader.fork(), records);
        return (T) codec(v).unpack(reader);
      }
    }
    Variant found = null;
    for (Variant v : variants) {
      if (v.kind() == kind
          || (kind == ValueType.INTEGER
              && v.kind() == ValueType.FLOAT
              && variants.stream().noneMatch(o -> o.kind() == ValueType.INTEGER))) {
        found = v;
        break;
      }
    }
    if (found == null) {
      throw reader.error("a value of one of " + names(), reader.describeNext(), type.type());
    }
    return (T) found.wrap(codec(found).unpack(reader));
  }

  @Override
  public Value jsonSchema() {
    List<Value> schemas = new ArrayList<>();
    for (Variant v : variants) {
      schemas.add(codec(v).jsonSchema());
    }
    return Json.obj("anyOf", Json.list(schemas));
  }
}
