package dev.ferry.transformers.internal;

import com.google.protobuf.Struct;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.TypeAnnotation;
import dev.ferry.idl.core.TypeStructure;

/** Union variant tags and the msgpack annotation, named as the Python SDK 1.16 names them. */
public final class Tags {
  public static final String INT = "int";
  public static final String FLOAT = "float";
  public static final String STR = "str";
  public static final String BOOL = "bool";
  public static final String DATETIME = "datetime";
  public static final String DATE = "date";
  public static final String TIMEDELTA = "timedelta";
  public static final String NONE = "none";
  public static final String LIST = "Typed List";
  public static final String DICT = "Typed Dict";
  public static final String DATACLASS = "Object-Dataclass-Transformer";
  public static final String ENUM = "DefaultEnumTransformer";
  public static final String BYTES = "bytes";

  /** The annotation every msgpack-serialized type carries. */
  public static final TypeAnnotation MSGPACK_ANNOTATION =
      TypeAnnotation.newBuilder()
          .setAnnotations(
              Json.struct("cache-key-metadata", Json.obj("serialization-format", "msgpack")))
          .build();

  private Tags() {}

  /** Returns {@code type} as a union variant: its whole structure replaced by {@code tag}. */
  public static LiteralType variant(LiteralType type, String tag) {
    return type.toBuilder().setStructure(TypeStructure.newBuilder().setTag(tag)).build();
  }

  /** Returns the title of a dataclass-like type's JSON Schema, or "" if it has none. */
  public static String title(LiteralType type) {
    if (!type.hasMetadata()) {
      return "";
    }
    Struct m = type.getMetadata();
    com.google.protobuf.Value t = m.getFieldsOrDefault("title", null);
    return t != null && t.hasStringValue() ? t.getStringValue() : "";
  }
}
