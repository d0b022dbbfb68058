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
      (type, engine) -> type.rawType() == FlyteFile.class ? new FlyteFileTransformer() : null;

  private static final LiteralType TYPE = BlobLiterals.type(BlobType.BlobDimensionality.SINGLE);

  @Override
  public LiteralType literalType() {
    return TYPE;
  }

  @Override
  public String unionTag() {
    return "FlyteFilePath";
  }

  /** Returns the file as it will be referenced: uploaded first if it is local. */
  private static FlyteFile remote(@Nullable FlyteFile file, TransformContext ctx) {
    if (file == null) {
      throw new LiteralConversionException("a FlyteFile", "null", FlyteFile.class, TYPE);
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
          "an existing regular file", "'" + path + "'", FlyteFile.class, TYPE);
    }
    DataPlane plane = DataPlane.from(ctx);
    URI target = plane.newUri(path.getFileName().toString());
    try {
      String hash = Uploads.upload(path, plane.store(target), target, plane.contentHash());
      return FlyteFile.remote(target, file.format(), plane, hash);
    } catch (IOException e) {
      throw Transfers.failed("upload", target, e);
    }
  }

  @Override
  public Literal toLiteral(@Nullable FlyteFile value, TransformContext ctx) {
    FlyteFile file = remote(value, ctx);
    return BlobLiterals.literal(
        file.uri(), file.format(), BlobType.BlobDimensionality.SINGLE, file.hash().orElse(null));
  }

  @Override
  public FlyteFile toJava(Literal literal, TransformContext ctx) {
    Blob blob =
        BlobLiterals.blob(literal, BlobType.BlobDimensionality.SINGLE, FlyteFile.class, TYPE);
    return FlyteFile.remote(
        BlobLiterals.uri(blob.getUri(), FlyteFile.class),
        blob.getMetadata().getType().getFormat(),
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
    return FlyteFile.remote(uri, "", reader.context().get(DataPlane.class), null);
  }

  @Override
  public Value jsonSchema() {
    return BlobLiterals.jsonSchema("FlyteFile");
  }
}
