package dev.ferry.transformers.blob;

import com.google.protobuf.Value;
import dev.ferry.blob.WriteOptions;
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
          type.rawType() == FlyteDirectory.class ? new FlyteDirectoryTransformer() : null;

  private static final LiteralType TYPE = BlobLiterals.type(BlobType.BlobDimensionality.MULTIPART);

  @Override
  public LiteralType literalType() {
    return TYPE;
  }

  @Override
  public String unionTag() {
    return "FlyteDirectory";
  }

  private static URI remote(@Nullable FlyteDirectory dir, TransformContext ctx) {
    if (dir == null) {
      throw new LiteralConversionException("a FlyteDirectory", "null", FlyteDirectory.class, TYPE);
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
          "an existing directory", "'" + path + "'", FlyteDirectory.class, TYPE);
    }
    DataPlane plane = DataPlane.from(ctx);
    URI target = plane.newLocation();
    try {
      plane.store(target).uploadDirectory(path, target, WriteOptions.defaults());
      return target;
    } catch (IOException e) {
      throw Transfers.failed("upload", target, e);
    }
  }

  @Override
  public Literal toLiteral(@Nullable FlyteDirectory value, TransformContext ctx) {
    URI uri = remote(value, ctx);
    return BlobLiterals.literal(uri, value.format(), BlobType.BlobDimensionality.MULTIPART, null);
  }

  @Override
  public FlyteDirectory toJava(Literal literal, TransformContext ctx) {
    Blob blob =
        BlobLiterals.blob(
            literal, BlobType.BlobDimensionality.MULTIPART, FlyteDirectory.class, TYPE);
    return FlyteDirectory.remote(
        BlobLiterals.uri(blob.getUri(), FlyteDirectory.class),
        blob.getMetadata().getType().getFormat(),
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
    return FlyteDirectory.remote(uri, "", reader.context().get(DataPlane.class));
  }

  @Override
  public Value jsonSchema() {
    return BlobLiterals.jsonSchema("FlyteDirectory");
  }
}
