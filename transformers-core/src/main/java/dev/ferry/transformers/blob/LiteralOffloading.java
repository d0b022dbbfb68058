package dev.ferry.transformers.blob;

import com.google.protobuf.CodedInputStream;
import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.engine.EncodedLiteral;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
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
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

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
      @Nullable T value,
      TypeRef<T> type,
      TypeEngine engine,
      TransformContext ctx,
      OffloadPolicy policy) {
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
          uri, plane.writeOptions(), out -> encoded.writeTo(new DigestingStream(out, digest)));
    } catch (IOException e) {
      throw Transfers.failed("write", uri, e);
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

    /**
     * Opens the stored literal after checking the metadata: a URI that parses and lies under the
     * data plane's literal sources, a size between 1 byte and 2 GiB. Every refusal is a data error
     * naming the URI, raised before any byte is read; a failing store is a transfer error.
     */
    @Override
    public InputStream open(LiteralOffloadedMetadata metadata, TransformContext ctx)
        throws IOException {
      URI uri = checkedUri(metadata);
      long size = metadata.getSizeBytes();
      if (size <= 0 || size > Integer.MAX_VALUE) {
        throw invalid(
            metadata,
            "an offloaded literal of 1 byte to 2 GiB",
            "size_bytes " + size + " for " + Literals.quote(uri));
      }
      if (!plane.allowsLiteralAt(uri)) {
        throw invalid(
            metadata,
            "an offloaded literal under one of " + plane.literalSources(),
            Literals.quote(uri)
                + " (allow its place with DataPlane.allowingLiteralsFrom(...) if it is trusted)");
      }
      BlobStore store;
      try {
        store = plane.store(uri);
      } catch (IllegalArgumentException e) {
        throw invalid(metadata, "an offloaded literal in a known store", Literals.quote(uri), e);
      }
      InputStream in;
      try {
        in = store.open(uri);
      } catch (IOException e) {
        throw Transfers.failed("read", uri, e);
      }
      return new SizeCheckingStream(new TransferFailures(in, uri), uri, size);
    }

    private static URI checkedUri(LiteralOffloadedMetadata metadata) {
      String raw = metadata.getUri();
      URI uri;
      try {
        uri = new URI(raw);
      } catch (URISyntaxException e) {
        throw invalid(
            metadata,
            "an offloaded literal with a valid URI",
            Literals.quote(raw) + " (" + e.getReason() + ")",
            e);
      }
      if (uri.isOpaque() || uri.getPath() == null || uri.getPath().isEmpty()) {
        throw invalid(
            metadata, "an offloaded literal with a hierarchical URI", Literals.quote(raw));
      }
      return uri;
    }

    private static LiteralConversionException invalid(
        LiteralOffloadedMetadata metadata, String expected, String actual) {
      return invalid(metadata, expected, actual, null);
    }

    private static LiteralConversionException invalid(
        LiteralOffloadedMetadata metadata,
        String expected,
        String actual,
        @Nullable Throwable cause) {
      return new LiteralConversionException(
          expected, actual, null, metadata.getInferredType(), cause);
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

  /** Reports a store's failure while the stored bytes stream as a transfer error. */
  private static final class TransferFailures extends FilterInputStream {
    private final URI uri;

    TransferFailures(InputStream in, URI uri) {
      super(in);
      this.uri = uri;
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (BlobStoreException e) {
        throw Transfers.failed("read", uri, e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (BlobStoreException e) {
        throw Transfers.failed("read", uri, e);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return in.skip(n);
      } catch (BlobStoreException e) {
        throw Transfers.failed("read", uri, e);
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
