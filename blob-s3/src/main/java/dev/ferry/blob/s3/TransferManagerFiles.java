package dev.ferry.blob.s3;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.ReadOptions;
import dev.ferry.blob.WriteOptions;
import dev.ferry.blob.spi.Crc32cs;
import dev.ferry.blob.spi.TransferCancelledException;
import dev.ferry.blob.spi.TransferProgress;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.DownloadFileRequest;
import software.amazon.awssdk.transfer.s3.model.UploadFileRequest;
import software.amazon.awssdk.transfer.s3.progress.TransferListener;

/**
 * Whole-file uploads and downloads through the SDK's {@link S3TransferManager}, for stores whose
 * settings ask for it ({@link S3Settings#transferManager()}): one manager per part size, each over
 * a client made for it ({@link S3Clients#forTransferManager}: the Netty client with the SDK's
 * multipart support, or the CRT client).
 *
 * <p>The store's promises hold around the manager: uploads name CRC32C, which the SDK computes per
 * part and S3 checks on arrival; downloads go to the store's hidden temp file, pinned to the ETag
 * the store listed, and the file is checked against the object's size and whole-object CRC32C
 * before it is moved into place; the store's progress listener hears the manager's progress, and a
 * cancelled group (a failed directory transfer) cancels the manager's transfer at its next report.
 */
final class TransferManagerFiles implements AutoCloseable {
  private static final String UPLOAD = "upload";
  private static final String DOWNLOAD = "download";
  private static final int VERIFY_BUFFER = 256 * 1024;

  private final S3Settings settings;
  private final Map<Long, Managed> managers = new ConcurrentHashMap<>();
  private final AtomicLong transfers = new AtomicLong();

  private record Managed(S3AsyncClient client, S3TransferManager manager) {}

  TransferManagerFiles(S3Settings settings) {
    this.settings = settings;
  }

  /** Uploads {@code file} to {@code location} in parts of the options' part size. */
  void upload(
      Path file, S3Location location, URI uri, WriteOptions options, TransferProgress progress)
      throws IOException {
    progress.checkCancelled();
    PutObjectRequest.Builder put =
        PutObjectRequest.builder().bucket(location.bucket()).key(location.key());
    if (!options.contentType().isEmpty()) {
      put.contentType(options.contentType());
    }
    if (options.checksum()) {
      put.checksumAlgorithm(ChecksumAlgorithm.CRC32_C);
    }
    ProgressBridge bridge = new ProgressBridge(progress);
    UploadFileRequest request =
        UploadFileRequest.builder()
            .source(file)
            .putObjectRequest(put.build())
            .addTransferListener(bridge)
            .build();
    transfers.incrementAndGet();
    CompletableFuture<?> done = manager(options.partSize()).uploadFile(request).completionFuture();
    bridge.attach(done);
    join(done, UPLOAD, uri, "S3TransferManager.uploadFile", bridge, fileSize(file));
  }

  /**
   * Downloads the object {@code info} describes to {@code temp} (which exists and is closed), then
   * checks the file against the object's size and, when {@link ReadOptions#checksum()} and the
   * object has one, its CRC32C.
   */
  void download(
      S3Location location,
      URI uri,
      BlobInfo info,
      Path temp,
      ReadOptions options,
      TransferProgress progress)
      throws IOException {
    progress.checkCancelled();
    GetObjectRequest.Builder get =
        GetObjectRequest.builder().bucket(location.bucket()).key(location.key());
    if (info.etag() != null) {
      get.ifMatch("\"" + info.etag() + "\"");
    }
    ProgressBridge bridge = new ProgressBridge(progress);
    DownloadFileRequest request =
        DownloadFileRequest.builder()
            .getObjectRequest(get.build())
            .destination(temp)
            .addTransferListener(bridge)
            .build();
    long partSize = Math.max(5L * 1024 * 1024, options.chunkSize());
    transfers.incrementAndGet();
    CompletableFuture<?> done = manager(partSize).downloadFile(request).completionFuture();
    bridge.attach(done);
    join(done, DOWNLOAD, uri, "S3TransferManager.downloadFile", bridge, info.size());
    verify(temp, uri, info, options.checksum());
  }

  /** Returns how many transfers were handed to a transfer manager, for tests. */
  long transfers() {
    return transfers.get();
  }

  /** Closes the managers and their clients. */
  @Override
  public void close() {
    for (Managed m : managers.values()) {
      m.manager().close();
      m.client().close();
    }
    managers.clear();
  }

  private S3TransferManager manager(long partSize) {
    return managers
        .computeIfAbsent(
            partSize,
            size -> {
              S3AsyncClient client = S3Clients.forTransferManager(settings, size);
              return new Managed(client, S3TransferManager.builder().s3Client(client).build());
            })
        .manager();
  }

  /**
   * Waits for the transfer; a failure of the progress listener (or a cancelled group) that stopped
   * it is thrown as it is, else the transfer's own failure.
   */
  private static void join(
      CompletableFuture<?> done,
      String operation,
      URI uri,
      String request,
      ProgressBridge bridge,
      long bytes)
      throws IOException {
    try {
      S3Errors.join(done, operation, uri, request, wholeFileWait(bytes));
    } catch (BlobStoreException e) {
      bridge.throwIfStopped();
      throw e;
    }
    bridge.throwIfStopped();
  }

  /**
   * Returns the bound of a whole-file transfer of {@code bytes}: {@link S3Errors#JOIN_WAIT}, plus a
   * second per MiB (a transfer slower than 1 MiB/s is taken for a client that stopped answering).
   */
  static Duration wholeFileWait(long bytes) {
    return S3Errors.JOIN_WAIT.plusSeconds(Math.max(0, bytes) >> 20);
  }

  private static long fileSize(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // the transfer reports it
    }
  }

  private static void verify(Path file, URI uri, BlobInfo info, boolean checksum)
      throws IOException {
    String expected = checksum ? info.crc32c() : null;
    CRC32C crc = new CRC32C();
    long size = 0;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocateDirect(VERIFY_BUFFER);
      int n;
      while ((n = channel.read(buffer.clear())) != -1) {
        size += n;
        if (expected != null) {
          crc.update(buffer.flip());
        }
      }
    }
    if (size != info.size()) {
      throw new BlobStoreException(
          DOWNLOAD,
          uri,
          "the transfer manager wrote " + size + " bytes but the object has " + info.size(),
          null);
    }
    if (expected != null && !expected.equals(Crc32cs.hex(crc))) {
      throw new BlobStoreException(
          DOWNLOAD,
          uri,
          "crc32c mismatch: the object has " + expected + " but the file has " + Crc32cs.hex(crc),
          null);
    }
  }

  /** Tells the store's progress of the manager's, and cancels the transfer when it is cancelled. */
  private static final class ProgressBridge implements TransferListener {
    private final TransferProgress progress;
    private final AtomicReference<@Nullable CompletableFuture<?>> transfer =
        new AtomicReference<>();
    private final AtomicReference<@Nullable Throwable> stop = new AtomicReference<>();
    private long reported; // guarded by this

    ProgressBridge(TransferProgress progress) {
      this.progress = progress;
    }

    void attach(CompletableFuture<?> done) {
      transfer.set(done);
      if (progress.isCancelled()) {
        done.cancel(true);
      }
    }

    @Override
    public void bytesTransferred(Context.BytesTransferred context) {
      long now = context.progressSnapshot().transferredBytes();
      long delta;
      synchronized (this) {
        delta = Math.max(0, now - reported);
        reported = Math.max(reported, now);
      }
      try {
        progress.advance(delta);
      } catch (TransferCancelledException | RuntimeException | Error e) {
        // a cancelled group, or the listener failed
        stop.compareAndSet(null, e);
        CompletableFuture<?> done = transfer.get();
        if (done != null) {
          done.cancel(true);
        }
      }
    }

    /** Throws what stopped the transfer from the progress side, if anything did. */
    void throwIfStopped() throws IOException {
      Throwable e = stop.get();
      if (e instanceof TransferCancelledException) {
        throw (TransferCancelledException) e;
      } else if (e instanceof RuntimeException) {
        throw (RuntimeException) e;
      } else if (e instanceof Error) {
        throw (Error) e;
      }
    }
  }
}
