package dev.ferry.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.blob.BlobOutputStream;
import dev.ferry.dataframe.ArrowBatches;
import dev.ferry.dataframe.StructuredDataset;
import dev.ferry.dataframe.parquet.DecimalColumn;
import dev.ferry.engine.OffloadPolicy;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.transformers.blob.DataPlane;
import dev.ferry.transformers.blob.FlyteFile;
import dev.ferry.transformers.blob.LiteralOffloading;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's files block ("Files, directories and large literals") and dataset block
 * ("Dataframes"), compiled and run on the embedded default (a local data plane in a temp
 * directory), with what each line claims checked afterwards; {@code DocSnippetsTest} checks the
 * README shows them as they are here.
 */
class FilesAndDatasetsSnippetsTest {
  @TempDir Path tmp;

  private final TypeEngine engine = TypeEngine.createDefault();

  /** Rows seen by {@link #consume}, by what was consumed: records, or the Arrow columns. */
  private final Map<String, Long> consumed = new TreeMap<>();

  /** A model that writes itself, for the files block. */
  record Model(byte[] weights) {
    void writeTo(OutputStream out) throws IOException {
      out.write(weights);
    }
  }

  private void consume(List<?> batch) {
    consumed.merge("records", (long) batch.size(), Long::sum);
  }

  private void consume(VectorSchemaRoot root) {
    String columns = root.getSchema().getFields().stream().map(Field::getName).toList().toString();
    consumed.merge("arrow " + columns, (long) root.getRowCount(), Long::sum);
  }

  @Test
  void readme_files() throws Exception {
    Path root = tmp.resolve("ferry");
    Path reportCsv = Files.writeString(tmp.resolve("report.csv"), "sku,qty\nA-1,3\n");
    Model model = new Model(new byte[] {7, 8, 9});
    List<Long> rows = LongStream.range(0, 1_000).boxed().toList();
    TypeRef<List<Long>> type = new TypeRef<>() {};
    Map<String, String> env = Map.of("_F_L_MIN_SIZE_MB", "0"); // offload anything: it is tested

    // snippet:begin readme-files
    DataPlane plane = DataPlane.local(root); // the embedded default; close() it when done
    TransformContext ctx = plane.attach(TransformContext.at("outputs"));
    Literal report = engine.toLiteral(FlyteFile.of(reportCsv), TypeRef.of(FlyteFile.class), ctx);

    FlyteFile back = engine.toJava(report, TypeRef.of(FlyteFile.class), ctx); // a lazy handle
    byte[] head;
    try (InputStream in = back.open()) { // streams, no download
      head = in.readNBytes(3);
    }
    Path local = back.path(); // downloads once; a file:// one is used in place

    FlyteFile fresh = FlyteFile.create(plane, "model.bin"); // a new remote file
    fresh.write(out -> model.writeTo(out)); // committed if it returns
    FlyteFile other = FlyteFile.create(plane, "model-2.bin");
    try (BlobOutputStream out = other.openWrite()) { // or explicitly; close alone discards
      model.writeTo(out);
      out.commit();
    }

    OffloadPolicy policy = OffloadPolicy.fromEnvironment(env); // env: System.getenv() in a pod
    Literal big = LiteralOffloading.toLiteral(rows, type, engine, ctx, policy);
    // snippet:end readme-files
    try {
      String uploaded = report.getScalar().getBlob().getUri();
      assertThat(uploaded).startsWith(plane.rawOutputPrefix().toString()).endsWith("report.csv");
      assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("sku");
      assertThat(Files.readString(local)).isEqualTo("sku,qty\nA-1,3\n");
      assertThat(back.path()).isEqualTo(local);
      assertThat(local).isEqualTo(Path.of(java.net.URI.create(uploaded))); // the store's file
      for (FlyteFile f : List.of(fresh, other)) {
        try (InputStream in = f.open()) {
          assertThat(in.readAllBytes()).as("%s", f.uri()).containsExactly(7, 8, 9);
        }
      }
      assertThat(big.hasOffloadedMetadata()).as("offloaded: %s", big).isTrue();
      assertThat(big.getHash()).isNotEmpty();
      assertThat(engine.toJava(big, type, ctx)).isEqualTo(rows);
    } finally {
      plane.close();
    }
  }

  @Test
  void readme_datasets() throws Exception {
    int n = 2_500;
    try (DataPlane plane = DataPlane.local(tmp.resolve("ferry"));
        BufferAllocator allocator = new RootAllocator()) {
      TransformContext ctx = plane.attach(TransformContext.at("outputs.trades"));

      // snippet:begin readme-datasets
      record Venue(String mic, String city) {}
      record Trade(
          String symbol,
          long quantity,
          @DecimalColumn(precision = 12, scale = 2) BigDecimal price,
          Instant at,
          List<String> tags,
          Venue venue,
          @Nullable String note) {}
      record Price(String symbol, BigDecimal price) {}
      // snippet:end readme-datasets

      Instant start = Instant.parse("2026-11-21T09:30:00Z");
      List<Trade> trades = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        trades.add(
            new Trade(
                "S" + (i % 5),
                i + 1,
                BigDecimal.valueOf(100 * i + 25, 2),
                start.plusSeconds(i),
                List.of("t" + (i % 3)),
                new Venue("XNYS", "New York"),
                i % 2 == 0 ? null : "note " + i));
      }

      // snippet:begin readme-datasets-read
      TypeRef<StructuredDataset> sd = TypeRef.of(StructuredDataset.class);
      Literal out = engine.toLiteral(StructuredDataset.of(trades, Trade.class), sd, ctx);
      StructuredDataset in = engine.toJava(out, sd, ctx);
      List<Price> prices = in.open(Price.class).all(); // two columns fetched and decoded
      long quantity = 0;
      try (var rows = in.open(Trade.class).rows()) { // streamed, one row group in memory
        while (rows.hasNext()) {
          quantity += rows.next().quantity();
        }
      }
      try (var batches = in.open(Trade.class).batches(1_000)) { // List<Trade> at a time
        while (batches.hasNext()) {
          consume(batches.next());
        }
      }
      try (ArrowBatches b = in.openArrow(allocator, List.of("price"), 65_536)) {
        while (b.loadNextBatch()) {
          consume(b.root());
        }
      }
      try (ArrowReader r = in.read(new TypeRef<ArrowReader>() {})) { // every file, streamed
        while (r.loadNextBatch()) {
          consume(r.getVectorSchemaRoot());
        }
      }
      try (VectorSchemaRoot all = in.read(new TypeRef<VectorSchemaRoot>() {})) { // one root
        consume(all);
      }
      // snippet:end readme-datasets-read

      assertThat(out.getScalar().getStructuredDataset().getUri())
          .startsWith(plane.rawOutputPrefix().toString());
      assertThat(prices).hasSize(n);
      assertThat(prices.get(7)).isEqualTo(new Price("S2", new BigDecimal("7.25")));
      assertThat(quantity).isEqualTo((long) n * (n + 1) / 2);
      assertThat(in.open(Trade.class).all()).isEqualTo(trades);
      String allColumns = "[symbol, quantity, price, at, tags, venue, note]";
      assertThat(consumed)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "records", (long) n, "arrow [price]", (long) n, "arrow " + allColumns, 2L * n));
    }
  }
}
