package dev.ferry.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.memory.MemoryBlobStore;
import dev.ferry.dataframe.parquet.ParquetOptions;
import dev.ferry.dataframe.parquet.ParquetRows;
import dev.ferry.dataframe.parquet.RowSchema;
import dev.ferry.dataframe.parquet.RowWriter;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetWriterTest {
  record Row(long id, String label) {}

  private static final URI DIR = URI.create("memory://data/rows");
  private final MemoryBlobStore store = new MemoryBlobStore();

  private DatasetWriter<Row> splitEvery1024Rows() throws IOException {
    return DatasetWriter.open(RowSchema.of(Row.class), store, DIR, ParquetOptions.defaults(), 1);
  }

  @Test
  void commit_afterRollovers_publishesEveryFile() throws IOException {
    try (DatasetWriter<Row> w = splitEvery1024Rows()) {
      for (int i = 0; i < 3000; i++) {
        w.write(new Row(i, "r" + i));
      }
      w.commit();
      w.commit(); // a second commit does nothing
    }

    assertThat(store.list(DIR))
        .extracting(BlobInfo::uri)
        .containsExactly(
            URI.create(DIR + "/00000"), URI.create(DIR + "/00001"), URI.create(DIR + "/00002"));
    assertThat(ParquetRows.read(RowSchema.of(Row.class), store, URI.create(DIR + "/00002")).size())
        .isEqualTo(3000 - 2048);
  }

  @Test
  void close_withoutCommit_afterRollovers_deletesTheCommittedFiles() throws IOException {
    DatasetWriter<Row> w = splitEvery1024Rows();
    for (int i = 0; i < 3000; i++) {
      w.write(new Row(i, "r" + i));
    }
    assertThat(store.list(DIR)).hasSize(2); // 00000 and 00001 committed, 00002 open

    w.close();

    assertThat(store.list(DIR)).isEmpty();
    assertThat(store.size()).isZero();
    assertThatThrownBy(w::commit)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the writer was aborted");
  }

  @Test
  void tryWithResources_rowSourceThrows_leavesNothing() {
    assertThatThrownBy(
            () -> {
              try (DatasetWriter<Row> w = splitEvery1024Rows()) {
                for (int i = 0; i < 3000; i++) {
                  if (i == 2500) {
                    throw new IllegalStateException("source failed at row 2500");
                  }
                  w.write(new Row(i, "r" + i));
                }
                w.commit();
              }
            })
        .hasMessage("source failed at row 2500");

    assertThat(store.size()).isZero();
  }

  @Test
  void rowWriter_closeWithoutCommit_leavesNothing() throws IOException {
    URI file = URI.create(DIR + "/00000");
    try (RowWriter<Row> w =
        RowWriter.open(RowSchema.of(Row.class), store, file, ParquetOptions.defaults())) {
      for (int i = 0; i < 150_000; i++) {
        w.write(new Row(i, "r" + i));
      }
      // no commit: the loop "failed" here
    }

    assertThat(store.exists(file)).isFalse();
    assertThat(store.size()).isZero();
  }

  @Test
  void rowWriter_commit_writesAWholeFile() throws IOException {
    URI file = URI.create(DIR + "/00000");
    try (RowWriter<Row> w =
        RowWriter.open(RowSchema.of(Row.class), store, file, ParquetOptions.defaults())) {
      w.write(new Row(1, "one"));
      w.commit();
      assertThatThrownBy(() -> w.write(new Row(2, "two")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the writer is committed");
    }

    assertThat(ParquetRows.read(RowSchema.of(Row.class), store, file))
        .isEqualTo(List.of(new Row(1, "one")));
  }
}
