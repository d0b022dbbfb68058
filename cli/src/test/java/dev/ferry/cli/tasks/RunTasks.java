package dev.ferry.cli.tasks;

import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import dev.ferry.transformers.blob.FlyteDirectory;
import dev.ferry.transformers.blob.FlyteFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

/** Tasks {@code ferry run} tests give files, directories and child actions. */
public final class RunTasks {
  private RunTasks() {}

  /** Inputs of {@code files}: a file and a directory. */
  public record Files(FlyteFile file, FlyteDirectory dir) {}

  /** A data reference with a static {@code of(URI)}, as StructuredDataset has. */
  public record Ref(URI uri) {
    public static Ref of(URI uri) {
      return new Ref(uri);
    }
  }

  static final TaskEnvironment ENV = TaskEnvironment.of("runs");

  static String describe(Files in) throws IOException {
    long bytes;
    try (InputStream s = in.file().open()) {
      bytes = s.readAllBytes().length;
    }
    List<FlyteFile> files = in.dir().list();
    return in.file().name() + ":" + bytes + " bytes, dir of " + files.size() + " files";
  }

  /** Writes a local file of {@code mib} MiB and returns it (the executor uploads it). */
  static FlyteFile bigFile(long mib) throws IOException {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("ferry-big-", ".bin");
    byte[] block = new byte[1 << 20];
    java.util.Arrays.fill(block, (byte) 7);
    try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(f)) {
      for (long i = 0; i < mib; i++) {
        out.write(block);
      }
    }
    return FlyteFile.of(f);
  }

  static long square(long x) {
    return x * x;
  }

  static long sumOfSquares(long n) {
    long sum = 0;
    for (long i = 1; i <= n; i++) {
      sum += SQUARE.call(i);
    }
    return sum;
  }

  public static final Task<Files, String> FILES = ENV.task("files", RunTasks::describe);

  /** Returns a file of {@code mib} MiB, uploaded as its output. */
  public static final Task<Long, FlyteFile> BIG_FILE = ENV.task("big_file", RunTasks::bigFile);

  public static final Task<Long, Long> SQUARE = ENV.task("square", RunTasks::square);

  /** One action per i in 1..n plus its own. */
  public static final Task<Long, Long> SUM_OF_SQUARES =
      ENV.task("sum_of_squares", RunTasks::sumOfSquares);
}
