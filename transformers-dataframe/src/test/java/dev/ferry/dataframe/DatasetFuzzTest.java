package dev.ferry.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.ferry.blob.file.FileBlobStore;
import dev.ferry.blob.memory.MemoryBlobStore;
import dev.ferry.dataframe.parquet.RowSchema;
import dev.ferry.engine.FerryException;
import dev.ferry.engine.TypeRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupted Parquet files and Arrow IPC streams, read as datasets (rows, and a whole Arrow table),
 * give only Ferry's exceptions, leave nothing allocated, and allocate (Arrow memory and heap) no
 * more than a bounded multiple of the file's size. Valid files written by Ferry are mutated by bit
 * flips, truncations and edits of length fields (the Parquet footer length, Arrow message and body
 * lengths, any 4- or 8-byte word) with a fixed seed ({@code -Dferry.fuzz.seed=...} to change it;
 * the seed and the case are printed with every failure) for at most 4,000 cases ({@code
 * -Dferry.fuzz.cases=...}) or {@value #BUDGET_SECONDS} seconds per format.
 */
class DatasetFuzzTest {
  static final long SEED = Long.getLong("ferry.fuzz.seed", 20261204L);
  static final int CASES = Integer.getInteger("ferry.fuzz.cases", 4000);
  static final int BUDGET_SECONDS = 20;

  /** Arrow memory may reach this multiple of the file's size, plus {@link #ARROW_SLACK}. */
  static final long ARROW_FACTOR = 64;

  static final long ARROW_SLACK = 8L << 20;

  /** Heap allocated by one read may reach this multiple of the file's size, plus the slack. */
  static final long HEAP_FACTOR = 256;

  static final long HEAP_SLACK = 64L << 20;

  record Row(
      long id, int n, double x, String s, boolean b, Optional<Long> maybe, @Nullable String note) {}

  private final MemoryBlobStore seedStore = new MemoryBlobStore();
  private final FileBlobStore store = new FileBlobStore();
  @TempDir Path tmp;

  @Test
  void corruptParquet_onlyFerryExceptions_boundedMemory() throws IOException {
    fuzz(StructuredDataset.PARQUET);
  }

  @Test
  void corruptArrowStream_onlyFerryExceptions_boundedMemory() throws IOException {
    fuzz(StructuredDataset.ARROW);
  }

  private void fuzz(String format) throws IOException {
    List<byte[]> seeds = seeds(format, SEED);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    Map<String, Integer> outcomes = new TreeMap<>();
    Map<String, Integer> first = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    long deadline = System.nanoTime() + BUDGET_SECONDS * 1_000_000_000L;
    int cases = Integer.getInteger("ferry.fuzz.from", 0);
    for (; cases < CASES && System.nanoTime() < deadline && failures.size() < 5; cases++) {
      Random r = new Random(SEED * 1_000_003L + cases);
      byte[] original = seeds.get(r.nextInt(seeds.size()));
      StringBuilder what = new StringBuilder();
      byte[] bytes = mutate(original, r, format, what);
      Path folder = tmp.resolve(format + "-" + cases);
      Path file = folder.resolve("00000");
      Files.createDirectories(folder);
      Files.write(file, bytes);
      URI dir = folder.toUri();
      String label =
          "seed "
              + SEED
              + " case "
              + cases
              + " ("
              + format
              + ", "
              + what
              + ", "
              + bytes.length
              + " bytes)";
      try (BufferAllocator allocator = new RootAllocator()) {
        DataframeSettings settings =
            DataframeSettings.defaults().withAllocator(allocator).withColumnParallelism(1);
        long heapBefore = threads.getThreadAllocatedBytes(thread);
        String outcome = read(format, dir, settings);
        long heap = threads.getThreadAllocatedBytes(thread) - heapBefore;
        outcomes.merge(outcome, 1, Integer::sum);
        first.putIfAbsent(outcome, cases);
        if (!outcome.startsWith("ok") && !outcome.startsWith("ferry")) {
          failures.add(label + ": " + outcome);
        }
        long peak = allocator.getPeakMemoryAllocation();
        if (peak > ARROW_FACTOR * bytes.length + ARROW_SLACK) {
          failures.add(label + ": Arrow memory peaked at " + peak + " bytes");
        }
        if (heap > HEAP_FACTOR * bytes.length + HEAP_SLACK) {
          failures.add(label + ": " + heap + " bytes of heap allocated by the read");
        }
        if (allocator.getAllocatedMemory() != 0) {
          failures.add(label + ": " + allocator.getAllocatedMemory() + " bytes left allocated");
        }
      } catch (IllegalStateException leak) {
        failures.add(label + ": closing the allocator: " + leak.getMessage());
      } finally {
        Files.delete(file);
      }
    }
    System.out.println(
        "DatasetFuzzTest "
            + format
            + ": seed "
            + SEED
            + ", "
            + cases
            + " cases: "
            + outcomes
            + "; first case of each: "
            + first);
    if (!failures.isEmpty()) {
      fail(
          failures.size()
              + " failures (rerun with -Dferry.fuzz.seed="
              + SEED
              + "):\n"
              + String.join("\n\n", failures));
    }
    assertThat(cases - Integer.getInteger("ferry.fuzz.from", 0))
        .as("cases run in %d s", BUDGET_SECONDS)
        .isGreaterThanOrEqualTo(Math.min(200, CASES - Integer.getInteger("ferry.fuzz.from", 0)));
    // a single case: -Dferry.fuzz.seed=S -Dferry.fuzz.from=N -Dferry.fuzz.cases=N+1
    assertThat(outcomes.keySet())
        .as("some mutations must be caught")
        .anyMatch(k -> k.startsWith("ferry"));
  }

  @Test
  void parquetErrorPathsThatNeedHadoop_areDataErrors_withoutHadoop() throws IOException {
    // Some corrupt chunks (more page values than the footer says) send parquet-java down an error
    // path that creates a Hadoop Path, which is not on the class path; the reader must report the
    // corrupt row group instead. The case numbers move whenever the seed files' bytes change, so
    // the first such case of seed 7 is searched for rather than pinned.
    List<byte[]> seeds = seeds(StructuredDataset.PARQUET, 7);
    Throwable found = null;
    int n = 0;
    for (; n < 20_000 && found == null; n++) {
      Throwable t = replay(StructuredDataset.PARQUET, seeds, 7, n);
      if (t != null && rootCause(t) instanceof ClassNotFoundException) {
        found = t;
      }
    }
    assertThat(found).as("a case of seed 7 reaching parquet-java's Hadoop path").isNotNull();
    assertThat(found)
        .as("case %d", n - 1)
        .isInstanceOf(CorruptDatasetException.class)
        .hasMessageContaining("cannot be decoded")
        .hasRootCauseInstanceOf(ClassNotFoundException.class);
    assertThat(found)
        .isInstanceOfSatisfying(
            CorruptDatasetException.class, e -> assertThat(e.where()).startsWith("row group "));
  }

  private static Throwable rootCause(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r;
  }

  @Test
  void arrowMessageLengthPastTheFile_failsBeforeAllocating() throws IOException {
    byte[] stream = seeds(StructuredDataset.ARROW, SEED).get(0);
    putInt(stream, 4, 0x7FFFFFF0); // the schema message's length, after the continuation marker
    Path folder = tmp.resolve("long-message");
    Path file = folder.resolve("00000");
    Files.createDirectories(folder);
    Files.write(file, stream);
    try (BufferAllocator allocator = new RootAllocator()) {
      DataframeSettings settings = DataframeSettings.defaults().withAllocator(allocator);
      assertThatThrownBy(
              () ->
                  DatasetReader.of(
                          store,
                          folder.toUri(),
                          RowSchema.of(Row.class),
                          StructuredDataset.ARROW,
                          settings)
                      .all())
          .isInstanceOf(CorruptDatasetException.class)
          .hasMessage(
              "expected a readable arrow file but was '"
                  + file.toUri()
                  + "' whose message at byte 4 cannot be decoded (a message of 2147483632 bytes"
                  + " where "
                  + (stream.length - 8)
                  + " are left) at <root>");
      assertThat(allocator.getPeakMemoryAllocation()).isZero();
    }
  }

  @Test
  void parquetFooterLengthPastTheFile_isADataErrorNamingTheFooter() throws IOException {
    byte[] parquet = seeds(StructuredDataset.PARQUET, SEED).get(0);
    putInt(parquet, parquet.length - 8, 0x7FFFFFF0);
    Path folder = tmp.resolve("long-footer");
    Path file = folder.resolve("00000");
    Files.createDirectories(folder);
    Files.write(file, parquet);
    assertThatThrownBy(
            () ->
                DatasetReader.of(
                        store,
                        folder.toUri(),
                        RowSchema.of(Row.class),
                        StructuredDataset.PARQUET,
                        DataframeSettings.defaults())
                    .all())
        .isInstanceOf(CorruptDatasetException.class)
        .hasMessageStartingWith(
            "expected a readable parquet file but was '" + file.toUri() + "' whose footer");
  }

  /** Replays case {@code n} of the fuzz with {@code seed}; returns what the read threw. */
  private @Nullable Throwable replay(String format, long seed, int n) throws IOException {
    return replay(format, seeds(format, seed), seed, n);
  }

  /** Replays case {@code n} of the fuzz with {@code seed} over its seed files {@code seeds}. */
  private @Nullable Throwable replay(String format, List<byte[]> seeds, long seed, int n)
      throws IOException {
    Random r = new Random(seed * 1_000_003L + n);
    byte[] bytes = mutate(seeds.get(r.nextInt(seeds.size())), r, format, new StringBuilder());
    Path folder = tmp.resolve("replay-" + n);
    Path file = folder.resolve("00000");
    Files.createDirectories(folder);
    Files.write(file, bytes);
    try {
      DatasetReader.of(
              store,
              folder.toUri(),
              RowSchema.of(Row.class),
              format,
              DataframeSettings.defaults().withColumnParallelism(1))
          .all();
      return null;
    } catch (RuntimeException | IOException e) {
      return e;
    }
  }

  /** Reads the dataset as rows and as a table; returns what happened. */
  private String read(String format, URI dir, DataframeSettings settings) {
    try {
      List<Row> rows =
          DatasetReader.of(store, dir, RowSchema.of(Row.class), format, settings).all();
      try (VectorSchemaRoot table =
          ArrowDecoders.table(format)
              .decode(new DatasetLocation(store, dir, TypeRef.of(Object.class), settings))) {
        return "ok " + (rows.size() == table.getRowCount() ? "same" : "differ");
      }
    } catch (FerryException e) {
      if (Boolean.getBoolean("ferry.fuzz.verbose")) {
        e.printStackTrace(System.out);
      }
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof LinkageError) {
          return "ferry " + e.getClass().getSimpleName() + " from " + c;
        }
      }
      return "ferry " + e.getClass().getSimpleName();
    } catch (Throwable t) {
      if (t instanceof VirtualMachineError e && !(e instanceof OutOfMemoryError)) {
        throw e;
      }
      StringWriter s = new StringWriter();
      t.printStackTrace(new PrintWriter(s));
      return "escaped " + s;
    }
  }

  private static byte[] mutate(byte[] in, Random r, String format, StringBuilder what) {
    byte[] b = in.clone();
    switch (r.nextInt(5)) {
      case 0 -> {
        int flips = 1 + r.nextInt(8);
        what.append(flips).append(" bit flips at");
        for (int i = 0; i < flips; i++) {
          int at = r.nextInt(b.length);
          b[at] ^= (byte) (1 << r.nextInt(8));
          what.append(' ').append(at);
        }
      }
      case 1 -> {
        int len = r.nextInt(b.length);
        what.append("truncated to ").append(len);
        return java.util.Arrays.copyOf(b, len);
      }
      case 2 -> {
        int at = r.nextInt(b.length - 3);
        int v = extreme(r, b.length);
        what.append("int ").append(v).append(" at ").append(at);
        putInt(b, at, v);
      }
      case 3 -> {
        // a length field: the Parquet footer length, or an Arrow message length (8-aligned)
        int at =
            format.equals(StructuredDataset.PARQUET)
                ? b.length - 8
                : Math.min(b.length - 4, 8 * r.nextInt(b.length / 8));
        int v = extreme(r, b.length);
        what.append("length ").append(v).append(" at ").append(at);
        putInt(b, at, v);
      }
      default -> {
        // a 64-bit field such as an Arrow body length or buffer offset, or a Parquet offset
        int at = 8 * r.nextInt(Math.max(1, (b.length - 8) / 8));
        long v =
            switch (r.nextInt(4)) {
              case 0 -> -1L;
              case 1 -> Long.MAX_VALUE;
              case 2 -> 3_300_000_000_000_000L;
              default -> r.nextLong();
            };
        what.append("long ").append(v).append(" at ").append(at);
        for (int i = 0; i < 8 && at + i < b.length; i++) {
          b[at + i] = (byte) (v >>> (8 * i));
        }
      }
    }
    return b;
  }

  private static int extreme(Random r, int length) {
    return switch (r.nextInt(8)) {
      case 0 -> 0;
      case 1 -> -1;
      case 2 -> Integer.MAX_VALUE;
      case 3 -> Integer.MIN_VALUE;
      case 4 -> length;
      case 5 -> length + 1 + r.nextInt(1000);
      case 6 -> 0x7FFFFFF0;
      default -> r.nextInt();
    };
  }

  private static void putInt(byte[] b, int at, int v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }

  /** Returns valid files of {@code format} written by Ferry's built-in encoders. */
  private List<byte[]> seeds(String format, long seed) throws IOException {
    List<byte[]> out = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    Random r = new Random(seed);
    for (int i = 0; i < 700; i++) {
      rows.add(
          new Row(
              i,
              r.nextInt(5),
              i * 0.25,
              "s" + (i % 13),
              i % 3 == 0,
              i % 4 == 0 ? Optional.empty() : Optional.of((long) i * i),
              i % 5 == 0 ? null : "note " + r.nextInt(1000)));
    }
    URI rowsDir = URI.create("memory://seeds/" + format + "/rows");
    DatasetLocation rowsAt = new DatasetLocation(seedStore, rowsDir, new TypeRef<List<Row>>() {});
    URI arrowDir = URI.create("memory://seeds/" + format + "/arrow");
    if (format.equals(StructuredDataset.PARQUET)) {
      ParquetHandlers.ROWS_ENCODER.encode(rows, rowsAt);
    } else {
      IpcHandlers.ROWS_ENCODER.encode(rows, rowsAt);
    }
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = arrowBatch(allocator)) {
      DatasetLocation at =
          new DatasetLocation(seedStore, arrowDir, TypeRef.of(VectorSchemaRoot.class));
      if (format.equals(StructuredDataset.PARQUET)) {
        ParquetHandlers.ARROW_ENCODER.encode(root, at);
      } else {
        IpcHandlers.ARROW_ENCODER.encode(root, at);
      }
    }
    for (URI dir : List.of(rowsDir, arrowDir)) {
      try (InputStream in = seedStore.open(URI.create(dir + "/00000"))) {
        out.add(in.readAllBytes());
      }
    }
    return out;
  }

  /** Returns a batch of the columns of {@link Row} with nulls where the record allows them. */
  private static VectorSchemaRoot arrowBatch(BufferAllocator allocator) {
    BigIntVector id = new BigIntVector("id", allocator);
    Float8Vector x = new Float8Vector("x", allocator);
    VarCharVector s = new VarCharVector("s", allocator);
    BitVector b = new BitVector("b", allocator);
    VectorSchemaRoot root = VectorSchemaRoot.of(id, x, s, b);
    int n = 300;
    root.allocateNew();
    for (int i = 0; i < n; i++) {
      id.setSafe(i, i * 7L);
      if (i % 6 != 0) {
        x.setSafe(i, i / 3.0);
      }
      s.setSafe(i, ("v" + (i % 9)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      b.setSafe(i, i & 1);
    }
    root.setRowCount(n);
    return root;
  }
}
