package dev.ferry.transformers.blob;

import com.google.protobuf.Value;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.idl.core.Blob;
import dev.ferry.idl.core.BlobMetadata;
import dev.ferry.idl.core.BlobType;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Scalar;
import dev.ferry.transformers.internal.Json;
import dev.ferry.transformers.msgpack.MsgpackReader;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;

/** The literal and msgpack forms files and directories share. */
final class BlobLiterals {
  private BlobLiterals() {}

  static LiteralType type(String format, BlobType.BlobDimensionality dimensionality) {
    return LiteralType.newBuilder()
        .setBlob(BlobType.newBuilder().setFormat(format).setDimensionality(dimensionality))
        .build();
  }

  static Literal literal(
      URI uri, String format, BlobType.BlobDimensionality dimensionality, @Nullable String hash) {
    Literal.Builder b =
        Literal.newBuilder()
            .setScalar(
                Scalar.newBuilder()
                    .setBlob(
                        Blob.newBuilder()
                            .setMetadata(
                                BlobMetadata.newBuilder()
                                    .setType(
                                        BlobType.newBuilder()
                                            .setFormat(format)
                                            .setDimensionality(dimensionality)))
                            .setUri(uri.toString())));
    if (hash != null) {
      b.setHash(hash);
    }
    return b.build();
  }

  /** Returns the blob of a literal of the expected dimensionality, or throws a data error. */
  static Blob blob(
      Literal literal,
      BlobType.BlobDimensionality dimensionality,
      Type javaType,
      LiteralType type) {
    String expected =
        dimensionality == BlobType.BlobDimensionality.SINGLE
            ? "a single-file blob"
            : "a multipart blob (a directory)";
    if (!literal.hasScalar() || !literal.getScalar().hasBlob()) {
      throw new LiteralConversionException(expected, Literals.describe(literal), javaType, type);
    }
    Blob blob = literal.getScalar().getBlob();
    if (blob.getMetadata().getType().getDimensionality() != dimensionality) {
      throw new LiteralConversionException(
          expected,
          dimensionality == BlobType.BlobDimensionality.SINGLE
              ? "a multipart blob (a directory) '" + blob.getUri() + "'"
              : "a single-file blob '" + blob.getUri() + "'",
          javaType,
          type);
    }
    return blob;
  }

  static URI uri(String s, Type javaType) {
    try {
      return new URI(s);
    } catch (URISyntaxException e) {
      throw new LiteralConversionException("a blob URI", Literals.quote(s), javaType, null);
    }
  }

  /** Writes {@code {"path": uri}}, as the Python SDK writes a file or directory in a dataclass. */
  static void pack(URI uri, MessagePacker packer) throws IOException {
    packer.packMapHeader(1);
    packer.packString("path");
    packer.packString(uri.toString());
  }

  /** Reads {@code {"path": uri, "metadata": ...}} and returns the path. */
  static URI unpack(MsgpackReader reader, Type javaType) throws IOException {
    int n = reader.readMapHeader(javaType);
    String path = null;
    for (int i = 0; i < n; i++) {
      String key = reader.readString(String.class);
      if (key.equals("path")) {
        path = reader.readString(javaType);
      } else if (key.equals("metadata")) {
        reader.skip();
      } else {
        throw reader.error("one of [metadata, path]", Literals.quote(key), javaType);
      }
    }
    reader.exit();
    if (path == null) {
      throw reader.error("key 'path'", "missing", javaType);
    }
    return uri(path, javaType);
  }

  /**
   * The JSON schema the Python SDK 1.16 stores for a {@code FlyteFile} or {@code FlyteDirectory}
   * field of a dataclass (mashumaro's schema of the SDK's own dataclass): {@code path} ({@code
   * Union[str, os.PathLike]}) and, for files, {@code metadata} ({@code Optional[dict[str, str]]}),
   * each with {@code default: null}, so no {@code required}.
   */
  static Value jsonSchema(String title, boolean withMetadata) {
    Value path =
        Json.obj(
            "anyOf",
            Json.list(List.of(Json.type("string"), Json.obj("type", "string", "format", "path"))),
            "default",
            Json.nul());
    Value properties;
    if (withMetadata) {
      Value stringMap =
          Json.obj(
              "type",
              "object",
              "additionalProperties",
              Json.type("string"),
              "propertyNames",
              Json.type("string"));
      Value metadata =
          Json.obj(
              "anyOf", Json.list(List.of(stringMap, Json.type("null"))), "default", Json.nul());
      properties = Json.obj("path", path, "metadata", metadata);
    } else {
      properties = Json.obj("path", path);
    }
    return Json.obj(
        "title",
        title,
        "type",
        "object",
        "properties",
        properties,
        "additionalProperties",
        Json.bool(false));
  }
}
