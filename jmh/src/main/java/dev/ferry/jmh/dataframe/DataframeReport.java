package dev.ferry.jmh.dataframe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the dataframe benchmark's table and ratios from the JMH result file of {@link
 * DataframeBenchmark} and, when pyarrow ran, the JSON of jmh/dataframe_bench.py: Ferry/pyarrow for
 * write (target 1.3) and read (target 2.0), Ferry/pyarrow for a write followed by an fsync (what
 * the file store does on commit, so like for like), and Ferry/Arrow IPC (the floor).
 *
 * <pre>java -cp jmh/target/benchmarks.jar dev.ferry.jmh.dataframe.DataframeReport results.json
 * [pyarrow.json]</pre>
 */
public final class DataframeReport {
  private DataframeReport() {}

  /** Prints the report of the files named by the arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: DataframeReport <jmh results.json> [pyarrow.json]");
      System.exit(2);
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode jmh = json.readTree(Path.of(args[0]).toFile());
    JsonNode py = null;
    if (args.length == 2 && Files.isRegularFile(Path.of(args[1]))) {
      py = json.readTree(Path.of(args[1]).toFile());
    }
    print(jmh, py, System.out);
  }

  static void print(JsonNode jmh, JsonNode py, PrintStream out) {
    Map<String, double[]> ms = new LinkedHashMap<>();
    String rows = "";
    for (JsonNode b : jmh) {
      String name = b.path("benchmark").asText();
      if (!name.contains("DataframeBenchmark.")) {
        continue;
      }
      String method = name.substring(name.lastIndexOf('.') + 1);
      JsonNode m = b.path("primaryMetric");
      double f = "s/op".equals(m.path("scoreUnit").asText()) ? 1000 : 1;
      ms.put(
          method,
          new double[] {m.path("score").asDouble() * f, m.path("scoreError").asDouble() * f});
      rows = b.path("params").path("rows").asText(rows);
    }
    out.printf(
        Locale.ROOT, "Dataframe: %s rows of (int64, double, 16-char string), SNAPPY%n", rows);
    out.printf(Locale.ROOT, "%-36s %12s%n", "", "ms/op");
    line(out, "Ferry Parquet write", ms.get("parquetWrite"));
    line(out, "Ferry Parquet read", ms.get("parquetRead"));
    line(out, "Arrow IPC write (floor)", ms.get("ipcWrite"));
    line(out, "Arrow IPC read (floor)", ms.get("ipcRead"));
    double pyWrite = Double.NaN;
    double pyRead = Double.NaN;
    if (py != null) {
      pyWrite = py.path("write_ms").asDouble();
      pyRead = py.path("read_ms").asDouble();
      out.printf(
          Locale.ROOT, "pyarrow %s (%s):%n", py.path("pyarrow").asText(), py.path("note").asText());
      line(out, "pyarrow Parquet write", new double[] {pyWrite, py.path("write_sd").asDouble()});
      if (py.has("write_fsync_ms")) {
        line(
            out,
            "pyarrow Parquet write + fsync",
            new double[] {
              py.path("write_fsync_ms").asDouble(), py.path("write_fsync_sd").asDouble()
            });
      }
      line(out, "pyarrow Parquet read", new double[] {pyRead, py.path("read_sd").asDouble()});
      line(
          out,
          "pyarrow Parquet read, 1 thread",
          new double[] {
            py.path("read_1thread_ms").asDouble(), py.path("read_1thread_sd").asDouble()
          });
    } else {
      out.println("pyarrow: not measured (no venv with pyarrow)");
    }
    out.println();
    out.println("Ratios (lower is better)");
    ratio(out, "Ferry / pyarrow, write", score(ms, "parquetWrite"), pyWrite, 1.3);
    if (py != null && py.has("write_fsync_ms")) {
      ratio(
          out,
          "Ferry / pyarrow + fsync, write",
          score(ms, "parquetWrite"),
          py.path("write_fsync_ms").asDouble(),
          0);
    }
    ratio(out, "Ferry / pyarrow, read", score(ms, "parquetRead"), pyRead, 2.0);
    if (py != null) {
      ratio(
          out,
          "Ferry / pyarrow 1 thread, read",
          score(ms, "parquetRead"),
          py.path("read_1thread_ms").asDouble(),
          0);
    }
    ratio(out, "Ferry / Arrow IPC, write", score(ms, "parquetWrite"), score(ms, "ipcWrite"), 0);
    ratio(out, "Ferry / Arrow IPC, read", score(ms, "parquetRead"), score(ms, "ipcRead"), 0);
  }

  private static double score(Map<String, double[]> ms, String method) {
    double[] s = ms.get(method);
    return s == null ? Double.NaN : s[0];
  }

  private static void line(PrintStream out, String label, double[] s) {
    if (s == null) {
      out.printf(Locale.ROOT, "%-36s %12s%n", label, "-");
    } else {
      out.printf(Locale.ROOT, "%-36s %12.0f  ± %.0f%n", label, s[0], s[1]);
    }
  }

  private static void ratio(PrintStream out, String label, double a, double b, double target) {
    if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
      out.printf(Locale.ROOT, "%-36s %8s%n", label, "-");
      return;
    }
    double r = a / b;
    String verdict =
        target == 0
            ? ""
            : String.format(
                Locale.ROOT, "  target %.1f: %s", target, r <= target ? "met" : "MISSED");
    out.printf(Locale.ROOT, "%-36s %8.2f%s%n", label, r, verdict);
  }
}
