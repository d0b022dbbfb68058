package dev.ferry.transformers.blob;

import com.google.protobuf.CodedInputStream;
import dev.ferry.blob.BlobStore;
import dev.ferry.blob.WriteOptions;
import dev.ferry.engine.EncodedLiteral;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.OffloadPolicy;
import dev.ferry.engine.OffloadedLiteralResolver;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralOffloadedMetadata;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Literal offloading: a literal larger than the policy's minimum is streamed to the blob store (no
 * Literal tree is built, no temp file) and replaced by {@code offloaded_metadata{uri, size_bytes,
 * inferred_type}} with {@code hash} set; one larger than the maximum is refused. Reading resolves
 * offloaded literals through {@link #resolver}, which {@link DataPlane#attach} installs.
 *
 * <p>The hash is the base64 SHA-256 of the serialized literal (deterministic serialization),
 * computed while the bytes stream out. The Python SDK hashes a JSON rendering instead, so the two
 * SDKs' hashes of one value differ; each is stable for its own outputs, which is what cache keys
 * need.
 */
public final class LiteralOffloading {
  private LiteralOffloading() {}

  /**
   * Returns the literal of {@code value}: inline when small, else offloaded under the raw-output
   * prefix of the context's {@link DataPlane}.
   *
   * @throws LiteralConversionException if the literal is larger than the policy's maximum
   */
  public static <T> Literal toLiteral(
      T value, TypeRef<T> type, TypeEngine engine, TransformContext ctx, OffloadPolicy policy) {
    EncodedLiteral encoded = engine.encode(value, type, ctx);
    if (encoded.size() > policy.maxBytes()) {
      throw new LiteralConversionException(
              "a literal of at most " + policy.maxBytes() + " bytes",
              encoded.size() + " bytes (raise _F_L_MAX_SIZE_MB, or pass the data as a file)",
              type.type(),
              null)
          .withRoot(ctx.path());
    }
    if (!policy.offloads(encoded.size())) {
      try {
        return Literal.parseFrom(encoded.toByteArray());
      } catch (IOException e) {
        throw new IllegalStateException("Ferry wrote a literal it cannot parse", e);
      }
    }
    DataPlane plane = DataPlane.from(ctx);
    URI uri = plane.newUri("literal.pb");
    BlobStore store = plane.store(uri);
    MessageDigest digest = Uploads.sha256();
    try {
      store.write(
          uri, WriteOptions.defaults(), out -> encoded.writeTo(new DigestingStream(out, digest)));
    } catch (IOException e) {
      throw new LiteralConversionException(
          "a literal offloaded to " + uri,
          "a failed write (" + e.getMessage() + ")",
          type.type(),
          null,
          e);
    }
    return Literal.newBuilder()
        .setOffloadedMetadata(
            LiteralOffloadedMetadata.newBuilder()
                .setUri(uri.toString())
                .setSizeBytes(encoded.size())
                .setInferredType(engine.literalType(type)))
        .setHash(Base64.getEncoder().encodeToString(digest.digest()))
        .build();
  }

  /**
   * Returns a resolver that reads offloaded literals through {@code plane}'s stores: parsed for the
   * message tree, streamed for the streaming path; either checks the size the metadata states.
   */
  public static OffloadedLiteralResolver resolver(DataPlane plane) {
    return new StoreResolver(plane);
  }

  private static final class StoreResolver implements OffloadedLiteralResolver {
    private final DataPlane plane;

    StoreResolver(DataPlane plane) {
      this.plane = plane;
    }

    @Override
    public Literal resolve(LiteralOffloadedMetadata metadata, TransformContext ctx)
        throws IOException {
      try (InputStream in = open(metadata, ctx)) {
        CodedInputStream coded = CodedInputStream.newInstance(in);
        coded.setSizeLimit(Integer.MAX_VALUE);
        return Literal.parseFrom(coded); // reads to the end, where the size is checked
      }
    }

    @Override
    public InputStream open(LiteralOffloadedMetadata metadata, TransformContext ctx)
        throws IOException {
      URI uri = URI.create(metadata.getUri());
      long size = metadata.getSizeBytes();
      if (size > Integer.MAX_VALUE) {
        throw new IOException("offloaded literal " + uri + " is larger than 2 GiB: " + size);
      }
      InputStream in = plane.store(uri).open(uri);
      return size > 0 ? new SizeCheckingStream(in, uri, size) : in;
    }

    @Override
    public String toString() {
      return "LiteralOffloading.resolver(" + plane + ")";
    }
  }

  /** Fails at the end of the stream if it did not hold exactly the size the metadata states. */
  private static final class SizeCheckingStream extends FilterInputStream {
    private final URI uri;
    private final long expected;
    private long count;

    SizeCheckingStream(InputStream in, URI uri, long expected) {
      super(in);
      this.uri = uri;
      this.expected = expected;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b < 0) {
        checkEnd();
      } else {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n < 0) {
        checkEnd();
      } else {
        counted(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(n);
      counted(skipped);
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    private void counted(long n) throws IOException {
      count += n;
      if (count > expected) {
        throw new IOException(
            "offloaded literal "
                + uri
                + " has more than the "
                + expected
                + " bytes its metadata"
                + " says");
      }
    }

    private void checkEnd() throws IOException {
      if (count != expected) {
        throw new IOException(
            "offloaded literal " + uri + " has " + count + " bytes, its metadata says " + expected);
      }
    }
  }

  private static final class DigestingStream extends FilterOutputStream {
    private final MessageDigest digest;

    DigestingStream(OutputStream out, MessageDigest digest) {
      super(out);
      this.digest = digest;
    }

    @Override
    public void write(int b) throws IOException {
      digest.update((byte) b);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      digest.update(b, off, len);
      out.write(b, off, len);
    }

    @Override
    public void close() {
      // the caller commits the blob
    }
  }
}
