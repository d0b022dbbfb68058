package dev.ferry.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.memory.MemoryBlobStore;
import dev.ferry.dataframe.parquet.ArrowParquetWriter;
import dev.ferry.dataframe.parquet.ColumnExecution;
import dev.ferry.dataframe.parquet.ParquetOptions;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeRef;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The allocator and column executor of {@link DataframeSettings} are the ones the readers and
 * writers use, nothing stays allocated after a read is closed, and the defaults are bounded.
 */
class DataframeSettingsTest {
  private static final int ROWS = 20_000;

  record Row(long id, double price, String name) {}

  private final MemoryBlobStore store = new MemoryBlobStore();
  private final BufferAllocator allocator = new RootAllocator();
  private final ExecutorService pool =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "caller-pool");
            t.setDaemon(true);
            return t;
          });
  private final AtomicInteger submitted = new AtomicInteger();
  private final Executor counting =
      r -> {
        submitted.incrementAndGet();
        pool.execute(r);
      };

  @AfterEach
  void close() {
    pool.shutdownNow();
    allocator.close(); // throws if a read left memory behind
  }

  @Test
  void defaults_areBoundedByTheCores() {
    DataframeSettings d = DataframeSettings.defaults();
    assertThat(d.allocator()).isNull();
    assertThat(d.columnExecutor()).isNull();
    assertThat(d.columnParallelism())
        .isBetween(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    assertThat(d.memoryLimit()).isEqualTo(Runtime.getRuntime().maxMemory());
    assertThat(ParquetOptions.defaults().columnExecution().parallelism())
        .isEqualTo(d.columnParallelism());
  }

  @Test
  void of_contextWithSettings_returnsThem() {
    DataframeSettings s = DataframeSettings.defaults().withAllocator(allocator);
    assertThat(DataframeSettings.of(TransformContext.defaults().with(DataframeSettings.class, s)))
        .isSameAs(s);
    assertThat(DataframeSettings.of(TransformContext.defaults()))
        .isSameAs(DataframeSettings.defaults());
  }

  @Test
  void withColumnParallelism_belowOne_throws() {
    assertThatThrownBy(() -> DataframeSettings.defaults().withColumnParallelism(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column parallelism must be at least 1");
  }

  @Test
  void arrowReader_allocatesFromTheGivenAllocator_andReturnsAllOnClose() throws IOException {
    URI dir = writeParquet();
    DataframeSettings s = DataframeSettings.defaults().withAllocator(allocator);
    long rows = 0;
    try (ArrowReader r = decode(ArrowDecoders.reader(StructuredDataset.PARQUET), dir, s)) {
      while (r.loadNextBatch()) {
        rows += r.getVectorSchemaRoot().getRowCount();
        assertThat(allocator.getAllocatedMemory()).isPositive();
      }
    }
    assertThat(rows).isEqualTo(ROWS);
    assertThat(allocator.getAllocatedMemory()).isZero();
    assertThat(allocator.getChildAllocators()).isEmpty();
  }

  @Test
  void table_allocatesFromTheGivenAllocator_andReturnsAllOnClose() throws IOException {
    URI dir = writeParquet();
    DataframeSettings s = DataframeSettings.defaults().withAllocator(allocator);
    try (VectorSchemaRoot t = decode(ArrowDecoders.table(StructuredDataset.PARQUET), dir, s)) {
      assertThat(t.getRowCount()).isEqualTo(ROWS);
      assertThat(allocator.getAllocatedMemory()).isPositive();
      assertThat(allocator.getChildAllocators()).isEmpty(); // the batches' memory is returned
    }
    assertThat(allocator.getAllocatedMemory()).isZero();
  }

  @Test
  void ipcRows_allocateFromTheGivenAllocator_andReturnAllOnClose() throws IOException {
    URI dir = URI.create("memory://bucket/ipc");
    DataframeSettings s = DataframeSettings.defaults().withAllocator(allocator);
    IpcHandlers.ROWS_ENCODER.encode(
        rows(), new DatasetLocation(store, dir, new TypeRef<List<Row>>() {}, s));
    assertThat(allocator.getAllocatedMemory()).isZero();
    DatasetReader<Row> reader =
        DatasetReader.of(
            store, dir, dev.ferry.dataframe.parquet.RowSchema.of(Row.class), "arrow", s);
    try (DatasetReader.Rows<Row> it = reader.rows()) {
      assertThat(it.next()).isEqualTo(new Row(0, 0.5, "n0"));
      assertThat(allocator.getAllocatedMemory()).isPositive();
    }
    assertThat(allocator.getAllocatedMemory()).isZero();
    assertThat(reader.all()).hasSize(ROWS);
    assertThat(allocator.getChildAllocators()).isEmpty();
  }

  @Test
  void parquetRead_decodesColumnsOnTheGivenExecutor() throws IOException {
    URI dir = writeParquet();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Executor recording =
        r ->
            counting.execute(
                () -> {
                  threads.add(Thread.currentThread().getName());
                  r.run();
                });
    DataframeSettings s =
        DataframeSettings.defaults().withAllocator(allocator).withColumnExecutor(recording, 3);
    try (VectorSchemaRoot t = decode(ArrowDecoders.table(StructuredDataset.PARQUET), dir, s)) {
      assertThat(((BigIntVector) t.getVector("id")).get(ROWS - 1)).isEqualTo(ROWS - 1);
    }
    assertThat(submitted.get()).isPositive();
    assertThat(threads).containsExactly("caller-pool");
  }

  @Test
  void parquetRead_parallelismOne_submitsNothing() throws IOException {
    URI dir = writeParquet();
    DataframeSettings s =
        DataframeSettings.defaults().withAllocator(allocator).withColumnExecutor(counting, 1);
    try (VectorSchemaRoot t = decode(ArrowDecoders.table(StructuredDataset.PARQUET), dir, s)) {
      assertThat(t.getRowCount()).isEqualTo(ROWS);
    }
    assertThat(submitted.get()).isZero();
  }

  @Test
  void parquetRead_executorThatNeverRuns_stillCompletesOnTheCallersThread() throws IOException {
    URI dir = writeParquet();
    List<Runnable> dropped = new ArrayList<>();
    DataframeSettings s =
        DataframeSettings.defaults().withAllocator(allocator).withColumnExecutor(dropped::add, 2);
    try (VectorSchemaRoot t = decode(ArrowDecoders.table(StructuredDataset.PARQUET), dir, s)) {
      assertThat(((Float8Vector) t.getVector("price")).get(7)).isEqualTo(7.5);
    }
    assertThat(dropped).isNotEmpty();
  }

  @Test
  void parquetWrite_encodesColumnsOnTheGivenExecutor() throws IOException {
    try (VectorSchemaRoot root =
        VectorSchemaRoot.of(new BigIntVector("a", allocator), new BigIntVector("b", allocator))) {
      for (int j = 0; j < 2; j++) {
        BigIntVector v = (BigIntVector) root.getVector(j);
        v.allocateNew(ROWS);
        for (int i = 0; i < ROWS; i++) {
          v.set(i, i * (j + 1L));
        }
        v.setValueCount(ROWS);
      }
      root.setRowCount(ROWS);
      ParquetOptions options =
          ParquetOptions.defaults().withColumnExecution(ColumnExecution.of(counting, 2));
      try (ArrowParquetWriter w =
          ArrowParquetWriter.open(
              root.getSchema(), store, URI.create("memory://bucket/w/00000"), options)) {
        w.write(root);
      }
    }
    assertThat(submitted.get()).isPositive();
  }

  private <T> T decode(DatasetDecoder<T> decoder, URI dir, DataframeSettings s) throws IOException {
    return decoder.decode(new DatasetLocation(store, dir, TypeRef.of(Object.class), s));
  }

  private URI writeParquet() throws IOException {
    URI dir = URI.create("memory://bucket/pq");
    ParquetHandlers.ROWS_ENCODER.encode(
        rows(), new DatasetLocation(store, dir, new TypeRef<List<Row>>() {}));
    return dir;
  }

  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      rows.add(new Row(i, i + 0.5, "n" + (i % 100)));
    }
    return rows;
  }
}
