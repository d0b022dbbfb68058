package dev.ferry.blob.s3;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.ReadOptions;
import dev.ferry.blob.WriteOptions;
import dev.ferry.blob.internal.TempFiles;
import dev.ferry.blob.spi.AbstractBlobOutputStream;
import dev.ferry.blob.spi.AbstractBlobStore;
import dev.ferry.blob.spi.Crc32cs;
import dev.ferry.blob.spi.TransferCancelledException;
import dev.ferry.blob.spi.TransferProgress;
import dev.ferry.blob.spi.VerifyingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Amazon S3, or any S3-compatible endpoint, as a blob store: {@code s3://bucket/key}.
 *
 * <pre>{@code
 * BlobStore s3 = new S3BlobStore(S3Settings.from(BlobStoreConfig.fromEnvironment()));
 * try (BlobOutputStream out = s3.create(URI.create("s3://bucket/run/out.bin"))) {
 *   out.write(bytes); // parts upload while the stream is written
 *   out.commit();
 * }
 * }</pre>
 *
 * <h2>Transfers</h2>
 *
 * <ul>
 *   <li>{@link #create} streams: parts go out while bytes are produced, {@link
 *       WriteOptions#concurrency()} in flight, memory bounded by {@code partSize x (concurrency +
 *       1)} per write and by the store's part memory ({@link S3Settings#partMemory()}) for all
 *       writes together, no temp file; an object within one part is one PutObject. Parts start at
 *       {@link WriteOptions#partSize()} (8 MiB by default) and double every 625 parts, so 10,000
 *       parts cover 5 TiB. Nothing is visible under the key before Complete; failures, {@link
 *       BlobOutputStream#abort()} and abandoned streams abort the multipart upload.
 *   <li>{@link #open} and {@link #openRange} stream ranged GETs ahead of the reader ({@link
 *       ReadOptions#chunkSize()} x {@link ReadOptions#readAhead()}), pinned to one version of the
 *       object by {@code If-Match}; a chunk whose transfer breaks off is fetched again. {@link
 *       #open} asks HeadObject first (size, CRC32C, ETag); {@link #openRange} starts with its first
 *       GET, which tells the size.
 *   <li>{@link #upload} of a file larger than a part sends file regions as parts, no buffering;
 *       {@link #download} and the directory transfers are {@link AbstractBlobStore}'s, so every key
 *       of a directory download is checked before anything is written.
 *   <li>With {@code s3.file-transfers=transfer-manager} ({@link S3Settings#transferManager()}),
 *       whole-file uploads and downloads, also those of directory transfers, run on the SDK's
 *       {@code S3TransferManager} (over the Netty client with the SDK's multipart support, or the
 *       CRT client), inside the same temp-file, key-checking and progress handling. Its multipart
 *       uploads carry a composite CRC32C (per part, checked by S3), not a whole-object one, so a
 *       later download of such an object is checked for size only.
 *   <li>{@link #list} is ListObjectsV2 under {@code key/}, skipping folder markers (keys ending in
 *       {@code /}). {@link #delete} is HeadObject then DeleteObject (S3 does not say whether it
 *       deleted anything). {@link #stat} is HeadObject, whose 404 has no body: a missing bucket
 *       looks like a missing object there, while writes name {@code NoSuchBucket}.
 * </ul>
 *
 * <h2>Integrity</h2>
 *
 * <ul>
 *   <li>Writes: the CRC32C of every part is computed while it is buffered and sent with it ({@code
 *       x-amz-checksum-crc32c} on UploadPart and PutObject; CreateMultipartUpload names CRC32C); S3
 *       rejects a part whose bytes do not match, and the write fails. Complete lists every part's
 *       CRC32C and, in {@code full-object} mode (the default), the whole object's CRC32C, which S3
 *       checks against the parts; so an object exists only if every byte arrived as written. The
 *       whole-object CRC32C is what {@link BlobOutputStream#info()} reports.
 *   <li>Reads: {@link #open} takes the object's CRC32C and size from HeadObject ({@code
 *       ChecksumMode.ENABLED}) and checks the bytes read against both at the end of the stream
 *       (when {@link ReadOptions#checksum()}); a one-chunk object is also checked by the SDK
 *       against its GET's checksum header, and fetched again if that fails. {@link #download}
 *       checks the same again on the file before moving it into place. An object without a
 *       whole-object CRC32C (written without checksums, composite multipart, or a server that keeps
 *       none) is checked for size only, beyond what the SDK validates. {@link #openRange} checks
 *       the length only.
 * </ul>
 *
 * <h2>Failures and exit</h2>
 *
 * <p>Every wait is bounded; a failed write's abort waits at most {@link S3Settings#abortTimeout()}
 * and logs what it could not remove (the upload id). Aborts S3 did not get are retried in the
 * background, once more when the store is closed, and once more at JVM exit (a shutdown hook the
 * store registers once and removes on {@link #close()}, waiting at most {@link #SHUTDOWN_DRAIN}). A
 * process killed outright aborts nothing: keep a bucket lifecycle rule ({@code
 * AbortIncompleteMultipartUpload}).
 *
 * <p>Errors are {@link BlobStoreException}s naming the operation, the URI, the S3 request, and S3's
 * status and error code. Throttling, 5xx and broken connections are retried with backoff ({@link
 * S3Settings}).
 */
public final class S3BlobStore extends AbstractBlobStore {
  /** The scheme served. */
  public static final String SCHEME = S3Location.SCHEME;

  private static final String WRITE = AbstractBlobOutputStream.OPERATION;
  private static final String UPLOAD = "upload";
  private static final String OPEN_RANGE = "openRange";
  private static final int FILE_READ_BUFFER = 256 * 1024;

  private final S3AsyncClient client;
  private final S3Settings settings;
  private final boolean ownsClient;
  private final AbortJanitor janitor;
  private final TransferManagerFiles managed;
  private final PartMemory memory;
  private final Thread shutdownDrain;

  /** How long the JVM's exit waits for the aborts still pending. */
  static final Duration SHUTDOWN_DRAIN = Duration.ofSeconds(5);

  /** Creates a store with its own client, configured by {@code settings}. */
  public S3BlobStore(S3Settings settings) {
    this(S3Clients.create(settings), settings, true);
  }

  /**
   * Creates a store on a client the caller keeps and closes; {@code settings} give the retries of
   * broken reads and the multipart checksum mode.
   */
  public S3BlobStore(S3AsyncClient client, S3Settings settings) {
    this(client, settings, false);
  }

  private S3BlobStore(S3AsyncClient client, S3Settings settings, boolean ownsClient) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.ownsClient = ownsClient;
    long heap = Runtime.getRuntime().maxMemory();
    if (settings.partMemory() > heap / 2) {
      throw new IllegalArgumentException(
          "the s3 part memory of "
              + PartMemory.mib(settings.partMemory())
              + " ("
              + S3Settings.PART_MEMORY_MIB
              + ") does not fit this JVM: at most half of the "
              + PartMemory.mib(heap)
              + " heap (-Xmx) may hold part buffers");
    }
    this.memory = new PartMemory(settings.partMemory());
    this.janitor = new AbortJanitor(client);
    this.managed = new TransferManagerFiles(settings);
    this.shutdownDrain =
        new Thread(() -> janitor.drain(SHUTDOWN_DRAIN), "ferry-s3-abort-drain-at-exit");
    Runtime.getRuntime().addShutdownHook(shutdownDrain);
  }

  /** Returns a store configured by {@code config} (see {@link S3Settings#from}). */
  public static S3BlobStore create(BlobStoreConfig config) {
    return new S3BlobStore(S3Settings.from(config));
  }

  @Override
  public String scheme() {
    return SCHEME;
  }

  /** Returns the settings. */
  public S3Settings settings() {
    return settings;
  }

  /** Returns the SDK client, for S3 calls the store does not make. */
  public S3AsyncClient client() {
    return client;
  }

  @Override
  public BlobOutputStream create(URI uri, WriteOptions options) throws IOException {
    S3Location location = S3Location.object(WRITE, uri);
    return new S3OutputStream(client, janitor, location, uri, options, memory, settings);
  }

  @Override
  public InputStream open(URI uri, ReadOptions options) throws IOException {
    S3Location location = S3Location.object("open", uri);
    HeadObjectResponse head =
        headObject(client, location, uri, "open")
            .orElseThrow(() -> BlobStoreException.notFound("open", uri));
    long size = head.contentLength();
    String crc = options.checksum() ? crc32c(head) : null;
    InputStream in = stream(location, uri, head, 0, size, options);
    return new VerifyingInputStream(
        in, VerifyingInputStream.READ, uri, size, crc == null ? null : Crc32cs.parseHex(crc));
  }

  /**
   * Returns a range of the object, without a HeadObject: the first chunk's GET tells the size and
   * the ETag that pins the later chunks, and its wait is the reader's anyway. Only the length is
   * checked (S3 keeps no checksum of ranges).
   */
  @Override
  public InputStream openRange(URI uri, long offset, long length) throws IOException {
    checkRange(offset, length);
    S3Location location = S3Location.object(OPEN_RANGE, uri);
    if (length == 0) {
      if (headObject(client, location, uri, OPEN_RANGE).isEmpty()) {
        throw BlobStoreException.notFound(OPEN_RANGE, uri);
      }
      return InputStream.nullInputStream();
    }
    ReadOptions options = ReadOptions.defaults();
    int firstLength = (int) Math.min(options.chunkSize(), length);
    String range = "bytes=" + offset + "-" + (offset + firstLength - 1);
    ChunkTransformer transformer = new ChunkTransformer(firstLength, true);
    byte[] first;
    try {
      first =
          S3Errors.join(
              client.getObject(
                  r -> r.bucket(location.bucket()).key(location.key()).range(range), transformer),
              OPEN_RANGE,
              uri,
              "GetObject " + range);
    } catch (BlobStoreException e) {
      if (S3Errors.status(e.getCause() == null ? e : e.getCause()) == 416) {
        return InputStream.nullInputStream(); // the offset is at or past the end
      }
      throw e;
    }
    GetObjectResponse response = Objects.requireNonNull(transformer.response(), "response");
    long size = objectSize(response, offset, first.length);
    long end = Math.min(offset + length, size);
    long next = offset + first.length;
    InputStream in =
        new S3InputStream(
            client,
            location,
            uri,
            size,
            response.eTag(),
            first,
            next,
            Math.max(0, end - next),
            options.chunkSize(),
            options.readAhead(),
            settings.maxAttempts(),
            settings.baseDelay());
    return new VerifyingInputStream(
        in, VerifyingInputStream.READ, uri, Math.max(0, end - offset), null);
  }

  @Override
  public Optional<BlobInfo> stat(URI uri) throws IOException {
    return head(client, S3Location.object("stat", uri), uri, "stat");
  }

  @Override
  public List<BlobInfo> list(URI prefix) throws IOException {
    S3Location location = S3Location.of("list", prefix);
    List<BlobInfo> found = new ArrayList<>();
    String token = null;
    do {
      ListObjectsV2Request.Builder request =
          ListObjectsV2Request.builder().bucket(location.bucket()).prefix(location.listPrefix());
      if (token != null) {
        request.continuationToken(token);
      }
      ListObjectsV2Response page =
          S3Errors.join(client.listObjectsV2(request.build()), "list", prefix, "ListObjectsV2");
      for (S3Object object : page.contents()) {
        if (object.key().endsWith("/")) {
          continue; // a folder marker, not a file
        }
        found.add(
            new BlobInfo(
                location.uriOf(object.key()),
                object.size() == null ? 0 : object.size(),
                null,
                unquote(object.eTag())));
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    found.sort(Comparator.comparing(BlobInfo::uri));
    return found;
  }

  @Override
  public boolean delete(URI uri) throws IOException {
    S3Location location = S3Location.object("delete", uri);
    if (headObject(client, location, uri, "delete").isEmpty()) {
      return false;
    }
    S3Errors.join(
        client.deleteObject(r -> r.bucket(location.bucket()).key(location.key())),
        "delete",
        uri,
        "DeleteObject");
    return true;
  }

  /**
   * Uploads a file larger than one part as regions of the file, read by the SDK, so no part is
   * buffered in memory; the CRC32C of each region is computed first, from the same file. Smaller
   * files stream through {@link #create}. With {@link S3Settings#transferManager()}, the SDK's
   * transfer manager uploads the file instead.
   */
  @Override
  protected void uploadFile(Path file, URI uri, WriteOptions options, TransferProgress progress)
      throws IOException {
    if (settings.transferManager()) {
      managed.upload(file, S3Location.object(UPLOAD, uri), uri, options, progress);
      return;
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new BlobStoreException(UPLOAD, uri, "reading " + file + ": " + e.getMessage(), e);
    }
    if (size <= options.partSize()) {
      super.uploadFile(file, uri, options, progress);
      return;
    }
    S3Location location = S3Location.object(UPLOAD, uri);
    boolean checksum = options.checksum();
    MultipartUpload upload =
        new MultipartUpload(
            UPLOAD,
            client,
            janitor,
            location,
            uri,
            checksum,
            settings.fullObjectChecksum(),
            options.contentType(),
            options.partSize(),
            options.concurrency(),
            settings.abortTimeout(),
            bytes -> advance(progress, bytes));
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      CRC32C whole = checksum ? new CRC32C() : null;
      ByteBuffer buffer = ByteBuffer.allocate(FILE_READ_BUFFER);
      long position = 0;
      while (position < size) {
        progress.checkCancelled();
        long from = position;
        int partSize = MultipartUpload.partSize(options.partSize(), upload.nextPartNumber());
        int length = (int) Math.min(partSize, size - position);
        position += length;
        Integer crc = whole == null ? null : crc32c(channel, from, length, buffer, whole, file);
        AsyncRequestBody body =
            AsyncRequestBody.fromFile(
                b -> b.path(file).position(from).numBytesToRead((long) length));
        upload.uploadPart(body, length, crc, uploaded -> {});
      }
      if (channel.size() != size) {
        throw new BlobStoreException(
            UPLOAD, uri, file + " changed size while it was uploaded", null);
      }
      upload.complete(size, whole == null ? null : Crc32cs.hex(whole));
    } catch (IOException | RuntimeException | Error e) {
      try {
        upload.abort();
      } catch (IOException | RuntimeException a) {
        e.addSuppressed(a);
      }
      if (e instanceof IOException) {
        throw S3Errors.wrap(UPLOAD, uri, e);
      }
      throw e;
    }
  }

  /**
   * With {@link S3Settings#transferManager()}, the SDK's transfer manager fills the temp file of a
   * download, which is then checked as {@link AbstractBlobStore}'s own downloads are.
   */
  @Override
  protected void fetch(
      URI uri, BlobInfo info, TempFiles.Temp temp, ReadOptions options, TransferProgress progress)
      throws IOException {
    if (!settings.transferManager()) {
      super.fetch(uri, info, temp, options, progress);
      return;
    }
    temp.channel().close();
    managed.download(S3Location.object("download", uri), uri, info, temp.path(), options, progress);
    try (FileChannel channel = FileChannel.open(temp.path(), StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /**
   * Stops the background aborts (after one last, bounded attempt at those pending), removes the
   * store's JVM-exit hook and, if the store made its client, closes it.
   */
  @Override
  public void close() throws IOException {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownDrain);
    } catch (IllegalStateException e) {
      // the JVM is exiting: the hook runs, or ran, anyway
    }
    managed.close();
    janitor.close();
    if (ownsClient) {
      client.close();
    }
  }

  /** Returns how many file transfers the SDK's transfer manager ran, for tests. */
  long transferManagerTransfers() {
    return managed.transfers();
  }

  /** Returns the store's part memory, for tests. */
  PartMemory partMemory() {
    return memory;
  }

  /** Returns the hook that drains pending aborts at JVM exit, for tests. */
  Thread shutdownDrain() {
    return shutdownDrain;
  }

  /** Returns the uploads whose abort is being retried in the background, for tests. */
  int pendingAborts() {
    return janitor.pendingCount();
  }

  // ---- shared with the streams ----

  /** Returns what HeadObject says of an object, or empty on 404. */
  static Optional<BlobInfo> head(S3AsyncClient client, S3Location location, URI uri, String op)
      throws IOException {
    return headObject(client, location, uri, op)
        .map(h -> new BlobInfo(uri, h.contentLength(), crc32c(h), unquote(h.eTag())));
  }

  /** Returns an ETag without its quotes. */
  static @Nullable String unquote(@Nullable String etag) {
    if (etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
      return etag.substring(1, etag.length() - 1);
    }
    return etag;
  }

  private static Optional<HeadObjectResponse> headObject(
      S3AsyncClient client, S3Location location, URI uri, String operation) throws IOException {
    try {
      return Optional.of(
          S3Errors.join(
              client.headObject(
                  r ->
                      r.bucket(location.bucket())
                          .key(location.key())
                          .checksumMode(ChecksumMode.ENABLED)),
              operation,
              uri,
              "HeadObject"));
    } catch (BlobStoreException e) {
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Returns the whole-object CRC32C of a HeadObject answer as hex, or null if it has none. */
  private static @Nullable String crc32c(HeadObjectResponse head) {
    String value = head.checksumCRC32C();
    if (value == null || head.checksumType() == ChecksumType.COMPOSITE) {
      return null;
    }
    try {
      return Crc32cs.base64ToHex(value);
    } catch (IllegalArgumentException e) {
      return null; // "<base64>-<parts>": a checksum of checksums, not of the bytes
    }
  }

  private InputStream stream(
      S3Location location,
      URI uri,
      HeadObjectResponse head,
      long start,
      long count,
      ReadOptions options) {
    return new S3InputStream(
        client,
        location,
        uri,
        head.contentLength(),
        head.eTag(),
        new byte[0],
        start,
        count,
        options.chunkSize(),
        options.readAhead(),
        settings.maxAttempts(),
        settings.baseDelay());
  }

  /**
   * Returns the object's size from a ranged GET's {@code Content-Range} ({@code bytes 0-9/1000}),
   * or, when the server sent the whole object, from what arrived.
   */
  private static long objectSize(GetObjectResponse response, long offset, int received) {
    String range = response.contentRange();
    if (range != null) {
      int slash = range.lastIndexOf('/');
      if (slash >= 0 && !range.endsWith("*")) {
        try {
          return Long.parseLong(range.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
          // fall through
        }
      }
    }
    return offset + received;
  }

  private static int crc32c(
      FileChannel channel, long from, int length, ByteBuffer buffer, CRC32C whole, Path file)
      throws IOException {
    CRC32C part = new CRC32C();
    long position = from;
    long end = from + length;
    while (position < end) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
      int n = channel.read(buffer, position);
      if (n < 0) {
        throw new IOException(file + " ended at " + position + " while it was uploaded");
      }
      buffer.flip();
      part.update(buffer.duplicate());
      whole.update(buffer);
      position += n;
    }
    return (int) part.getValue();
  }

  private static void advance(TransferProgress progress, long bytes) {
    try {
      progress.advance(bytes);
    } catch (TransferCancelledException e) {
      // the writer sees it before its next part
    }
  }
}
