package dev.ferry.dataframe.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.blob.testing.S3MockServer;
import dev.ferry.dataframe.DatasetEncoder;
import dev.ferry.dataframe.DatasetHandlers;
import dev.ferry.dataframe.DatasetLocation;
import dev.ferry.dataframe.StructuredDataset;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.testdata.IntegrationTest;
import dev.ferry.transformers.blob.DataPlane;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A dataset write whose row source throws leaves nothing behind, at every stage (the first row, the
 * middle of the only file, after files were already committed by a rollover, the last row), for
 * both formats and on the memory, file and s3 (S3Mock) stores: nothing is listed under the raw
 * prefix afterwards, and the directory that held committed files reads as not found.
 */
@IntegrationTest
class FailedDatasetWriteTest {
  record Row(long id, String label) {}

  private static final int ROWS = 40_000;

  /** Where the row source throws, and whether the dataset is split into files of ~1 byte. */
  enum Stage {
    FIRST_ROW(0, false),
    MID_FILE(20_000, false),
    AFTER_ROLLOVER(20_000, true),
    LAST_ROW(ROWS - 1, true);

    final int failAt;
    final boolean split;

    Stage(int failAt, boolean split) {
      this.failAt = failAt;
      this.split = split;
    }
  }

  private static final String BUCKET = "ferry-failed-writes";
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static @Nullable BlobStores s3Stores;

  @TempDir Path tmp;
  private final TypeEngine engine = TypeEngine.createDefault();
  private final TypeRef<StructuredDataset> type = TypeRef.of(StructuredDataset.class);

  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String format : List.of("parquet", "arrow")) {
      for (String store : List.of("memory", "file", "s3")) {
        for (Stage stage : Stage.values()) {
          out.add(Arguments.of(format, store, stage));
        }
      }
    }
    return out;
  }

  private static synchronized BlobStores s3Stores() {
    if (s3Stores == null) {
      S3MockServer server = S3MockServer.shared();
      server.createBucket(BUCKET);
      s3Stores = server.stores();
    }
    return s3Stores;
  }

  @AfterAll
  static synchronized void closeS3() throws IOException {
    if (s3Stores != null) {
      s3Stores.close();
      s3Stores = null;
    }
  }

  @ParameterizedTest(name = "{0} on {1}, row source fails at {2}")
  @MethodSource("cases")
  void toLiteral_rowSourceThrows_leavesNothing(String format, String storeName, Stage stage)
      throws Exception {
    BlobStores stores =
        storeName.equals("s3")
            ? s3Stores()
            : BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()));
    URI raw =
        switch (storeName) {
          case "memory" -> URI.create("memory://raw/failed-" + RUNS.incrementAndGet());
          case "s3" -> URI.create("s3://" + BUCKET + "/raw/" + RUNS.incrementAndGet());
          default -> tmp.resolve("raw").toUri();
        };
    TransformContext ctx =
        DataPlane.of(stores, raw, tmp.resolve("dl")).attach(TransformContext.at("outputs.o0"));
    BlobStore store = stores.forUri(raw);
    List<URI> atFailure = new ArrayList<>();
    List<Row> source = failingAt(stage.failAt, () -> atFailure.addAll(uris(store.list(raw))));
    StructuredDataset rows = StructuredDataset.of(source, Row.class).withFormat(format);
    if (stage.split) {
      rows = rows.withMaxFileBytes(1);
    }
    StructuredDataset toWrite = rows;

    assertThatThrownBy(() -> engine.toLiteral(toWrite, type, ctx))
        .hasStackTraceContaining("row source failed at row " + stage.failAt);

    if (stage.split) { // files were committed before the failure: the test would see them stay
      assertThat(atFailure).isNotEmpty();
    }
    assertThat(store.list(raw)).isEmpty();
    if (storeName.equals("file") && Files.exists(tmp.resolve("raw"))) { // nor a temp file
      try (Stream<Path> files = Files.walk(tmp.resolve("raw"))) {
        assertThat(files.filter(Files::isRegularFile)).isEmpty();
      }
    }
    if (!atFailure.isEmpty()) {
      String first = atFailure.get(0).toString();
      URI dir = URI.create(first.substring(0, first.lastIndexOf('/')));
      assertThat(store.list(dir)).isEmpty();
      StructuredDataset gone =
          engine.toJava(engine.toLiteral(StructuredDataset.of(dir, format), type, ctx), type, ctx);
      assertThatThrownBy(() -> gone.open(Row.class).all())
          .isInstanceOf(FileNotFoundException.class)
          .hasMessageContaining("no data files under dataset " + dir);
    }
  }

  record Sheet(int rows) {}

  /** Writes two committed files, then fails, as a third-party encoder might. */
  private static final DatasetEncoder<Sheet> FAILING_SHEETS =
      new DatasetEncoder<>() {
        @Override
        public Class<Sheet> type() {
          return Sheet.class;
        }

        @Override
        public String format() {
          return "sheet";
        }

        @Override
        public void encode(Sheet value, DatasetLocation target) throws IOException {
          target.store().write(target.file(0), out -> out.write(new byte[value.rows()]));
          target.store().write(target.file(1), out -> out.write(new byte[value.rows()]));
          throw new IOException("sheet export failed after two files");
        }
      };

  @ParameterizedTest(name = "on {0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"memory", "file"})
  void toLiteral_thirdPartyEncoderFailsAfterCommittingFiles_filesRemoved(String storeName)
      throws Exception {
    BlobStores stores = BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of()));
    URI raw =
        storeName.equals("memory")
            ? URI.create("memory://raw/sheets-" + RUNS.incrementAndGet())
            : tmp.resolve("raw").toUri();
    TransformContext ctx =
        DataPlane.of(stores, raw, tmp.resolve("dl")).attach(TransformContext.at("outputs.o0"));
    DatasetHandlers handlers = DatasetHandlers.builder().add(FAILING_SHEETS).build();
    StructuredDataset sheet =
        StructuredDataset.of(new Sheet(10), TypeRef.of(Sheet.class), "sheet", handlers);

    assertThatThrownBy(() -> engine.toLiteral(sheet, type, ctx))
        .hasStackTraceContaining("sheet export failed after two files");

    assertThat(stores.forUri(raw).list(raw)).isEmpty();
  }

  /**
   * Returns {@value #ROWS} rows whose source throws when asked for row {@code failAt}, after
   * running {@code beforeFailing}.
   */
  private static List<Row> failingAt(int failAt, IoAction beforeFailing) {
    return new AbstractList<>() {
      @Override
      public Row get(int index) {
        if (index == failAt) {
          try {
            beforeFailing.run();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          throw new IllegalStateException("row source failed at row " + failAt);
        }
        return new Row(index, "label " + index);
      }

      @Override
      public int size() {
        return ROWS;
      }
    };
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private static List<URI> uris(List<BlobInfo> infos) {
    return infos.stream().map(BlobInfo::uri).toList();
  }
}
