package dev.ferry.transformers;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Value;
import com.google.protobuf.WireFormat;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.LiteralWire;
import dev.ferry.engine.Literals;
import dev.ferry.engine.OffloadedLiteralResolver;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeRef;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.engine.WireSizes;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralCollection;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.transformers.internal.Codecs;
import dev.ferry.transformers.internal.Json;
import dev.ferry.transformers.internal.Tags;
import dev.ferry.transformers.msgpack.MsgpackCodec;
import dev.ferry.transformers.msgpack.MsgpackReader;
import dev.ferry.transformers.msgpack.PackDepth;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;

/**
 * {@code List<T>} as Flyte {@code collection_type}: a {@code LiteralCollection} of the elements'
 * literals (a msgpack array inside records). Lists read back are unmodifiable.
 */
public final class ListTransformer<T>
    implements TypeTransformer<List<T>>, MsgpackCodec<List<T>>, Codecs.Components {
  static final Factory FACTORY =
      (type, engine) -> {
        if (type.rawType() != List.class) {
          return null;
        }
        TypeRef<?> elementType = type.typeArgument(0);
        return create(type, engine.transformer(elementType, "element of " + type));
      };

  private final TypeRef<?> type;
  private final TypeTransformer<T> element;

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TypeTransformer<?> create(TypeRef<?> type, TypeTransformer<?> element) {
    return new ListTransformer(type, element);
  }

  private ListTransformer(TypeRef<?> type, TypeTransformer<T> element) {
    this.type = type;
    this.element = element;
  }

  @Override
  public List<TypeTransformer<?>> components() {
    return List.of(element);
  }

  @Override
  public LiteralType literalType() {
    return LiteralType.newBuilder().setCollectionType(element.literalType()).build();
  }

  @Override
  public String unionTag() {
    return Tags.LIST;
  }

  @Override
  public <C> @Nullable C as(Class<C> capability) {
    if (capability == MsgpackCodec.class && element.as(MsgpackCodec.class) == null) {
      return null;
    }
    return TypeTransformer.super.as(capability);
  }

  private List<T> check(@Nullable List<T> value) {
    if (value == null) {
      throw new LiteralConversionException("a list", "null", type.type(), null);
    }
    return value;
  }

  @Override
  public Literal toLiteral(@Nullable List<T> value, TransformContext ctx) {
    List<T> list = check(value);
    LiteralCollection.Builder b = LiteralCollection.newBuilder();
    int i = 0;
    for (T item : list) {
      try {
        b.addLiterals(element.toLiteral(item, ctx));
      } catch (LiteralConversionException e) {
        throw e.atIndex(i);
      }
      i++;
    }
    return Literal.newBuilder().setCollection(b).build();
  }

  @Override
  public List<T> toJava(Literal literal, TransformContext ctx) {
    if (!literal.hasCollection()) {
      throw new LiteralConversionException(
          "a collection", Literals.describe(literal), type.type(), literalType());
    }
    List<Literal> literals = literal.getCollection().getLiteralsList();
    List<T> out = new ArrayList<>(literals.size());
    for (int i = 0; i < literals.size(); i++) {
      try {
        out.add(element.toJava(OffloadedLiteralResolver.resolve(literals.get(i), ctx), ctx));
      } catch (LiteralConversionException e) {
        throw e.atIndex(i);
      }
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public int serializedSize(@Nullable List<T> value, WireSizes sizes, TransformContext ctx) {
    List<T> list = check(value);
    sizes.ensureCapacity(list.size() + 1);
    int slot = sizes.reserve();
    int body = 0;
    int i = 0;
    for (T item : list) {
      int itemSlot = sizes.reserve();
      int itemSize;
      try {
        itemSize = element.serializedSize(item, sizes, ctx);
      } catch (LiteralConversionException e) {
        throw e.atIndex(i);
      }
      sizes.set(itemSlot, itemSize);
      body += LiteralWire.fieldSize(LiteralWire.LITERALS, itemSize);
      i++;
    }
    sizes.set(slot, body);
    return LiteralWire.fieldSize(LiteralWire.LITERAL_COLLECTION, body);
  }

  @Override
  public void writeTo(
      @Nullable List<T> value, CodedOutputStream out, WireSizes sizes, TransformContext ctx)
      throws IOException {
    List<T> list = check(value);
    LiteralWire.writeHeader(out, LiteralWire.LITERAL_COLLECTION, sizes.nextSize());
    for (T item : list) {
      LiteralWire.writeHeader(out, LiteralWire.LITERALS, sizes.nextSize());
      element.writeTo(item, out, sizes, ctx);
    }
  }

  @Override
  public List<T> readFrom(CodedInputStream in, TransformContext ctx) throws IOException {
    List<T> out = null;
    while (true) {
      int tag = in.readTag();
      if (tag == 0) {
        break;
      }
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == LiteralWire.LITERAL_COLLECTION
          && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        int length = in.readRawVarint32();
        int limit = in.pushLimit(length);
        // an element takes at least 8 bytes; the cap keeps a forged length from allocating much
        out = out == null ? new ArrayList<>(Math.min(length / 8, 1 << 20)) : out;
        readElements(in, ctx, out);
        in.popLimit(limit);
      } else if (LiteralWire.isOffloaded(tag)) {
        return LiteralWire.readOffloaded(in, this, ctx);
      } else if (field == LiteralWire.LITERAL_HASH || field == LiteralWire.LITERAL_METADATA) {
        in.skipField(tag);
      } else {
        throw LiteralWire.mismatch(
            "a collection", LiteralWire.describeLiteralField(field), type.type());
      }
    }
    if (out == null) {
      throw LiteralWire.mismatch("a collection", "an empty literal", type.type());
    }
    return Collections.unmodifiableList(out);
  }

  private void readElements(CodedInputStream in, TransformContext ctx, List<T> out)
      throws IOException {
    while (true) {
      int tag = in.readTag();
      if (tag == 0) {
        return;
      }
      if (tag != LiteralWire.lengthDelimitedTag(LiteralWire.LITERALS)) {
        in.skipField(tag);
        continue;
      }
      int limit = in.pushLimit(in.readRawVarint32());
      try {
        out.add(element.readFrom(in, ctx));
      } catch (LiteralConversionException e) {
        throw e.atIndex(out.size());
      }
      in.popLimit(limit);
    }
  }

  @Override
  public void pack(@Nullable List<T> value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    List<T> list = check(value);
    MsgpackCodec<T> codec = Codecs.require(element, type, "inside a record");
    PackDepth.enter(packer, type.type());
    try {
      packer.packArrayHeader(list.size());
      int i = 0;
      for (T item : list) {
        try {
          codec.pack(item, packer, ctx);
        } catch (LiteralConversionException e) {
          throw e.atIndex(i);
        }
        i++;
      }
    } finally {
      PackDepth.exit(packer);
    }
  }

  @Override
  public List<T> unpack(MsgpackReader reader) throws IOException {
    MsgpackCodec<T> codec = Codecs.require(element, type, "inside a record");
    int n = reader.readArrayHeader(type.type());
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      try {
        out.add(codec.unpack(reader));
      } catch (LiteralConversionException e) {
        throw e.atIndex(i);
      }
    }
    reader.exit();
    return Collections.unmodifiableList(out);
  }

  @Override
  public Value jsonSchema() {
    MsgpackCodec<T> codec = Codecs.require(element, type, "inside a record");
    return Json.obj("type", "array", "items", codec.jsonSchema());
  }
}
