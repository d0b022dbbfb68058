package dev.ferry.dataframe.demo;

import dev.ferry.dataframe.StructuredDataset;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.transformers.blob.DataPlane;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * The dataframe part of the main job on the embedded default: a task output of 100,000 trades
 * becomes a {@code StructuredDataset} literal, its rows written as Parquet under the local raw
 * output prefix; the literal goes to {@code outputs.pb}; the next task reads it back, once as a
 * smaller record (two of four columns fetched and decoded) and once as Arrow batches, and checks
 * both against what was written.
 */
public final class DatasetDemo {
  /** A row as the producing task has it. */
  public record Trade(String symbol, long quantity, double price, Instant at) {}

  /** The two columns the consuming task reads. */
  public record Price(String symbol, double price) {}

  private static final int ROWS = 100_000;

  private DatasetDemo() {}

  /** Writes the dataset under {@code ferry-data/} and {@code outputs.pb}, then reads both back. */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "ferry-data").toAbsolutePath();
    Path outputs = root.resolve("outputs.pb");
    boolean ok;
    try (DataPlane plane = DataPlane.local(root)) {
      ok = roundTrip(plane, outputs);
    }
    if (!ok) {
      System.err.println("dataset round trip FAILED");
      System.exit(1);
    }
    System.out.println("dataset round trip OK");
  }

  /** Writes the dataset through {@code plane}, reads it back and returns whether it matched. */
  private static boolean roundTrip(DataPlane plane, Path outputs) throws IOException {
    TypeEngine engine = TypeEngine.createDefault();
    TypeRef<StructuredDataset> type = TypeRef.of(StructuredDataset.class);

    List<Trade> trades = new ArrayList<>(ROWS);
    String[] symbols = {"ACME", "FERRY", "FLYTE", "ARROW", "DUCK"};
    Instant start = Instant.parse("2026-11-21T09:30:00Z");
    double written = 0;
    for (int i = 0; i < ROWS; i++) {
      double price = 100 + (i % 997) / 8.0;
      written += price;
      trades.add(new Trade(symbols[i % symbols.length], i % 50 + 1, price, start.plusMillis(i)));
    }

    TransformContext out = plane.attach(TransformContext.at("outputs.trades"));
    Literal literal = engine.toLiteral(StructuredDataset.of(trades, Trade.class), type, out);
    try (OutputStream o = Files.newOutputStream(outputs)) {
      LiteralMap.newBuilder().putLiterals("trades", literal).build().writeTo(o);
    }
    String uri = literal.getScalar().getStructuredDataset().getUri();
    System.out.println("wrote " + ROWS + " trades as Parquet to " + uri);

    LiteralMap read;
    try (InputStream in = Files.newInputStream(outputs)) {
      read = LiteralMap.parseFrom(in);
    }
    TransformContext next = plane.attach(TransformContext.at("inputs.trades"));
    StructuredDataset dataset = engine.toJava(read.getLiteralsOrThrow("trades"), type, next);

    List<Price> prices = dataset.open(Price.class).all();
    double sum = 0;
    for (Price p : prices) {
      sum += p.price();
    }
    long arrowRows = 0;
    try (ArrowReader batches = dataset.read(new TypeRef<ArrowReader>() {})) {
      while (batches.loadNextBatch()) {
        arrowRows += batches.getVectorSchemaRoot().getRowCount();
      }
    }
    boolean ok =
        prices.size() == ROWS
            && sum == written
            && prices.get(7).equals(new Price(trades.get(7).symbol(), trades.get(7).price()))
            && arrowRows == ROWS;
    System.out.println(
        "  read "
            + prices.size()
            + " rows as Price (symbol, price): sum of prices "
            + sum
            + (sum == written ? "" : " but " + written + " was written"));
    System.out.println("  read " + arrowRows + " rows as Arrow batches");
    return ok;
  }
}
