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
 * {@link FlyteDirectory} as Flyte {@code blob{format, MULTIPART}}: a local directory is uploaded
 * file by file (bounded concurrency) to {@code {raw-output prefix}/{random}}; a remote one passes
 * through. Inside records: {@code {"path": uri}}.
 */
public final class FlyteDirectoryTransformer
    implements TypeTransformer<FlyteDirectory>, MsgpackCodec<FlyteDirectory> {
  /** The factory. */
  public static final Factory FACTORY =
      (type, engine) ->
          type.rawType() == FlyteDirectory.class ? new FlyteDirectoryTransformer("") : null;

  private final String format;
  private final LiteralType type;

  private FlyteDirectoryTransformer(String format) {
    this.format = format;
    this.type = BlobLiterals.type(format, BlobType.BlobDimensionality.MULTIPART);
  }

  /**
   * Returns this transformer for directories of {@code format} ({@code FlyteDirectory["csv"]} in
   * Python): the type's blob carries the format, and so do literals and directories read back.
   * {@link BlobFormat} on a record component uses it.
   */
  public FlyteDirectoryTransformer withFormat(String format) {
    return format.equals(this.format) ? this : new FlyteDirectoryTransformer(format);
  }

  @Override
  public LiteralType literalType() {
    return type;
  }

  @Override
  public String unionTag() {
    return "FlyteDirectory";
  }

  private URI remote(@Nullable FlyteDirectory dir, TransformContext ctx) {
    if (dir == null) {
      throw new LiteralConversionException("a FlyteDirectory", "null", FlyteDirectory.class, type);
    }
    if (!dir.isLocal()) {
      return dir.uri();
    }
    Path path;
    try {
      path = dir.path();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    if (!Files.isDirectory(path)) {
      throw new LiteralConversionException(
          "an existing directory", "'" + path + "'", FlyteDirectory.class, type);
    }
    DataPlane plane = DataPlane.from(ctx);
    URI target = plane.newLocation();
    try {
      plane.store(target).uploadDirectory(path, target, plane.writeOptions());
      return target;
    } catch (IOException e) {
      throw Transfers.failed("upload", target, e);
    }
  }

  @Override
  public Literal toLiteral(@Nullable FlyteDirectory value, TransformContext ctx) {
    URI uri = remote(value, ctx);
    return BlobLiterals.literal(
        uri,
        format.isEmpty() ? java.util.Objects.requireNonNull(value).format() : format,
        BlobType.BlobDimensionality.MULTIPART,
        null);
  }

  @Override
  public FlyteDirectory toJava(Literal literal, TransformContext ctx) {
    Blob blob =
        BlobLiterals.blob(
            literal, BlobType.BlobDimensionality.MULTIPART, FlyteDirectory.class, type);
    return FlyteDirectory.remote(
        BlobLiterals.uri(blob.getUri(), FlyteDirectory.class),
        format.isEmpty() ? blob.getMetadata().getType().getFormat() : format,
        ctx.get(DataPlane.class));
  }

  @Override
  public void pack(@Nullable FlyteDirectory value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    BlobLiterals.pack(remote(value, ctx), packer);
  }

  @Override
  public FlyteDirectory unpack(MsgpackReader reader) throws IOException {
    URI uri = BlobLiterals.unpack(reader, FlyteDirectory.class);
    return FlyteDirectory.remote(uri, format, reader.context().get(DataPlane.class));
  }

  @Override
  public Value jsonSchema() {
    return BlobLiterals.jsonSchema("FlyteDirectory", false);
  }
}
