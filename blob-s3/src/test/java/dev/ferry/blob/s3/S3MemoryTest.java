package dev.ferry.blob.s3;

import static dev.ferry.blob.s3.S3StreamingTests.MIB;
import static dev.ferry.blob.s3.S3StreamingTests.hexCrc;
import static dev.ferry.blob.s3.S3StreamingTests.random;
import static dev.ferry.blob.s3.S3StreamingTests.writeInChunks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.WriteOptions;
import dev.ferry.blob.testing.S3MockServer;
import dev.ferry.blob.testing.S3StoreExtension;
import dev.ferry.testdata.IntegrationTest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The s3 store's memory: part sizes that grow with the bytes written, one part memory shared by all
 * writes of a store, a clear error where a configuration cannot fit, and blocks that G1 never
 * treats as humongous, checked in a JVM with the default collector and a pod's heap.
 */
@IntegrationTest
class S3MemoryTest {
  @RegisterExtension
  static final S3StoreExtension s3 =
      S3StoreExtension.on(S3MockServer::shared).withSettings(s -> s.withPartMemory(10L * MIB));

  @Test
  void partSize_startsAtTheFirstSize_doublesEvery625Parts() {
    assertThat(MultipartUpload.partSize(8 * MIB, 1)).isEqualTo(8 * MIB);
    assertThat(MultipartUpload.partSize(8 * MIB, 625)).isEqualTo(8 * MIB);
    assertThat(MultipartUpload.partSize(8 * MIB, 626)).isEqualTo(16 * MIB);
    assertThat(MultipartUpload.partSize(8 * MIB, 1251)).isEqualTo(32 * MIB);
    assertThat(MultipartUpload.partSize(8 * MIB, 10_000)).isEqualTo(1024 * MIB);
    assertThat(MultipartUpload.partSize(1536 * MIB, 1)).isEqualTo(1536 * MIB); // never shrinks
  }

  @Test
  void partSize_tenThousandPartsCoverFiveTebibytes_fromTheSmallestStart() {
    long covered = 0;
    for (int n = 1; n <= MultipartUpload.MAX_PARTS; n++) {
      covered += MultipartUpload.partSize(WriteOptions.MIN_PART_SIZE, n);
    }

    assertThat(covered).isGreaterThanOrEqualTo(5L << 40);
  }

  @Test
  void defaults_firstPartIs8MiB() {
    assertThat(WriteOptions.defaults().partSize()).isEqualTo(8 * MIB);
  }

  @Test
  void reserve_partLargerThanTheWholeMemory_clearError() {
    PartMemory memory = new PartMemory(10L * MIB);
    URI uri = URI.create("s3://bucket/big.bin");

    assertThatThrownBy(() -> memory.reserve(16L * MIB, Duration.ofSeconds(1), "write", uri, 0))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage(
            "write s3://bucket/big.bin failed: after 0 MiB written, the next part needs 16 MiB,"
                + " more than the store's whole part memory of 10 MiB: raise s3.part-memory-mib"
                + " (S3Settings.withPartMemory), or start with smaller parts");
    assertThat(memory.reserved()).isZero();
  }

  @Test
  void reserve_memoryStaysInUse_failsAfterTheWait() throws IOException {
    PartMemory memory = new PartMemory(10L * MIB);
    URI uri = URI.create("s3://bucket/waits.bin");
    memory.reserve(8L * MIB, Duration.ofSeconds(1), "write", uri, 0);

    assertThatThrownBy(() -> memory.reserve(5L * MIB, Duration.ofMillis(200), "write", uri, 0))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage(
            "write s3://bucket/waits.bin failed: no part memory within 0 s: 8 MiB of the store's"
                + " 10 MiB (s3.part-memory-mib) stayed in use by other parts");
    memory.release(8L * MIB);
    assertThat(memory.reserved()).isZero();
  }

  @Test
  void create_partLargerThanTheStoresMemory_clearErrorNoUpload() throws IOException {
    URI uri = s3.uri("too-big-part.bin");
    BlobOutputStream out = s3.store().create(uri, WriteOptions.defaults().withPartSize(16 * MIB));

    assertThatThrownBy(() -> out.write(new byte[10]))
        .isInstanceOf(BlobStoreException.class)
        .hasMessageContaining(
            "the next part needs 16 MiB, more than the store's whole part memory");
    out.abort();
    assertThat(s3.store().exists(uri)).isFalse();
    assertThat(s3.store().partMemory().reserved()).isZero();
  }

  @Test
  void concurrentWrites_shareTheStoresPartMemory() throws Exception {
    // 10 MiB of part memory: two parts of 5 MiB at once, for four writes of four parts each,
    // each of which alone would keep 3 parts in flight
    int writes = 4;
    List<byte[]> data = new ArrayList<>();
    List<URI> uris = new ArrayList<>();
    for (int i = 0; i < writes; i++) {
      data.add(random(4 * 5 * MIB + 17, 40 + i));
      uris.add(s3.uri("shared-" + i + ".bin"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(writes);
    try {
      List<Future<BlobInfo>> done = new ArrayList<>();
      for (int i = 0; i < writes; i++) {
        int n = i;
        done.add(
            pool.submit(
                () -> {
                  BlobOutputStream out =
                      s3.store()
                          .create(
                              uris.get(n),
                              WriteOptions.defaults().withPartSize(5 * MIB).withConcurrency(3));
                  writeInChunks(out, data.get(n), 300_000);
                  out.commit();
                  return out.info();
                }));
      }
      for (int i = 0; i < writes; i++) {
        assertThat(done.get(i).get(2, TimeUnit.MINUTES).crc32c()).isEqualTo(hexCrc(data.get(i)));
      }
    } finally {
      pool.shutdownNow();
    }

    PartMemory memory = s3.store().partMemory();
    assertThat(memory.peakReserved()).isLessThanOrEqualTo(10L * MIB).isGreaterThan(5L * MIB);
    assertThat(memory.reserved()).isZero();
  }

  @Test
  void store_partMemoryBeyondHalfTheHeap_refused() {
    long heap = Runtime.getRuntime().maxMemory();
    S3Settings settings = s3.server().settings().withPartMemory(heap);

    assertThatThrownBy(() -> new S3BlobStore(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the s3 part memory of ")
        .hasMessageContaining("(s3.part-memory-mib) does not fit this JVM: at most half of the ");
  }

  @Test
  void blocks_belowHalfOfG1sSmallestRegion() {
    // G1's regions are 1 MiB at the least; an object of half a region or more is humongous
    assertThat(PartBuffers.BLOCK_SIZE).isLessThan(512 * 1024);
    HotSpotDiagnosticMXBean hotspot =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    assertThat(hotspot.getVMOption("UseG1GC").getValue()).isEqualTo("true"); // surefire's argLine
    long region = Long.parseLong(hotspot.getVMOption("G1HeapRegionSize").getValue());
    assertThat((long) PartBuffers.BLOCK_SIZE).isLessThan(region / 2);
  }

  @Test
  void upload300MiB_withTheDefaults_fitsA192MiBHeapUnderG1() throws Exception {
    URI uri = s3.uri("pod-sized.bin");
    long size = 300L * MIB + 123;
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx192m",
            "-XX:+UseG1GC",
            "-XX:+ExitOnOutOfMemoryError",
            "-cp",
            System.getProperty("java.class.path"),
            DefaultsUpload.class.getName(),
            s3.server().endpoint().toString(),
            s3.server().accessKeyId(),
            s3.server().secretAccessKey(),
            uri.toString(),
            Long.toString(size));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output;
    try {
      output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the upload finished").isTrue();
    } finally {
      p.destroyForcibly();
    }

    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("uploaded " + size + " bytes");
    assertThat(s3.store().stat(uri).orElseThrow().size()).isEqualTo(size);
  }
}
