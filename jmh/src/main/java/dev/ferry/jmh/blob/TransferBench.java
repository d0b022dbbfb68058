package dev.ferry.jmh.blob;

import dev.ferry.blob.testing.FaultProxy;
import dev.ferry.blob.testing.S3MockServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Transfer benchmarks of the s3 store against the AWS transfer manager and a temp-file + single PUT
 * baseline, on an S3Mock server on loopback, side by side in one run. Each measurement runs in a
 * fresh JVM with a fixed heap and collector ({@code -Xms2g -Xmx2g -XX:+UseParallelGC}) so peak heap
 * is that transfer's alone. Large transfers take seconds, so this is a driver of whole runs rather
 * than a JMH harness.
 *
 * <pre>
 * bash jmh/transfer-bench.sh [sizes in MiB, default 256,1024] [repetitions, default 2]
 * </pre>
 */
public final class TransferBench {
  static final String BUCKET = "bench";
  static final int PART = 16 * 1024 * 1024;
  static final int CONCURRENCY = Integer.getInteger("ferry.bench.concurrency", 8);
  static final boolean FULL_OBJECT =
      Boolean.parseBoolean(System.getProperty("ferry.bench.full-object", "true"));
  static final boolean CHECKSUM =
      Boolean.parseBoolean(System.getProperty("ferry.bench.checksum", "true"));
  static final Set<String> ALL = Set.of("up", "down", "bounded", "slow", "dir", "pod");

  /** The sizes of the {@code pod} scenario, in MiB. */
  static final List<Integer> POD_SIZES_MIB = List.of(1024, 2048);

  private TransferBench() {}

  /** Runs every scenario and prints the table. */
  public static void main(String[] args) throws Exception {
    List<Integer> sizesMib = new ArrayList<>();
    for (String s : (args.length > 0 ? args[0] : "256,1024").split(",")) {
      sizesMib.add(Integer.parseInt(s.trim()));
    }
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Set<String> scenarios = args.length > 2 ? Set.of(args[2].split(",")) : ALL;
    if (!ALL.containsAll(scenarios)) {
      throw new IllegalArgumentException("scenarios are " + ALL + ", not " + scenarios);
    }
    System.out.printf(
        Locale.ROOT,
        "parts of %d MiB, %d in flight, %s; scenarios %s%n",
        PART >> 20,
        CONCURRENCY,
        !CHECKSUM ? "no CRC32C" : FULL_OBJECT ? "full-object CRC32C" : "composite CRC32C",
        scenarios);
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    try (S3MockServer server = S3MockServer.startDedicated()) {
      server.createBucket(BUCKET);
      URI direct = server.endpoint();
      System.out.printf(
          Locale.ROOT, "S3Mock on %s started in %d ms%n", direct, server.startupTime().toMillis());
      for (int mib : sizesMib) {
        long bytes = (long) mib << 20;
        for (int r = 0; r < reps; r++) {
          if (scenarios.contains("up") || scenarios.contains("down")) {
            for (String v : List.of("ferry-up", "tm-up", "tempfile-put")) {
              run(results, v + " " + mib + "MiB", v, direct, "obj-" + mib, bytes, "-");
            }
          }
          if (scenarios.contains("down")) {
            for (String v : List.of("ferry-down", "tm-down")) {
              run(results, v + " " + mib + "MiB", v, direct, "obj-" + mib, bytes, "-");
            }
          }
        }
      }
      long boundMib = (long) PART * (CONCURRENCY + 1) / (1024 * 1024) + 32;
      int largest = sizesMib.get(sizesMib.size() - 1);
      String bounded = "ferry-up " + largest + "MiB in -Xmx" + boundMib + "m";
      if (scenarios.contains("bounded")) {
        bounded(results, bounded, direct, largest, boundMib);
      }
      if (scenarios.contains("pod")) {
        pod(results, direct);
      }
      int slowMib = sizesMib.get(0);
      if (scenarios.contains("slow")) {
        slowLink(results, direct, slowMib, reps);
      }
      if (scenarios.contains("dir")) {
        Path dir = smallFiles(1000, 16 * 1024);
        for (int r = 0; r < reps; r++) {
          for (String v : List.of("ferry-dir", "tm-dir")) {
            run(
                results,
                v + " 1000x16KiB",
                v,
                direct,
                "dir-" + r,
                1000L * 16 * 1024,
                dir.toString());
          }
        }
      }
    }
    print(results);
  }

  private static void bounded(
      Map<String, List<double[]>> results, String bounded, URI direct, int largest, long boundMib)
      throws Exception {
    try {
      run(
          results,
          bounded,
          "ferry-up",
          direct,
          "bounded-" + largest,
          (long) largest << 20,
          "-",
          boundMib + "m");
      System.out.println("  the streaming upload fits the heap bound: " + bounded);
    } catch (IllegalStateException e) {
      System.out.println("  the streaming upload does NOT fit the heap bound: " + e.getMessage());
    }
  }

  /**
   * Streaming uploads with the store's and the write's defaults (8 MiB first parts, the default
   * part memory of a quarter of the heap) in a pod-sized JVM: {@code -Xmx192m} and the JVM's
   * default collector, G1. Throws if one does not complete.
   */
  private static void pod(Map<String, List<double[]>> results, URI direct) throws Exception {
    for (int mib : POD_SIZES_MIB) {
      String label = "ferry-pod-up " + mib + "MiB defaults -Xmx192m G1";
      run(
          results,
          label,
          "ferry-up-defaults",
          direct,
          "pod-" + mib,
          (long) mib << 20,
          "-",
          "192m",
          "-XX:+UseG1GC");
      System.out.println("  completed: " + label);
    }
  }

  private static void slowLink(
      Map<String, List<double[]>> results, URI direct, int slowMib, int reps) throws Exception {
    try (FaultProxy proxy = FaultProxy.start(direct)) {
      proxy.slowLink(Duration.ofMillis(20), 25_000_000L);
      for (int r = 0; r < reps; r++) {
        for (String v : List.of("ferry-up", "tempfile-put")) {
          run(
              results,
              v + " " + slowMib + "MiB slow link",
              v,
              proxy.endpoint(),
              "slow-" + slowMib,
              (long) slowMib << 20,
              "-");
        }
      }
    }
  }

  private static Path smallFiles(int count, int size) throws IOException {
    Path dir = Files.createTempDirectory("ferry-bench-dir");
    Random random = new Random(42);
    byte[] data = new byte[size];
    for (int i = 0; i < count; i++) {
      random.nextBytes(data);
      Path f = dir.resolve("part-" + (i / 100)).resolve(String.format(Locale.ROOT, "f%04d.bin", i));
      Files.createDirectories(f.getParent());
      Files.write(f, data);
    }
    return dir;
  }

  private static void run(
      Map<String, List<double[]>> results,
      String label,
      String variant,
      URI endpoint,
      String key,
      long bytes,
      String extra)
      throws Exception {
    run(results, label, variant, endpoint, key, bytes, extra, "2g", "-XX:+UseParallelGC");
  }

  private static void run(
      Map<String, List<double[]>> results,
      String label,
      String variant,
      URI endpoint,
      String key,
      long bytes,
      String extra,
      String heap)
      throws Exception {
    run(results, label, variant, endpoint, key, bytes, extra, heap, "-XX:+UseParallelGC");
  }

  private static void run(
      Map<String, List<double[]>> results,
      String label,
      String variant,
      URI endpoint,
      String key,
      long bytes,
      String extra,
      String heap,
      String collector)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    String jvmArgs = System.getProperty("ferry.bench.jvm-args", "").trim();
    List<String> extraJvm = jvmArgs.isEmpty() ? List.of() : List.of(jvmArgs.split("\\s+"));
    cmd.add(java);
    cmd.addAll(extraJvm);
    cmd.addAll(
        List.of(
            "-Xms" + heap,
            "-Xmx" + heap,
            collector,
            "-Dferry.bench.concurrency=" + CONCURRENCY,
            "-Dferry.bench.full-object=" + FULL_OBJECT,
            "-Dferry.bench.checksum=" + CHECKSUM,
            "-cp",
            System.getProperty("java.class.path"),
            TransferRun.class.getName(),
            variant,
            endpoint.toString(),
            key,
            Long.toString(bytes),
            extra));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String result = null;
    StringBuilder log = new StringBuilder();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("RESULT ")) {
          result = line;
        } else {
          log.append(line).append('\n');
        }
      }
    }
    int exit = p.waitFor();
    if (exit != 0 || result == null) {
      throw new IllegalStateException(label + " failed (exit " + exit + "):\n" + log);
    }
    String[] parts = result.split(" ");
    double seconds = Double.parseDouble(parts[1]);
    double peakMib = Long.parseLong(parts[2]) / (1024.0 * 1024.0);
    double mbPerS = bytes / 1e6 / seconds;
    results
        .computeIfAbsent(label, k -> new ArrayList<>())
        .add(new double[] {seconds, peakMib, mbPerS});
    System.out.printf(
        Locale.ROOT,
        "%-34s %8.2f s %9.1f MB/s  peak heap %7.1f MiB%n",
        label,
        seconds,
        mbPerS,
        peakMib);
  }

  private static double[] best(Map<String, List<double[]>> results, String label) {
    double[] best = null;
    for (double[] r : results.getOrDefault(label, List.of())) {
      if (best == null || r[0] < best[0]) {
        best = r;
      }
    }
    return best;
  }

  private static void print(Map<String, List<double[]>> results) {
    System.out.println();
    System.out.println("== best of the repetitions ==");
    System.out.printf(
        Locale.ROOT, "%-34s %10s %10s %14s%n", "transfer", "seconds", "MB/s", "peak heap MiB");
    for (String label : results.keySet()) {
      double[] b = best(results, label);
      System.out.printf(Locale.ROOT, "%-34s %10.2f %10.1f %14.1f%n", label, b[0], b[2], b[1]);
    }
    System.out.println();
    System.out.println("== ratios (throughput, higher is better for Ferry) ==");
    long heapBound = (long) PART * (CONCURRENCY + 1) / (1024 * 1024) + 32;
    for (String label : results.keySet()) {
      if (!label.startsWith("ferry-up ")
          && !label.startsWith("ferry-down ")
          && !label.startsWith("ferry-dir ")) {
        continue;
      }
      String rest = label.substring(label.indexOf(' '));
      double[] ferry = best(results, label);
      String kind = label.substring(0, label.indexOf(' '));
      if (kind.equals("ferry-up") && rest.contains("slow")) {
        ratio("ferry / tempfile-put" + rest, ferry, best(results, "tempfile-put" + rest), ">= 3x");
      } else if (kind.equals("ferry-up")) {
        ratio(
            "ferry / transfer manager up" + rest, ferry, best(results, "tm-up" + rest), ">= 0.95x");
        ratio("ferry / tempfile-put" + rest, ferry, best(results, "tempfile-put" + rest), "info");
      } else if (kind.equals("ferry-down")) {
        ratio(
            "ferry / transfer manager down" + rest,
            ferry,
            best(results, "tm-down" + rest),
            ">= 0.95x");
      } else {
        ratio("ferry / transfer manager dir" + rest, ferry, best(results, "tm-dir" + rest), "info");
      }
      if (!kind.equals("ferry-dir")) {
        System.out.printf(
            Locale.ROOT,
            "  peak heap %-27s %8.1f MiB (bound: part x (concurrency+1) + 32 = %d MiB) %s%n",
            rest.trim(),
            ferry[1],
            heapBound,
            ferry[1] <= heapBound ? "ok" : "OVER");
      }
    }
  }

  private static void ratio(String name, double[] ferry, double[] other, String target) {
    if (other == null) {
      return;
    }
    double r = ferry[2] / other[2];
    System.out.printf(Locale.ROOT, "  %-44s %6.2fx   target %s%n", name, r, target);
  }
}
