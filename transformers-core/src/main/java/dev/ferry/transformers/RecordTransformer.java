package dev.ferry.transformers;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.Struct;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.Value;
import com.google.protobuf.WireFormat;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.LiteralWire;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeRef;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.engine.WireSizes;
import dev.ferry.idl.core.Binary;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Scalar;
import dev.ferry.idl.core.SimpleType;
import dev.ferry.idl.core.TypeStructure;
import dev.ferry.idl.core.UnionType;
import dev.ferry.transformers.internal.Codecs;
import dev.ferry.transformers.internal.Json;
import dev.ferry.transformers.internal.Nullability;
import dev.ferry.transformers.internal.NullableCodec;
import dev.ferry.transformers.internal.Packers;
import dev.ferry.transformers.internal.StructMsgpack;
import dev.ferry.transformers.internal.Tags;
import dev.ferry.transformers.msgpack.MsgpackCodec;
import dev.ferry.transformers.msgpack.MsgpackReader;
import dev.ferry.transformers.msgpack.PackDepth;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;

/**
 * Java records as the Python SDK's dataclasses: type {@code STRUCT} with the JSON Schema in {@code
 * metadata}, the component types in {@code structure.dataclass_type} and the msgpack annotation;
 * value {@code Scalar.binary{msgpack map of component name to value, tag "msgpack"}}. Reading also
 * accepts {@code Scalar.generic}.
 *
 * <p>Components are written in declaration order under their names ({@link FieldName} renames).
 * {@code @Nullable} components become unions with none; an unknown key on reading is an error
 * unless the record is annotated {@link AllowUnknownKeys}; a missing key is an error unless the
 * component accepts nil.
 */
public final class RecordTransformer<R extends Record>
    implements TypeTransformer<R>, MsgpackCodec<R> {
  static final Factory FACTORY =
      (type, engine) -> {
        if (!type.rawType().isRecord()) {
          return null;
        }
        return create(type, engine);
      };

  private static final ThreadLocal<Deque<Object>> IN_PROGRESS =
      ThreadLocal.withInitial(ArrayDeque::new);
  private static final byte[] NIL = {(byte) 0xc0};
  private static final String MSGPACK = "msgpack";

  private final TypeRef<?> type;
  private final Class<?> recordClass;
  private final String title;
  private final Component<?>[] components;
  private final Map<String, Integer> byName;
  private final byte[][] nameBytes;
  private final MethodHandle constructor;
  private final boolean allowUnknownKeys;
  private volatile @Nullable LiteralType literalType;
  private volatile @Nullable Value schema;

  private static final class Component<T> {
    final String name;
    final TypeRef<?> type;
    final TypeTransformer<T> transformer;
    final boolean nullable;
    final MethodHandle accessor;
    final @Nullable PrimitivePacker primitive;
    volatile @Nullable MsgpackCodec<T> codec;

    Component(
        String name,
        TypeRef<?> type,
        TypeTransformer<T> transformer,
        boolean nullable,
        MethodHandle accessor,
        @Nullable PrimitivePacker primitive) {
      this.name = name;
      this.type = type;
      this.transformer = transformer;
      this.nullable = nullable;
      this.accessor = accessor;
      this.primitive = primitive;
    }

    MsgpackCodec<T> codec() {
      MsgpackCodec<T> c = codec;
      if (c == null) {
        c = Codecs.require(transformer, type, "as component '" + name + "' of a record");
        if (nullable) {
          c = new NullableCodec<>(c);
        }
        codec = c;
      }
      return c;
    }

    LiteralType literalType() {
      LiteralType t = transformer.literalType();
      if (!nullable) {
        return t;
      }
      return LiteralType.newBuilder()
          .setUnionType(
              UnionType.newBuilder()
                  .addVariants(Tags.variant(t, transformer.unionTag()))
                  .addVariants(Tags.variant(Literals.simple(SimpleType.NONE), Tags.NONE)))
          .build();
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TypeTransformer<?> create(TypeRef<?> type, dev.ferry.engine.TypeEngine engine) {
    return new RecordTransformer(type, engine);
  }

  private RecordTransformer(TypeRef<?> type, dev.ferry.engine.TypeEngine engine) {
    this.type = type;
    this.recordClass = type.rawType();
    this.title = recordClass.getSimpleName();
    this.allowUnknownKeys = recordClass.isAnnotationPresent(AllowUnknownKeys.class);
    RecordComponent[] rcs = recordClass.getRecordComponents();
    this.components = new Component<?>[rcs.length];
    this.byName = new HashMap<>();
    this.nameBytes = new byte[rcs.length][];
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    Class<?>[] parameterTypes = new Class<?>[rcs.length];
    for (int i = 0; i < rcs.length; i++) {
      RecordComponent rc = rcs[i];
      FieldName rename = rc.getAnnotation(FieldName.class);
      String name = rename != null ? rename.value() : rc.getName();
      nameBytes[i] = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (byName.put(name, i) != null) {
        throw new TypeDefinitionException(
            type, "record " + type + " has two components named '" + name + "'");
      }
      TypeRef<?> componentType = type.resolve(rc.getGenericType());
      TypeTransformer<?> transformer =
          dev.ferry.transformers.blob.BlobFormat.Support.apply(
              engine.transformer(componentType, "component '" + name + "' of record " + type),
              rc,
              componentType,
              "component '" + name + "' of record " + type);
      Codecs.checkEagerly(
          transformer, componentType, "as component '" + name + "' of record " + type);
      MethodHandle accessor;
      MethodHandle raw;
      try {
        rc.getAccessor().setAccessible(true);
        raw = lookup.unreflect(rc.getAccessor());
        accessor = raw.asType(MethodType.methodType(Object.class, Object.class));
      } catch (IllegalAccessException | RuntimeException e) {
        throw new TypeDefinitionException(
            type, "cannot read component '" + rc.getName() + "' of " + type + ": " + e, e);
      }
      boolean nullable = !rc.getType().isPrimitive() && Nullability.isNullable(rc);
      PrimitivePacker primitive = nullable ? null : primitivePacker(rc.getType(), raw, transformer);
      components[i] = component(name, componentType, transformer, nullable, accessor, primitive);
      parameterTypes[i] = rc.getType();
    }
    try {
      Constructor<?> ctor = recordClass.getDeclaredConstructor(parameterTypes);
      ctor.setAccessible(true);
      this.constructor =
          lookup
              .unreflectConstructor(ctor)
              .asType(MethodType.methodType(Object.class, parameterTypes))
              .asSpreader(Object[].class, parameterTypes.length);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new TypeDefinitionException(
          type, "cannot call the canonical constructor of " + type + ": " + e, e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Component<?> component(
      String name,
      TypeRef<?> type,
      TypeTransformer<?> transformer,
      boolean nullable,
      MethodHandle accessor,
      @Nullable PrimitivePacker primitive) {
    return new Component(name, type, transformer, nullable, accessor, primitive);
  }

  /** Writes a primitive component without boxing it. */
  @FunctionalInterface
  private interface PrimitivePacker {
    void pack(Object record, MessagePacker packer) throws Throwable;
  }

  /**
   * Returns a packer that reads a primitive component and writes it without boxing, when the
   * component's transformer is the built-in one for its type (a plugin may have replaced it).
   */
  private static @Nullable PrimitivePacker primitivePacker(
      Class<?> type, MethodHandle raw, TypeTransformer<?> transformer) {
    if (!type.isPrimitive()) {
      return null;
    }
    MethodHandle h = raw.asType(MethodType.methodType(type, Object.class));
    if (transformer instanceof IntegerTransformer) {
      if (type == long.class) {
        return (r, p) -> p.packLong((long) h.invokeExact(r));
      } else if (type == int.class) {
        return (r, p) -> p.packLong((int) h.invokeExact(r));
      } else if (type == short.class) {
        return (r, p) -> p.packLong((short) h.invokeExact(r));
      } else if (type == byte.class) {
        return (r, p) -> p.packLong((byte) h.invokeExact(r));
      }
    } else if (transformer instanceof FloatTransformer) {
      if (type == double.class) {
        return (r, p) -> p.packDouble((double) h.invokeExact(r));
      } else if (type == float.class) {
        return (r, p) -> p.packDouble((float) h.invokeExact(r));
      }
    } else if (transformer instanceof BooleanTransformer && type == boolean.class) {
      return (r, p) -> p.packBoolean((boolean) h.invokeExact(r));
    }
    return null;
  }

  /** Returns the component names on the wire, in declaration order. */
  public List<String> componentNames() {
    List<String> names = new ArrayList<>();
    for (Component<?> c : components) {
      names.add(c.name);
    }
    return names;
  }

  /** Returns the record's simple name, the title of its schema. */
  public String title() {
    return title;
  }

  @Override
  public String unionTag() {
    return Tags.DATACLASS;
  }

  @Override
  public LiteralType literalType() {
    LiteralType t = literalType;
    if (t != null) {
      return t;
    }
    Deque<Object> stack = IN_PROGRESS.get();
    if (stack.contains(this)) {
      // a recursive reference: the type of the inner occurrence stops here
      return LiteralType.newBuilder()
          .setSimple(SimpleType.STRUCT)
          .setAnnotation(Tags.MSGPACK_ANNOTATION)
          .build();
    }
    boolean outermost = stack.isEmpty();
    stack.push(this);
    try {
      TypeStructure.Builder structure = TypeStructure.newBuilder();
      for (Component<?> c : components) {
        structure.putDataclassType(c.name, c.literalType());
      }
      t =
          LiteralType.newBuilder()
              .setSimple(SimpleType.STRUCT)
              .setMetadata(jsonSchema().getStructValue())
              .setStructure(structure)
              .setAnnotation(Tags.MSGPACK_ANNOTATION)
              .build();
    } finally {
      stack.pop();
    }
    if (outermost) {
      literalType = t;
    }
    return t;
  }

  @Override
  public Value jsonSchema() {
    Value s = schema;
    if (s != null) {
      return s;
    }
    Deque<Object> stack = IN_PROGRESS.get();
    Object key = List.of(this, "schema");
    if (stack.contains(key)) {
      return Json.obj("title", title, "type", "object");
    }
    boolean outermost = stack.isEmpty() || stack.stream().noneMatch(o -> o instanceof List<?>);
    stack.push(key);
    try {
      Struct.Builder properties = Struct.newBuilder();
      List<String> required = new ArrayList<>();
      for (Component<?> c : components) {
        properties.putFields(c.name, c.codec().jsonSchema());
        required.add(c.name);
      }
      s =
          Json.obj(
              "title", title,
              "type", "object",
              "properties", Json.of(properties.build()),
              "required", Json.strings(required),
              "additionalProperties", Json.bool(false));
    } finally {
      stack.pop();
    }
    if (outermost) {
      schema = s;
    }
    return s;
  }

  private R check(@Nullable R value) {
    if (value == null) {
      throw new LiteralConversionException("a record " + title, "null", type.type(), null);
    }
    return value;
  }

  /** Returns the msgpack bytes of {@code value}. */
  public byte[] toMsgpack(@Nullable R value, TransformContext ctx) {
    check(value);
    return Packers.encode(packer -> pack(value, packer, ctx));
  }

  /** Returns the record read from msgpack bytes. */
  public R fromMsgpack(byte[] bytes, TransformContext ctx) {
    MsgpackReader reader = MsgpackReader.of(bytes, ctx);
    try {
      R value = unpack(reader);
      if (!reader.atEnd()) {
        throw reader.error("one msgpack map", "trailing bytes after it", type.type());
      }
      return value;
    } catch (IOException e) {
      throw new LiteralConversionException(
          "well-formed msgpack", "unreadable bytes (" + e.getMessage() + ")", type.type(), null, e);
    }
  }

  @Override
  public Literal toLiteral(@Nullable R value, TransformContext ctx) {
    return Literal.newBuilder()
        .setScalar(
            Scalar.newBuilder()
                .setBinary(
                    Binary.newBuilder()
                        .setValue(UnsafeByteOperations.unsafeWrap(toMsgpack(value, ctx)))
                        .setTag(MSGPACK)))
        .build();
  }

  @Override
  public R toJava(Literal literal, TransformContext ctx) {
    if (literal.hasScalar()) {
      Scalar scalar = literal.getScalar();
      if (scalar.hasBinary() && scalar.getBinary().getTag().equals(MSGPACK)) {
        return fromMsgpack(scalar.getBinary().getValue().toByteArray(), ctx);
      }
      if (scalar.hasGeneric()) {
        return fromGeneric(scalar.getGeneric(), ctx);
      }
    }
    throw new LiteralConversionException(
        "msgpack binary or a generic struct for record " + title,
        Literals.describe(literal),
        type.type(),
        null);
  }

  private R fromGeneric(Struct struct, TransformContext ctx) {
    byte[] bytes;
    try {
      bytes = StructMsgpack.toMsgpack(struct);
    } catch (IllegalArgumentException e) {
      throw new LiteralConversionException(
          "a generic struct for record " + title,
          String.valueOf(e.getMessage()),
          type.type(),
          null);
    }
    return fromMsgpack(bytes, ctx);
  }

  @Override
  public int serializedSize(@Nullable R value, WireSizes sizes, TransformContext ctx) {
    byte[] bytes = toMsgpack(value, ctx);
    sizes.pushPayload(bytes);
    return LiteralWire.fieldSize(LiteralWire.LITERAL_SCALAR, scalarSize(bytes.length));
  }

  private static int binarySize(int length) {
    return LiteralWire.fieldSize(1, length) + CodedOutputStream.computeStringSize(2, MSGPACK);
  }

  private static int scalarSize(int length) {
    return LiteralWire.fieldSize(LiteralWire.SCALAR_BINARY, binarySize(length));
  }

  @Override
  public void writeTo(
      @Nullable R value, CodedOutputStream out, WireSizes sizes, TransformContext ctx)
      throws IOException {
    byte[] bytes = (byte[]) sizes.nextPayload();
    LiteralWire.writeHeader(out, LiteralWire.LITERAL_SCALAR, scalarSize(bytes.length));
    LiteralWire.writeHeader(out, LiteralWire.SCALAR_BINARY, binarySize(bytes.length));
    out.writeByteArray(1, bytes);
    out.writeString(2, MSGPACK);
  }

  @Override
  public R readFrom(CodedInputStream in, TransformContext ctx) throws IOException {
    R result = null;
    while (true) {
      int tag = in.readTag();
      if (tag == 0) {
        break;
      }
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == LiteralWire.LITERAL_SCALAR
          && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        int limit = in.pushLimit(in.readRawVarint32());
        result = readScalar(in, ctx);
        in.popLimit(limit);
      } else if (LiteralWire.isOffloaded(tag)) {
        return LiteralWire.readOffloaded(in, this, ctx);
      } else if (field == LiteralWire.LITERAL_HASH || field == LiteralWire.LITERAL_METADATA) {
        in.skipField(tag);
      } else {
        throw LiteralWire.mismatch(
            "msgpack binary for record " + title,
            LiteralWire.describeLiteralField(field),
            type.type());
      }
    }
    if (result == null) {
      throw LiteralWire.mismatch(
          "msgpack binary for record " + title, "an empty literal", type.type());
    }
    return result;
  }

  private R readScalar(CodedInputStream in, TransformContext ctx) throws IOException {
    int tag = in.readTag();
    int field = WireFormat.getTagFieldNumber(tag);
    if (field == LiteralWire.SCALAR_BINARY
        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
      int limit = in.pushLimit(in.readRawVarint32());
      byte[] value = new byte[0];
      String tagValue = "";
      while (true) {
        int t = in.readTag();
        if (t == 0) {
          break;
        } else if (t == LiteralWire.lengthDelimitedTag(1)) {
          value = in.readByteArray();
        } else if (t == LiteralWire.lengthDelimitedTag(2)) {
          tagValue = in.readStringRequireUtf8();
        } else {
          in.skipField(t);
        }
      }
      in.popLimit(limit);
      in.skipMessage();
      if (!tagValue.equals(MSGPACK)) {
        throw LiteralWire.mismatch(
            "msgpack binary for record " + title,
            "binary with tag '" + tagValue + "'",
            type.type());
      }
      return fromMsgpack(value, ctx);
    }
    if (field == 7 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
      Struct struct = in.readMessage(Struct.parser(), ExtensionRegistryLite.getEmptyRegistry());
      in.skipMessage();
      return fromGeneric(struct, ctx);
    }
    throw LiteralWire.mismatch(
        "msgpack binary for record " + title,
        tag == 0 ? "an empty scalar" : LiteralWire.describeScalarField(field),
        type.type());
  }

  @Override
  @SuppressWarnings("unchecked")
  public void pack(@Nullable R value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    check(value);
    PackDepth.enter(packer, type.type());
    try {
      packer.packMapHeader(components.length);
      for (int index = 0; index < components.length; index++) {
        Component<?> c = components[index];
        if (c.primitive != null) {
          byte[] name = nameBytes[index];
          packer.packRawStringHeader(name.length);
          packer.writePayload(name);
          try {
            c.primitive.pack(java.util.Objects.requireNonNull(value), packer);
          } catch (IOException | Error e) {
            throw e;
          } catch (Throwable e) {
            throw new LiteralConversionException(
                    "a readable component", "an accessor that threw " + e, type.type(), null, e)
                .atField(c.name);
          }
          continue;
        }
        Object v;
        try {
          v = c.accessor.invokeExact((Object) value);
        } catch (Error e) {
          throw e;
        } catch (Throwable e) {
          throw new LiteralConversionException(
                  "a readable component", "an accessor that threw " + e, type.type(), null, e)
              .atField(c.name);
        }
        byte[] name = nameBytes[index];
        packer.packRawStringHeader(name.length);
        packer.writePayload(name);
        try {
          ((MsgpackCodec<Object>) c.codec()).pack(v, packer, ctx);
        } catch (LiteralConversionException e) {
          throw e.atField(c.name);
        }
      }
    } finally {
      PackDepth.exit(packer);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public R unpack(MsgpackReader reader) throws IOException {
    int n = reader.readMapHeader(type.type());
    Object[] args = new Object[components.length];
    boolean[] seen = new boolean[components.length];
    for (int i = 0; i < n; i++) {
      int index = reader.readKey(nameBytes, i, type.type());
      if (index < 0) {
        String key = reader.lastKey();
        if (allowUnknownKeys) {
          reader.skip();
          continue;
        }
        throw reader.error(
            "one of " + byName.keySet().stream().sorted().toList() + " as a key of " + title,
            Literals.quote(key),
            type.type());
      }
      if (seen[index]) {
        throw reader.error(
            "each key of " + title + " once",
            "a second " + Literals.quote(components[index].name),
            type.type());
      }
      seen[index] = true;
      Component<?> c = components[index];
      try {
        args[index] = c.codec().unpack(reader);
      } catch (LiteralConversionException e) {
        throw e.atField(c.name);
      }
    }
    reader.exit();
    for (int i = 0; i < components.length; i++) {
      if (!seen[i]) {
        Component<?> c = components[i];
        if (!c.codec().acceptsNil()) {
          throw reader.error("key '" + c.name + "' of " + title, "missing", type.type());
        }
        args[i] = c.codec().unpack(MsgpackReader.of(NIL, reader.context()));
      }
    }
    try {
      Object record = constructor.invokeExact(args);
      return (R) record;
    } catch (LiteralConversionException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new LiteralConversionException(
          "values " + title + " accepts",
          "values its constructor rejected (" + e + ")",
          type.type(),
          null,
          e);
    }
  }
}
