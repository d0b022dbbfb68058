package dev.ferry.blob.gcs;

import com.google.api.gax.paging.Page;
import com.google.cloud.NoCredentials;
import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.HttpStorageOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobField;
import com.google.cloud.storage.StorageOptions;
import com.google.cloud.storage.StorageRetryStrategy;
import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.ReadOptions;
import dev.ferry.blob.WriteOptions;
import dev.ferry.blob.spi.AbstractBlobStore;
import dev.ferry.blob.spi.Crc32cs;
import dev.ferry.blob.spi.VerifyingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Google Cloud Storage as a blob store: {@code gs://bucket/name}, through google-cloud-storage
 * (JSON API over HTTP), configured by {@link GcsSettings} (host override for emulators, project,
 * credentials, retries). Transient failures (408, 429, 5xx, connection resets) are retried by the
 * client with exponential backoff, for every request ({@code
 * StorageRetryStrategy.getUniformStorageRetryStrategy()}): a write is invisible until it commits,
 * so retrying any step of it is safe. (A delete whose first attempt succeeded unseen answers
 * false.)
 *
 * <p><b>Writes</b> ({@link #create}) stream through a chunk buffer of {@link
 * WriteOptions#partSize()} rounded down to a multiple of 256 KiB (GCS's unit). An object that fits
 * in one chunk is sent as one multipart request when the stream closes (the client sends its CRC32C
 * and MD5, which GCS checks); a larger one goes through a resumable upload session ({@link
 * Storage#writer}) started when the first chunk is full: one PUT per chunk, the next chunk filling
 * while the previous one uploads (with {@link WriteOptions#concurrency()} above 1; with 1, chunks
 * upload in the writer's thread), the final PUT carrying the client's CRC32C of the whole object.
 * Memory per stream: at most three chunk buffers (two circulating, and the client's own for the
 * last partial chunk). Only the final chunk makes the object, so nothing is visible before {@link
 * BlobOutputStream#commit()}; abort, a failure or a stream dropped unclosed (a {@link
 * java.lang.ref.Cleaner}) never finalize, and cancel the session with a DELETE. The size and CRC32C
 * of the object GCS made are then checked against what was written (the CRC32C computed while
 * streaming); on a mismatch that new generation, and only it, is deleted and the write fails.
 *
 * <p>By default a write has no precondition, so the last writer wins, as with the other stores (and
 * as the store contract asks of concurrent writers). With {@code gs.write-precondition=generation}
 * a write requires the generation it saw when it began ({@code ifGenerationMatch}, {@code
 * ifGenerationMatch=0} for a new object): a concurrent writer that commits first makes it fail with
 * 412, and nothing of it is committed.
 *
 * <p><b>Reads</b> pin the generation {@link #stat} saw, so a concurrent overwrite fails a read
 * (404) instead of mixing two objects. {@link #open} fetches ranges of {@link
 * ReadOptions#chunkSize()} with {@link ReadOptions#readAhead()} of them ahead of the reader (memory
 * {@code chunkSize x (readAhead + 1)}; one streaming request for an object of one chunk, or without
 * read-ahead), and checks size and CRC32C at the end. {@link #list} pages through the names under
 * {@code dir/} and skips "directory placeholder" objects, whose names end with {@code /}.
 */
public final class GcsBlobStore extends AbstractBlobStore {
  /** The scheme served. */
  public static final String SCHEME = GcsLocation.SCHEME;

  /** GCS takes resumable chunks in multiples of this. */
  static final int CHUNK_QUANTUM = 256 * 1024;

  private static final String WRITE = GcsOutputStream.OPERATION;
  private static final AtomicInteger STORES = new AtomicInteger();

  private final GcsSettings settings;
  private final Storage storage;
  private final ExecutorService executor;
  private final ResumableSessions sessions;

  private GcsBlobStore(GcsSettings settings, StorageOptions storageOptions) {
    this.settings = settings;
    this.storage = storageOptions.getService();
    int id = STORES.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "ferry-gcs-" + id + "-io-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.sessions = new ResumableSessions(storageOptions, settings);
  }

  /** Returns a store configured by {@code settings}. */
  public static GcsBlobStore create(GcsSettings settings) {
    return new GcsBlobStore(settings, storageOptions(settings));
  }

  /** Returns the client options {@code settings} make. */
  static StorageOptions storageOptions(GcsSettings settings) {
    HttpStorageOptions.Builder builder =
        StorageOptions.http()
            .setTransportOptions(ResumableSessions.transportOptions(settings))
            .setStorageRetryStrategy(StorageRetryStrategy.getUniformStorageRetryStrategy())
            .setRetrySettings(
                StorageOptions.getDefaultRetrySettings().toBuilder()
                    .setMaxAttempts(settings.maxAttempts())
                    .setInitialRetryDelayDuration(settings.retryDelay())
                    .setMaxRetryDelayDuration(settings.maxRetryDelay())
                    .setTotalTimeoutDuration(settings.retryTotal())
                    .build());
    if (settings.host() != null) {
      builder.setHost(settings.host());
    }
    if (settings.project() != null) {
      builder.setProjectId(settings.project());
    }
    if (settings.anonymous()) {
      builder.setCredentials(NoCredentials.getInstance());
    }
    return builder.build();
  }

  @Override
  public String scheme() {
    return SCHEME;
  }

  /** Returns the settings of this store. */
  public GcsSettings settings() {
    return settings;
  }

  /** Returns the chunk size of a write with part size {@code partSize}: a multiple of 256 KiB. */
  static int chunkSize(int partSize) {
    return Math.max(CHUNK_QUANTUM, partSize / CHUNK_QUANTUM * CHUNK_QUANTUM);
  }

  @Override
  public BlobOutputStream create(URI uri, WriteOptions options) throws IOException {
    GcsLocation location = GcsLocation.object(WRITE, uri);
    int chunk = chunkSize(options.partSize());
    com.google.cloud.storage.BlobInfo.Builder target =
        com.google.cloud.storage.BlobInfo.newBuilder(location.blobId());
    if (!options.contentType().isEmpty()) {
      target.setContentType(options.contentType());
    }
    List<Storage.BlobWriteOption> writeOptions = new ArrayList<>();
    List<Storage.BlobTargetOption> targetOptions = new ArrayList<>();
    targetOptions.add(Storage.BlobTargetOption.disableGzipContent());
    if (settings.generationPrecondition()) {
      long generation = currentGeneration(location, uri);
      if (generation == 0) {
        writeOptions.add(Storage.BlobWriteOption.doesNotExist());
        targetOptions.add(Storage.BlobTargetOption.doesNotExist());
      } else {
        writeOptions.add(Storage.BlobWriteOption.generationMatch(generation));
        targetOptions.add(Storage.BlobTargetOption.generationMatch(generation));
      }
    }
    com.google.cloud.storage.BlobInfo info = target.build();
    ResumableUpload upload =
        new ResumableUpload(
            storage,
            info,
            writeOptions.toArray(new Storage.BlobWriteOption[0]),
            options.concurrency() > 1 ? executor : null,
            sessions,
            uri,
            chunk);
    return new GcsOutputStream(
        uri,
        options,
        storage,
        location,
        info,
        targetOptions.toArray(new Storage.BlobTargetOption[0]),
        upload,
        chunk);
  }

  @Override
  public InputStream open(URI uri, ReadOptions options) throws IOException {
    String operation = "open";
    GcsLocation location = GcsLocation.object(operation, uri);
    Blob blob = get(operation, uri, location);
    if (blob == null) {
      throw BlobStoreException.notFound(operation, uri);
    }
    long size = size(blob);
    Integer crc =
        options.checksum() && blob.getCrc32c() != null
            ? Crc32cs.parseBase64(blob.getCrc32c())
            : null;
    InputStream in = range(uri, location, generation(blob), 0, size, options);
    return new VerifyingInputStream(in, VerifyingInputStream.READ, uri, size, crc);
  }

  @Override
  public InputStream openRange(URI uri, long offset, long length) throws IOException {
    checkRange(offset, length);
    String operation = "openRange";
    GcsLocation location = GcsLocation.object(operation, uri);
    Blob blob = get(operation, uri, location);
    if (blob == null) {
      throw BlobStoreException.notFound(operation, uri);
    }
    long size = size(blob);
    long start = Math.min(offset, size);
    long end = start + Math.min(length, size - start);
    if (start == end) {
      return InputStream.nullInputStream();
    }
    InputStream in = range(uri, location, generation(blob), start, end, ReadOptions.defaults());
    return new VerifyingInputStream(in, VerifyingInputStream.READ, uri, end - start, null);
  }

  @Override
  public Optional<BlobInfo> stat(URI uri) throws IOException {
    String operation = "stat";
    GcsLocation location = GcsLocation.object(operation, uri);
    Blob blob = get(operation, uri, location);
    return blob == null ? Optional.empty() : Optional.of(info(uri, blob));
  }

  @Override
  public List<BlobInfo> list(URI prefix) throws IOException {
    String operation = "list";
    GcsLocation location = GcsLocation.of(operation, prefix);
    List<BlobInfo> found = new ArrayList<>();
    try {
      Page<Blob> page =
          storage.list(
              location.bucket(),
              Storage.BlobListOption.prefix(location.directoryPrefix()),
              Storage.BlobListOption.pageSize(settings.listPageSize()),
              Storage.BlobListOption.fields(
                  BlobField.NAME, BlobField.SIZE, BlobField.CRC32C, BlobField.GENERATION));
      for (Blob blob : page.iterateAll()) {
        if (blob.getName().endsWith("/")) {
          continue; // a "directory placeholder", no object of this store
        }
        found.add(info(GcsLocation.uri(location.bucket(), blob.getName()), blob));
      }
    } catch (RuntimeException e) {
      throw GcsErrors.wrap(operation, prefix, e);
    }
    found.sort(Comparator.comparing(BlobInfo::uri));
    return found;
  }

  @Override
  public boolean delete(URI uri) throws IOException {
    String operation = "delete";
    GcsLocation location = GcsLocation.object(operation, uri);
    try {
      return storage.delete(location.blobId());
    } catch (RuntimeException e) {
      throw GcsErrors.wrap(operation, uri, e);
    }
  }

  @Override
  public void close() throws IOException {
    executor.shutdown();
    try {
      storage.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while closing the GCS client", e);
    } catch (Exception e) {
      throw new IOException("closing the GCS client failed: " + e.getMessage(), e);
    }
  }

  /** Returns the bytes {@code [start, end)} of one generation, as {@code options} say to read. */
  private InputStream range(
      URI uri, GcsLocation location, long generation, long start, long end, ReadOptions options)
      throws IOException {
    if (options.readAhead() == 0 || end - start <= options.chunkSize()) {
      ReadChannel channel = reader(location, generation);
      try {
        channel.seek(start);
        channel.limit(end);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw GcsErrors.wrap(VerifyingInputStream.READ, uri, e);
      }
      return new ReadFailures(Channels.newInputStream(channel), uri);
    }
    return new ReadAheadInputStream(
        (offset, length) -> fetch(uri, location, generation, offset, length),
        executor,
        start,
        end,
        options.chunkSize(),
        options.readAhead());
  }

  /** Returns exactly {@code length} bytes of a generation from {@code offset}: one ranged GET. */
  private ByteBuffer fetch(URI uri, GcsLocation location, long generation, long offset, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    try (ReadChannel channel = reader(location, generation)) {
      channel.seek(offset);
      channel.limit(offset + length);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer) < 0) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      throw ReadFailures.wrap(uri, e);
    }
    if (buffer.hasRemaining()) {
      throw new BlobStoreException(
          VerifyingInputStream.READ,
          uri,
          "short read: bytes "
              + offset
              + " to "
              + (offset + length)
              + " of generation "
              + generation
              + " ended after "
              + buffer.position(),
          null);
    }
    return buffer.flip();
  }

  private ReadChannel reader(GcsLocation location, long generation) {
    ReadChannel channel =
        storage.reader(
            location.blobId(generation), Storage.BlobSourceOption.shouldReturnRawInputStream(true));
    channel.setChunkSize(0);
    return channel;
  }

  private long currentGeneration(GcsLocation location, URI uri) throws IOException {
    Blob current = get(WRITE, uri, location);
    return current == null ? 0 : generation(current);
  }

  private @Nullable Blob get(String operation, URI uri, GcsLocation location)
      throws BlobStoreException {
    try {
      return storage.get(
          location.blobId(),
          Storage.BlobGetOption.fields(BlobField.SIZE, BlobField.CRC32C, BlobField.GENERATION));
    } catch (RuntimeException e) {
      throw GcsErrors.wrap(operation, uri, e);
    }
  }

  private static BlobInfo info(URI uri, Blob blob) {
    String crc = blob.getCrc32c() == null ? null : Crc32cs.base64ToHex(blob.getCrc32c());
    Long generation = blob.getGeneration();
    return new BlobInfo(uri, size(blob), crc, generation == null ? null : generation.toString());
  }

  private static long size(Blob blob) {
    return Objects.requireNonNullElse(blob.getSize(), 0L);
  }

  private static long generation(Blob blob) {
    Long generation = blob.getGeneration();
    if (generation == null) {
      throw new IllegalStateException("GCS reported no generation for " + blob.getBlobId());
    }
    return generation;
  }
}
