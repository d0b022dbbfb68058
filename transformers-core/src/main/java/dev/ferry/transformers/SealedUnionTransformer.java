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

/**
 * A sealed interface whose permitted classes are records (directly or through sealed
 * sub-interfaces) as a Flyte {@code union_type} of the records' types, each tagged {@code
 * "Object-Dataclass-Transformer"} as the Python SDK tags a dataclass variant.
 *
 * <p>Writing picks the variant by the value's class, never by trying. Reading picks it by the union
 * literal's tag and the title of its schema (the record's simple name); two variants with one
 * simple name are a definition error. Inside a record, where msgpack carries no tag, the variant is
 * the one whose keys match, so there variants must differ in their component names.
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
  private final Map<String, Variant> byTitle = new HashMap<>();
  private final @Nullable String msgpackAmbiguity;

  private static final class Variant {
    final Class<?> recordClass;
    final String title;
    final TypeTransformer<Object> transformer;
    final Set<String> keys = new HashSet<>();
    final Set<String> requiredKeys = new HashSet<>();

    @SuppressWarnings("unchecked")
    Variant(Class<?> recordClass, TypeTransformer<?> transformer) {
      this.recordClass = recordClass;
      this.title = recordClass.getSimpleName();
      this.transformer = (TypeTransformer<Object>) transformer;
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

    boolean matches(Set<String> present) {
      return keys.containsAll(present) && present.containsAll(requiredKeys);
    }
  }

  private SealedUnionTransformer(TypeRef<?> type, TypeEngine engine) {
    this.type = type;
    List<TypeRef<?>> records = new ArrayList<>();
    collect(type, type, records);
    for (TypeRef<?> recordType : records) {
      Class<?> record = recordType.rawType();
      TypeTransformer<?> t =
          engine.transformer(recordType, "variant " + record.getSimpleName() + " of " + type);
      Variant v = new Variant(record, t);
      Variant clash = byTitle.put(v.title, v);
      if (clash != null) {
        throw new TypeDefinitionException(
            type,
            "variants "
                + clash.recordClass.getName()
                + " and "
                + record.getName()
                + " of "
                + type
                + " have the same simple name '"
                + v.title
                + "': Flyte tells union variants apart by name, so rename one");
      }
      variants.add(v);
      byClass.put(record, v);
    }
    this.msgpackAmbiguity = findAmbiguity();
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

  private @Nullable String findAmbiguity() {
    for (int i = 0; i < variants.size(); i++) {
      for (int j = i + 1; j < variants.size(); j++) {
        Variant a = variants.get(i);
        Variant b = variants.get(j);
        if (a.matches(b.requiredKeys) || b.matches(a.requiredKeys)) {
          return "variants "
              + a.title
              + " and "
              + b.title
              + " of "
              + type
              + " cannot be told apart inside a record (msgpack carries no tag and their keys"
              + " overlap: "
              + a.keys.stream().sorted().toList()
              + " vs "
              + b.keys.stream().sorted().toList()
              + "); give them different component names";
        }
      }
    }
    return null;
  }

  @Override
  public LiteralType literalType() {
    UnionType.Builder union = UnionType.newBuilder();
    for (Variant v : variants) {
      union.addVariants(Tags.variant(v.transformer.literalType(), v.transformer.unionTag()));
    }
    return LiteralType.newBuilder().setUnionType(union).build();
  }

  @Override
  public String unionTag() {
    return "Typed Union";
  }

  @Override
  public <C> @Nullable C as(Class<C> capability) {
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

  private Variant variantOf(@Nullable T value) {
    if (value == null) {
      throw new LiteralConversionException(
          "one of " + byTitle.keySet().stream().sorted().toList(), "null", type.type(), null);
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
    Variant v = variantOf(value);
    Literal literal = v.transformer.toLiteral(value, ctx);
    return Literal.newBuilder()
        .setScalar(
            Scalar.newBuilder()
                .setUnion(
                    Union.newBuilder()
                        .setValue(literal)
                        .setType(
                            Tags.variant(v.transformer.literalType(), v.transformer.unionTag()))))
        .build();
  }

  @Override
  @SuppressWarnings("unchecked")
  public T toJava(Literal literal, TransformContext ctx) {
    List<String> titles = variants.stream().map(v -> v.title).toList();
    if (literal.hasScalar() && literal.getScalar().hasUnion()) {
      Union union = literal.getScalar().getUnion();
      String tag = union.getType().getStructure().getTag();
      String title = Tags.title(union.getType());
      Variant v = byTitle.get(title);
      if (v == null || (!tag.isEmpty() && !tag.equals(v.transformer.unionTag()))) {
        throw new LiteralConversionException(
            "a union variant of " + titles,
            "variant " + Literals.quote(title.isEmpty() ? tag : title),
            type.type(),
            null);
      }
      return (T) v.transformer.toJava(union.getValue(), ctx);
    }
    if (literal.hasScalar() && literal.getScalar().hasBinary()) {
      Binary binary = literal.getScalar().getBinary();
      Variant v = byKeys(MsgpackReader.of(binary.getValue().toByteArray()));
      return (T) v.transformer.toJava(literal, ctx);
    }
    throw new LiteralConversionException(
        "a union of " + titles, Literals.describe(literal), type.type(), null);
  }

  private Variant byKeys(MsgpackReader reader) throws LiteralConversionException {
    List<String> titles = variants.stream().map(v -> v.title).toList();
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
    List<Variant> matching = variants.stream().filter(v -> v.matches(keys)).toList();
    if (matching.size() != 1) {
      throw new LiteralConversionException(
          "the keys of exactly one of " + titles,
          "keys " + keys.stream().sorted().toList() + " matching " + matching.size(),
          type.type(),
          null);
    }
    return matching.get(0);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void pack(@Nullable T value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    Variant v = variantOf(value);
    Codecs.require(v.transformer, TypeRef.of(v.recordClass), "inside a record")
        .pack(value, packer, ctx);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T unpack(MsgpackReader reader) throws IOException {
    if (msgpackAmbiguity != null) {
      throw new TypeDefinitionException(type, msgpackAmbiguity);
    }
    Variant v = byKeys(reader.fork());
    return (T)
        Codecs.require(v.transformer, TypeRef.of(v.recordClass), "inside a record").unpack(reader);
  }

  @Override
  public Value jsonSchema() {
    List<Value> schemas = new ArrayList<>();
    for (Variant v : variants) {
      schemas.add(
          Codecs.require(v.transformer, TypeRef.of(v.recordClass), "inside a record").jsonSchema());
    }
    return Json.obj("anyOf", Json.list(schemas));
  }
}
