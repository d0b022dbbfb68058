package dev.ferry.jmh.blob;

import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.ReadOptions;
import dev.ferry.blob.WriteOptions;
import dev.ferry.blob.s3.S3BlobStore;
import dev.ferry.blob.s3.S3Clients;
import dev.ferry.blob.s3.S3Settings;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.BlockingOutputStreamAsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedDirectoryUpload;
import software.amazon.awssdk.transfer.s3.model.DownloadRequest;
import software.amazon.awssdk.transfer.s3.model.Upload;

/**
 * One measured transfer in a JVM of its own (see {@link TransferBench}); prints {@code RESULT
 * seconds peakLiveHeapBytes}, where the peak live heap is the largest heap in use after a
 * collection, sampled every 20 ms while the transfer runs.
 */
public final class TransferRun {
  private static final int CHUNK = 1 << 20;

  private TransferRun() {}

  /** Runs {@code variant endpoint key bytes extra}. */
  public static void main(String[] args) throws Exception {
    String variant = args[0];
    URI endpoint = URI.create(args[1]);
    String key = args[2];
    long bytes = Long.parseLong(args[3]);
    String extra = args[4];
    S3Settings settings =
        S3Settings.defaults()
            .withEndpoint(endpoint)
            .withCredentials("foo", "bar")
            .withRetries(5, Duration.ofMillis(50), Duration.ofSeconds(2))
            .withFullObjectChecksum(TransferBench.FULL_OBJECT);
    byte[] chunk = new byte[CHUNK];
    new Random(7).nextBytes(chunk);
    URI uri = URI.create("s3://" + TransferBench.BUCKET + "/" + key);
    WriteOptions write =
        WriteOptions.defaults()
            .withPartSize(TransferBench.PART)
            .withConcurrency(TransferBench.CONCURRENCY)
            .withChecksum(TransferBench.CHECKSUM);
    ReadOptions read =
        ReadOptions.defaults()
            .withChunkSize(TransferBench.PART)
            .withReadAhead(TransferBench.CONCURRENCY);

    try (S3BlobStore store = new S3BlobStore(settings);
        S3AsyncClient plain = S3Clients.create(settings);
        S3AsyncClient multipart = multipartClient(endpoint);
        S3TransferManager tm = S3TransferManager.builder().s3Client(multipart).build()) {
      // warm up: class loading, JIT, connection pools (not timed)
      URI warm = URI.create("s3://" + TransferBench.BUCKET + "/warmup-" + variant);
      try (BlobOutputStream out = store.create(warm, write)) {
        produce(out, chunk, CHUNK);
        out.commit();
      }
      try (InputStream in = store.open(warm, read)) {
        consume(in, CHUNK);
      }
      plain
          .putObject(
              p -> p.bucket(TransferBench.BUCKET).key("warmup-plain"),
              AsyncRequestBody.fromBytes(chunk))
          .join();
      tm.upload(
              u ->
                  u.requestBody(AsyncRequestBody.fromBytes(chunk))
                      .putObjectRequest(p -> p.bucket(TransferBench.BUCKET).key("warmup-tm")))
          .completionFuture()
          .join();

      System.gc();
      AtomicLong peak = new AtomicLong();
      Thread sampler = sampler(peak);
      long start = System.nanoTime();
      transfer(variant, store, plain, tm, uri, key, bytes, extra, chunk, write, read);
      double seconds = (System.nanoTime() - start) / 1e9;
      sampler.interrupt();
      sampler.join();
      System.out.printf(Locale.ROOT, "RESULT %.4f %d%n", seconds, peak.get());
    }
  }

  private static void transfer(
      String variant,
      S3BlobStore store,
      S3AsyncClient plain,
      S3TransferManager tm,
      URI uri,
      String key,
      long bytes,
      String extra,
      byte[] chunk,
      WriteOptions write,
      ReadOptions read)
      throws Exception {
    switch (variant) {
      case "ferry-up" -> {
        try (BlobOutputStream out = store.create(uri, write)) {
          produce(out, chunk, bytes);
          out.commit();
        }
      }
      case "ferry-up-defaults" -> {
        try (BlobOutputStream out = store.create(uri, WriteOptions.defaults())) {
          produce(out, chunk, bytes);
          out.commit();
        }
      }
      case "ferry-down" -> {
        try (InputStream in = store.open(uri, read)) {
          consume(in, bytes);
        }
      }
      case "ferry-dir" -> store.uploadDirectory(Path.of(extra), uri, write.withConcurrency(16));
      case "tm-up" -> {
        BlockingOutputStreamAsyncRequestBody body = AsyncRequestBody.forBlockingOutputStream(bytes);
        Upload upload =
            tm.upload(
                u ->
                    u.requestBody(body)
                        .putObjectRequest(
                            p -> {
                              p.bucket(TransferBench.BUCKET).key(key);
                              if (TransferBench.CHECKSUM) {
                                // the integrity Ferry's parts have: CRC32C, checked by S3
                                p.checksumAlgorithm(ChecksumAlgorithm.CRC32_C);
                              }
                            }));
        try (OutputStream out = body.outputStream()) {
          produce(out, chunk, bytes);
        }
        upload.completionFuture().join();
      }
      case "tm-down" -> {
        ResponseInputStream<GetObjectResponse> in =
            tm.download(
                    DownloadRequest.builder()
                        .getObjectRequest(g -> g.bucket(TransferBench.BUCKET).key(key))
                        .responseTransformer(
                            AsyncResponseTransformer.<GetObjectResponse>toBlockingInputStream())
                        .build())
                .completionFuture()
                .join()
                .result();
        try (in) {
          consume(in, bytes);
        }
      }
      case "tm-dir" -> {
        CompletedDirectoryUpload done =
            tm.uploadDirectory(
                    u -> u.source(Path.of(extra)).bucket(TransferBench.BUCKET).s3Prefix(key))
                .completionFuture()
                .join();
        if (!done.failedTransfers().isEmpty()) {
          throw new IllegalStateException("failed: " + done.failedTransfers());
        }
      }
      case "tempfile-put" -> {
        Path tmp = Files.createTempFile("ferry-bench", ".bin");
        try {
          try (OutputStream out = Files.newOutputStream(tmp)) {
            produce(out, chunk, bytes);
          }
          plain
              .putObject(
                  p -> p.bucket(TransferBench.BUCKET).key(key), AsyncRequestBody.fromFile(tmp))
              .join();
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
      default -> throw new IllegalArgumentException("unknown variant " + variant);
    }
  }

  private static S3AsyncClient multipartClient(URI endpoint) {
    return S3AsyncClient.builder()
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(
            software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("foo", "bar")))
        .multipartEnabled(true)
        .multipartConfiguration(
            m ->
                m.minimumPartSizeInBytes((long) TransferBench.PART)
                    .thresholdInBytes((long) TransferBench.PART))
        .build();
  }

  private static void produce(OutputStream out, byte[] chunk, long bytes) throws Exception {
    long left = bytes;
    while (left > 0) {
      int n = (int) Math.min(chunk.length, left);
      out.write(chunk, 0, n);
      left -= n;
    }
  }

  private static void consume(InputStream in, long expected) throws Exception {
    byte[] buffer = new byte[CHUNK];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      total += n;
    }
    if (total != expected) {
      throw new IllegalStateException("read " + total + " bytes, expected " + expected);
    }
  }

  private static Thread sampler(AtomicLong peak) {
    Thread t =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                long live = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                  if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    live += pool.getCollectionUsage().getUsed();
                  }
                }
                peak.accumulateAndGet(live, Math::max);
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
