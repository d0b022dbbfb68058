package dev.ferry.jmh.dataframe;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The dataframe benchmarks' data: rows of (int64, double, 16-character ASCII string) from a fixed
 * seed, nullable columns without nulls (as pandas frames arrive), in Arrow batches of {@link
 * #BATCH} rows. {@link #main} writes the same rows as an Arrow IPC stream for the pyarrow script.
 */
public final class DataframeData {
  /** Rows per Arrow batch. */
  public static final int BATCH = 65_536;

  /** The schema: id int64, value double, name utf8. */
  public static final Schema SCHEMA =
      new Schema(
          List.of(
              new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null),
              new Field(
                  "value",
                  FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                  null),
              new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

  private static final byte[] LETTERS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
          .getBytes(StandardCharsets.US_ASCII);

  private DataframeData() {}

  /** Returns {@code rows} rows in batches of {@link #BATCH}; the caller closes them. */
  public static List<VectorSchemaRoot> batches(BufferAllocator allocator, int rows) {
    SplittableRandom random = new SplittableRandom(0x5EED_DA7AL);
    List<VectorSchemaRoot> out = new ArrayList<>();
    byte[] name = new byte[16];
    for (int start = 0; start < rows; start += BATCH) {
      int n = Math.min(BATCH, rows - start);
      VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
      BigIntVector id = (BigIntVector) root.getVector(0);
      Float8Vector value = (Float8Vector) root.getVector(1);
      VarCharVector names = (VarCharVector) root.getVector(2);
      id.allocateNew(n);
      value.allocateNew(n);
      names.allocateNew(16L * n, n);
      for (int i = 0; i < n; i++) {
        id.set(i, random.nextLong());
        value.set(i, random.nextDouble() * 1e6);
        for (int j = 0; j < name.length; j++) {
          name[j] = LETTERS[random.nextInt(LETTERS.length)];
        }
        names.set(i, name);
      }
      root.setRowCount(n);
      out.add(root);
    }
    return out;
  }

  /** Writes the batches as one Arrow IPC stream to {@code out}. */
  public static void writeIpc(
      List<VectorSchemaRoot> batches, BufferAllocator allocator, OutputStream out)
      throws IOException {
    try (VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
      VectorLoader loader = new VectorLoader(root);
      writer.start();
      for (VectorSchemaRoot b : batches) {
        try (ArrowRecordBatch rb = new VectorUnloader(b).getRecordBatch()) {
          loader.load(rb);
        }
        writer.writeBatch();
      }
      writer.end();
    }
  }

  /** Writes {@code args[1]} rows (default 10,000,000) as an Arrow IPC stream to {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
    try (BufferAllocator allocator = new RootAllocator();
        OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
      List<VectorSchemaRoot> batches = batches(allocator, rows);
      try {
        writeIpc(batches, allocator, out);
      } finally {
        batches.forEach(VectorSchemaRoot::close);
      }
    }
  }
}
