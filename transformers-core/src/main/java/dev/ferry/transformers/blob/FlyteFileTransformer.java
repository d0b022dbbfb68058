package dev.ferry.transformers.blob;

import com.google.protobuf.Value;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.idl.core.Blob;
import dev.ferry.idl.core.BlobType;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.transformers.msgpack.MsgpackCodec;
import dev.ferry.transformers.msgpack.MsgpackReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;

/**
 * {@link FlyteFile} as Flyte {@code blob{format, SINGLE}}: a local file is uploaded to {@code
 * {raw-output prefix}/{random}/{name}} (with its SHA-256 as {@code Literal.hash} when the data
 * plane hashes content); a remote one passes through. Inside records: {@code {"path": uri}}.
 */
public final class FlyteFileTransformer
    implements TypeTransformer<FlyteFile>, MsgpackCodec<FlyteFile> {
  /** The factory. */
  public static final Factory FACTORY =
      (type, engine) -> type.rawType() == FlyteFile.class ? new FlyteFileTransformer("") : null;

  private final String format;
  private final LiteralType type;

  private FlyteFileTransformer(String format) {
    this.format = format;
    this.type = BlobLiterals.type(format, BlobType.BlobDimensionality.SINGLE);
  }

  /**
   * Returns this transformer for files of {@code format} ({@code FlyteFile["csv"]} in Python): the
   * type's blob carries the format, literals carry it whatever the value's, and files read back
   * have it. {@link BlobFormat} on a record component uses it.
   */
  public FlyteFileTransformer withFormat(String format) {
    return format.equals(this.format) ? this : new FlyteFileTransformer(format);
  }

  @Override
  public LiteralType literalType() {
    return type;
  }

  @Override
  public String unionTag() {
    return "FlyteFilePath";
  }

  /** Returns the file as it will be referenced: uploaded first if it is local. */
  private FlyteFile remote(@Nullable FlyteFile file, TransformContext ctx) {
    if (file == null) {
      throw new LiteralConversionException("a FlyteFile", "null", FlyteFile.class, type);
    }
    if (!file.isLocal()) {
      return file;
    }
    Path path;
    try {
      path = file.path();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    if (!Files.isRegularFile(path)) {
      throw new LiteralConversionException(
          "an existing regular file", "'" + path + "'", FlyteFile.class, type);
    }
    DataPlane plane = DataPlane.from(ctx);
    URI target = plane.newUri(path.getFileName().toString());
    try {
      String hash = Uploads.upload(path, plane.store(target), target, plane.contentHash(), plane);
      return FlyteFile.remote(target, file.format(), plane, hash);
    } catch (IOException e) {
      throw Transfers.failed("upload", target, e);
    }
  }

  @Override
  public Literal toLiteral(@Nullable FlyteFile value, TransformContext ctx) {
    FlyteFile file = remote(value, ctx);
    return BlobLiterals.literal(
        file.uri(),
        format.isEmpty() ? file.format() : format,
        BlobType.BlobDimensionality.SINGLE,
        file.hash().orElse(null));
  }

  @Override
  public FlyteFile toJava(Literal literal, TransformContext ctx) {
    Blob blob =
        BlobLiterals.blob(literal, BlobType.BlobDimensionality.SINGLE, FlyteFile.class, type);
    return FlyteFile.remote(
        BlobLiterals.uri(blob.getUri(), FlyteFile.class),
        format.isEmpty() ? blob.getMetadata().getType().getFormat() : format,
        ctx.get(DataPlane.class),
        literal.getHash().isEmpty() ? null : literal.getHash());
  }

  @Override
  public void pack(@Nullable FlyteFile value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    BlobLiterals.pack(remote(value, ctx).uri(), packer);
  }

  @Override
  public FlyteFile unpack(MsgpackReader reader) throws IOException {
    URI uri = BlobLiterals.unpack(reader, FlyteFile.class);
    return FlyteFile.remote(uri, format, reader.context().get(DataPlane.class), null);
  }

  @Override
  public Value jsonSchema() {
    return BlobLiterals.jsonSchema("FlyteFile", true);
  }
}
