package dev.ferry.jmh.dataframe;

import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.ReadOptions;
import dev.ferry.blob.WriteOptions;
import dev.ferry.blob.file.FileBlobStore;
import dev.ferry.dataframe.parquet.ArrowParquetReader;
import dev.ferry.dataframe.parquet.ArrowParquetWriter;
import dev.ferry.dataframe.parquet.ParquetOptions;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parquet write and read of {@link DataframeData}'s rows through the file store with Ferry's
 * defaults (SNAPPY, dictionary with fallback, 128 MiB row groups, batches of 65,536 rows), against
 * the floor: the same batches as an Arrow IPC stream through the same store. jmh/dataframe-bench.sh
 * adds pyarrow's Parquet write and read of the same rows and prints the ratios ({@link
 * DataframeReport}).
 *
 * <p>Each operation moves the whole file (10 million rows by default), so the mode is single-shot.
 * Arrow's memory module needs {@code --add-opens=java.base/java.nio=...}, as in the module's tests.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Xms4g",
      "-Xmx4g",
      "-XX:+UseParallelGC",
      "--add-opens=java.base/java.nio=ALL-UNNAMED"
    })
@State(Scope.Benchmark)
public class DataframeBenchmark {
  /** Rows in the file. */
  @Param("10000000")
  public int rows;

  private BufferAllocator allocator;
  private List<VectorSchemaRoot> batches;
  private Path dir;
  private final FileBlobStore store = new FileBlobStore();
  private URI parquetIn;
  private URI parquetOut;
  private URI ipcIn;
  private URI ipcOut;

  /** Makes the rows and the files the read benchmarks read, and checks both read back whole. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    allocator = new RootAllocator();
    batches = DataframeData.batches(allocator, rows);
    dir =
        Files.createDirectories(
            Path.of(System.getProperty("ferry.bench.dir", "jmh/target/dataframe")));
    parquetIn = dir.resolve("ferry-in.parquet").toUri();
    parquetOut = dir.resolve("ferry-out.parquet").toUri();
    ipcIn = dir.resolve("in.arrows").toUri();
    ipcOut = dir.resolve("out.arrows").toUri();
    writeParquet(parquetIn);
    writeIpc(ipcIn);
    check("parquet", readParquet(parquetIn));
    check("ipc", readIpc(ipcIn));
  }

  private void check(String what, long read) {
    if (read != rows) {
      throw new IllegalStateException(what + " read " + read + " rows of " + rows);
    }
  }

  /** Frees the rows. */
  @TearDown(Level.Trial)
  public void tearDown() {
    batches.forEach(VectorSchemaRoot::close);
    allocator.close();
  }

  /** Ferry: the batches to a Parquet file. */
  @Benchmark
  public void parquetWrite() throws IOException {
    writeParquet(parquetOut);
  }

  /** Ferry: the Parquet file to batches; returns a checksum of the rows. */
  @Benchmark
  public long parquetRead() throws IOException {
    return readParquet(parquetIn);
  }

  /** The floor: the batches to an Arrow IPC stream. */
  @Benchmark
  public void ipcWrite() throws IOException {
    writeIpc(ipcOut);
  }

  /** The floor: the Arrow IPC stream to batches; returns the row count. */
  @Benchmark
  public long ipcRead() throws IOException {
    return readIpc(ipcIn);
  }

  private void writeParquet(URI uri) throws IOException {
    try (ArrowParquetWriter w =
        ArrowParquetWriter.open(DataframeData.SCHEMA, store, uri, ParquetOptions.defaults())) {
      for (VectorSchemaRoot b : batches) {
        w.write(b);
      }
      w.commit();
    }
  }

  private long readParquet(URI uri) throws IOException {
    long n = 0;
    try (ArrowParquetReader r =
        ArrowParquetReader.open(store, uri, allocator, List.of(), DataframeData.BATCH)) {
      while (r.loadNextBatch()) {
        n += r.getVectorSchemaRoot().getRowCount();
      }
    }
    return n;
  }

  private void writeIpc(URI uri) throws IOException {
    try (BlobOutputStream out = store.create(uri, WriteOptions.defaults())) {
      // the IPC writer closes its channel, and closing a blob stream before commit() discards it
      DataframeData.writeIpc(batches, allocator, new KeepOpen(out));
      out.commit();
    }
  }

  private long readIpc(URI uri) throws IOException {
    long n = 0;
    try (InputStream in = store.open(uri, ReadOptions.defaults());
        ArrowStreamReader r = new ArrowStreamReader(in, allocator)) {
      while (r.loadNextBatch()) {
        n += r.getVectorSchemaRoot().getRowCount();
      }
    }
    return n;
  }

  /** Passes bytes through to a blob stream but not its close, which the caller commits. */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
