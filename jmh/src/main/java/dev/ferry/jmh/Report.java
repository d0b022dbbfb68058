package dev.ferry.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the comparison tables of a JMH JSON result file ({@code -rf json}): per dataset, the time
 * and (with {@code -prof gc}) the allocation per operation of every implementation, then the ratios
 * the project tracks against their targets.
 *
 * <pre>java -cp jmh/target/benchmarks.jar dev.ferry.jmh.Report jmh/target/results.json</pre>
 *
 * Benchmark methods are named {@code encode<Impl>} and {@code decode<Impl>}.
 */
public final class Report {
  /** Implementations in display order: method suffix and label. */
  private static final String[][] IMPLEMENTATIONS = {
    {"Tree", "(a) Ferry tree API"},
    {"Streaming", "(b) Ferry streaming"},
    {"Builders", "(c) protobuf builders"},
    {"Floor", "(d) floor (hand-written)"},
    {"MsgpackCore", "(e) msgpack-core alone"},
    {"Jackson", "(f) jackson-msgpack"},
  };

  /** Tracked ratios: numerator, denominator, target (0 for information only). */
  private static final Object[][] RATIOS = {
    {"Tree", "Builders", 1.25},
    {"Streaming", "Floor", 2.0},
    {"Streaming", "Builders", 0.0},
    {"Tree", "Streaming", 0.0},
    {"Builders", "Floor", 0.0},
    {"Floor", "MsgpackCore", 0.0},
    {"Streaming", "MsgpackCore", 0.0},
    {"Jackson", "MsgpackCore", 0.0},
  };

  /**
   * The Python SDK's cost for the same datasets (WIRE.md, measured on the same machine kind, not in
   * this run): class, size, encode ms, decode ms.
   */
  private static final Object[][] PYTHON = {
    {"LongListBenchmark", "1000000", "List[int] of 1,000,000", 10_400.0, 37_900.0},
    {"RecordListBenchmark", "100000", "List[dataclass] of 100,000", 1_350.0, 5_500.0},
  };

  private static final String ALLOC = "gc.alloc.rate.norm";

  private Report() {}

  /** One measured benchmark. */
  private record Score(double ms, double error, double allocBytes) {}

  /** Prints the tables of the result file given as the only argument. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: Report <jmh results.json>");
      System.exit(2);
    }
    JsonNode root = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    print(root, System.out);
  }

  /** Prints the tables of a parsed result file. */
  static void print(JsonNode root, PrintStream out) {
    // dataset (class + params) -> operation -> implementation -> score
    Map<String, Map<String, Map<String, Score>>> datasets = new LinkedHashMap<>();
    Map<String, String> classOf = new LinkedHashMap<>();
    Map<String, String> sizeOf = new LinkedHashMap<>();
    String jvm = "";
    for (JsonNode b : root) {
      String benchmark = b.path("benchmark").asText();
      String cls = benchmark.substring(0, benchmark.lastIndexOf('.'));
      cls = cls.substring(cls.lastIndexOf('.') + 1);
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      String op;
      if (method.startsWith("encode")) {
        op = "encode";
      } else if (method.startsWith("decode")) {
        op = "decode";
      } else {
        continue;
      }
      String impl = method.substring(op.length());
      Map<String, String> params = new TreeMap<>();
      b.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
      String key = params.isEmpty() ? cls : cls + " " + params;
      classOf.put(key, cls);
      sizeOf.put(key, params.getOrDefault("size", ""));
      JsonNode primary = b.path("primaryMetric");
      double factor = toMillis(primary.path("scoreUnit").asText());
      JsonNode alloc = b.path("secondaryMetrics").path(ALLOC);
      Score score =
          new Score(
              primary.path("score").asDouble() * factor,
              primary.path("scoreError").asDouble() * factor,
              alloc.isMissingNode() ? Double.NaN : alloc.path("score").asDouble());
      datasets
          .computeIfAbsent(key, k -> new LinkedHashMap<>())
          .computeIfAbsent(op, k -> new LinkedHashMap<>())
          .put(impl, score);
      jvm =
          b.path("jvm").asText()
              + " "
              + b.path("vmVersion").asText()
              + ", "
              + String.join(" ", textList(b.path("jvmArgs")));
    }
    out.println("JVM: " + jvm);
    for (Map.Entry<String, Map<String, Map<String, Score>>> d : datasets.entrySet()) {
      out.println();
      printDataset(d.getKey(), classOf.get(d.getKey()), sizeOf.get(d.getKey()), d.getValue(), out);
    }
  }

  private static List<String> textList(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asText()));
    return list;
  }

  private static double toMillis(String unit) {
    switch (unit) {
      case "s/op":
        return 1000.0;
      case "ms/op":
        return 1.0;
      case "us/op":
        return 1e-3;
      case "ns/op":
        return 1e-6;
      default:
        throw new IllegalArgumentException("unsupported score unit " + unit + " (use -bm avgt)");
    }
  }

  private static void printDataset(
      String title, String cls, String size, Map<String, Map<String, Score>> ops, PrintStream out) {
    Map<String, Score> enc = ops.getOrDefault("encode", Map.of());
    Map<String, Score> dec = ops.getOrDefault("decode", Map.of());
    boolean alloc =
        enc.values().stream().anyMatch(s -> !Double.isNaN(s.allocBytes()))
            || dec.values().stream().anyMatch(s -> !Double.isNaN(s.allocBytes()));
    out.println("== " + title + " ==");
    String header =
        String.format(
            Locale.ROOT, "%-26s %22s %22s", "implementation", "encode ms/op", "decode ms/op");
    if (alloc) {
      header += String.format(Locale.ROOT, " %14s %14s", "encode MB/op", "decode MB/op");
    }
    out.println(header);
    for (String[] impl : IMPLEMENTATIONS) {
      Score e = enc.get(impl[0]);
      Score d = dec.get(impl[0]);
      if (e == null && d == null) {
        continue;
      }
      String line = String.format(Locale.ROOT, "%-26s %22s %22s", impl[1], time(e), time(d));
      if (alloc) {
        line += String.format(Locale.ROOT, " %14s %14s", megabytes(e), megabytes(d));
      }
      out.println(line);
    }
    out.println();
    out.println(
        String.format(
            Locale.ROOT,
            "%-26s %9s %9s   %-8s %s",
            "ratio",
            "encode",
            "decode",
            "target",
            "verdict"));
    for (Object[] r : RATIOS) {
      String num = (String) r[0];
      String den = (String) r[1];
      double target = (Double) r[2];
      double re = ratio(enc, num, den);
      double rd = ratio(dec, num, den);
      if (Double.isNaN(re) && Double.isNaN(rd)) {
        continue;
      }
      String name = label(num) + " / " + label(den);
      String targetText = target > 0 ? String.format(Locale.ROOT, "<= %.2fx", target) : "info";
      out.println(
          String.format(
              Locale.ROOT,
              "%-26s %9s %9s   %-8s %s",
              name,
              times(re),
              times(rd),
              targetText,
              target > 0 ? verdict(re, rd, target) : ""));
    }
    for (Object[] p : PYTHON) {
      if (p[0].equals(cls) && p[1].equals(size)) {
        Score se = enc.get("Streaming");
        Score sd = dec.get("Streaming");
        if (se != null && sd != null) {
          out.println();
          out.println(
              String.format(
                  Locale.ROOT,
                  "Python SDK 1.16, %s (WIRE.md, not this run): encode %.2f s, decode %.1f s"
                      + " = %.0fx / %.0fx Ferry streaming",
                  p[2],
                  (Double) p[3] / 1000,
                  (Double) p[4] / 1000,
                  (Double) p[3] / se.ms(),
                  (Double) p[4] / sd.ms()));
        }
      }
    }
  }

  private static String label(String impl) {
    switch (impl) {
      case "MsgpackCore":
        return "msgpack-core";
      default:
        return impl.toLowerCase(Locale.ROOT);
    }
  }

  private static double ratio(Map<String, Score> scores, String num, String den) {
    Score n = scores.get(num);
    Score d = scores.get(den);
    return n == null || d == null ? Double.NaN : n.ms() / d.ms();
  }

  private static String verdict(double encode, double decode, double target) {
    List<String> parts = new ArrayList<>();
    parts.add(verdict("encode", encode, target));
    parts.add(verdict("decode", decode, target));
    parts.removeIf(String::isEmpty);
    return String.join(", ", parts);
  }

  private static String verdict(String op, double ratio, double target) {
    if (Double.isNaN(ratio)) {
      return "";
    }
    if (ratio <= target) {
      return op + " ok";
    }
    return String.format(
        Locale.ROOT,
        "%s MISSED by %.2fx (%.0f%% over)",
        op,
        ratio / target,
        (ratio / target - 1) * 100);
  }

  private static String time(Score s) {
    if (s == null) {
      return "-";
    }
    if (Double.isNaN(s.error())) {
      return String.format(Locale.ROOT, "%.2f", s.ms());
    }
    return String.format(Locale.ROOT, "%.2f ± %.2f", s.ms(), s.error());
  }

  private static String megabytes(Score s) {
    if (s == null || Double.isNaN(s.allocBytes())) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.1f", s.allocBytes() / (1024 * 1024));
  }

  private static String times(double ratio) {
    return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2fx", ratio);
  }
}
